"""No indicator table is lost: the indicators are saved with their registration, under its version, so two
heads editing the same table at once see a 409 with the saved table beside the one they typed."""

import re

from django.urls import reverse

from tests.bad_inputs.requests_helpers import registration_form
from tests.conftest import client_for
from tests.factories import UserFactory
from units.choices import Role


def test_second_save_of_an_indicator_table_is_409_and_the_first_table_is_kept(world, draft, unit_head):
    """Given two heads of one unit with the same registration open, when both change its first indicator,
    then the second gets 409 showing the saved indicator beside the one they typed, and the first's stays."""
    deputy = UserFactory(username="phophong", unit=world.other_department, role=Role.UNIT_HEAD)
    url = reverse("models_registry:registration_edit", args=[draft.pk])
    first, second = client_for(unit_head), client_for(deputy)
    versions = [
        re.search(r'name="version" value="(\d+)"', c.get(url).content.decode()).group(1) for c in (first, second)
    ]
    data = registration_form(draft)

    saved = first.post(url, {**data, "version": versions[0], "indicators-0-name": "Chỉ tiêu của người thứ nhất"})
    stale = second.post(url, {**data, "version": versions[1], "indicators-0-name": "Chỉ tiêu của người thứ hai"})

    assert saved.status_code == 302
    assert stale.status_code == 409
    page = stale.content.decode()
    conflict = page[page.index('role="alert"') : page.index("Bản bạn vừa gõ vẫn ở dưới")]
    assert "Chỉ tiêu của người thứ nhất" in conflict
    assert 'value="Chỉ tiêu của người thứ hai"' in page
    assert [i.name for i in draft.indicators.all()][0] == "Chỉ tiêu của người thứ nhất"
