"""The registration list's unit filter offers the commune's units and keeps the chosen one selected."""

from django.urls import reverse

from tests.conftest import client_for


def unit_select(page: str) -> str:
    select = page[page.index('id="id_unit"') :]
    return select[: select.index("</select>")]


def test_the_chosen_unit_stays_selected(world, campaign, official):
    """Given a filter on one unit, when the list is shown, then that unit's option alone is selected."""
    url = reverse("models_registry:registration_list")
    select = unit_select(client_for(official).get(url, {"unit": world.department.pk}).content.decode())
    assert f'<option value="{world.department.pk}" selected>{world.department.name}</option>' in select
    assert f'<option value="{world.other_department.pk}">{world.other_department.name}</option>' in select
    assert select.count(" selected") == 1
