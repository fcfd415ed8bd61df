"""The plan list's issuing-unit filter offers every unit in scope and keeps the chosen one selected."""

from django.urls import reverse

from tests.conftest import client_for


def test_the_chosen_issuing_unit_stays_selected(world, official):
    """Given a filter on the commune, when the list is shown, then only the commune's option is selected."""
    page = client_for(official).get(reverse("plans:plan_list"), {"issuing_unit": world.commune.pk}).content.decode()
    assert f'<option value="{world.commune.pk}" selected>{world.commune}</option>' in page
    assert f'<option value="{world.department.pk}">{world.department}</option>' in page
    select = page[page.index('id="id_issuing_unit"') :]
    assert select[: select.index("</select>")].count(" selected") == 1


def test_no_unit_is_selected_without_a_filter(world, official):
    page = client_for(official).get(reverse("plans:plan_list")).content.decode()
    assert f'<option value="{world.commune.pk}">{world.commune}</option>' in page
