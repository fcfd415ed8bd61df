"""The plan list's unit filter: printed once per government and cache life, dropped when a unit changes (issue 19)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for


def unit_select(page: str) -> str:
    start = page.index('<select class="form-select" name="issuing_unit"')
    return page[start : page.index("</select>", start)]


def test_the_chosen_unit_stays_selected(world):
    """Given a filter on a department, when the list shows, then that option alone is selected."""
    client = client_for(world.users["supervisor"])
    select = unit_select(client.get(reverse("plans:plan_list"), {"issuing_unit": world.department.pk}).content.decode())
    assert f'<option value="{world.department.pk}" selected>' in select
    assert select.count(" selected>") == 1
    assert f'<option value="{world.commune.pk}">' in select


def test_the_units_are_read_once_then_a_renamed_unit_shows(world):
    """Given the supervisor's list shown once, when shown again, then the units are not read again; after a rename, they are."""
    client = client_for(world.users["supervisor"])
    client.get(reverse("plans:plan_list"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("plans:plan_list")).content.decode()
    assert not [q for q in queries if 'FROM "units_unit" WHERE "units_unit"."id" IN' in q["sql"]]
    assert f">{world.foreign_department}</option>" in unit_select(page)
    world.foreign_department.name = "Phòng Kinh tế, Hạ tầng và Đô thị"
    world.foreign_department.short_name = ""
    world.foreign_department.save()
    page = client.get(reverse("plans:plan_list")).content.decode()
    assert ">Phòng Kinh tế, Hạ tầng và Đô thị</option>" in unit_select(page)
