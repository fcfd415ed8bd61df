"""The roll-up's numbers are written once in the view, exactly as the template's localisation wrote them."""

import pytest
from django.test import override_settings
from django.utils import formats, translation

from reports.views.dashboards import integer_text


@pytest.mark.parametrize("grouping", [False, True])
def test_integer_text_writes_what_localize_writes(grouping):
    """Given Vietnamese with or without thousand separators, each integer reads as `localize` writes it."""
    with override_settings(USE_THOUSAND_SEPARATOR=grouping), translation.override("vi"):
        number = integer_text()
        for value in (0, 7, -5, 1234, 100_000, 12_345_678):
            assert number(value) == formats.localize(value)
    if grouping:
        with override_settings(USE_THOUSAND_SEPARATOR=True), translation.override("vi"):
            assert integer_text()(100_000) == "100.000"
