"""The import review shows the original text as it was written, line by line, in a pane a keyboard can scroll."""

import html
import re

from django.urls import reverse

from plans.demo import SEEDS
from plans.importing.persist import plan_import_file
from tests.conftest import client_for

THUONG_HONG = (SEEDS / "thuong-hong-2025-dan-van-kheo.txt").read_bytes()


def source_pane(page: str) -> re.Match:
    match = re.search(r'<div ([^>]*id="source-text"[^>]*)>(.*?)</div>', page, re.S)
    assert match, "no original-text pane"
    return match


def test_original_text_pane_keeps_every_line_break(world, official):
    """Given an imported plan, when the official opens its review, then each line of the original is its own line
    in the "Văn bản gốc" pane, and the pane is a labelled region reachable with the Tab key."""
    record = plan_import_file(
        data=THUONG_HONG, filename="kh-31.txt", issuing_unit=world.commune, by=official, record_issued=False
    )

    page = client_for(official).get(reverse("plans:import_review", args=[record.pk])).content.decode()

    attributes, body = source_pane(page).groups()
    shown = [html.unescape(line).strip() for line in re.split(r"<br\s*/?>", body)]
    assert shown == [line.strip() for line in record.source_text.splitlines()]
    assert len(shown) > 100
    assert 'tabindex="0"' in attributes and 'role="region"' in attributes
    label = re.search(r'aria-labelledby="([^"]+)"', attributes)[1]
    assert re.search(rf'id="{label}"[^>]*>Văn bản gốc<', page)
