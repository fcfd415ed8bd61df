"""The task list's unit and plan selects are printed once per government and dropped by a change (issue 19)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import IssuedPlanFactory

URL = reverse("tasks:task_list")


def select_html(response, name: str) -> str:
    content = response.content.decode()
    start = content.index(f'name="{name}"')
    return content[start : content.index("</select>", start)]


def test_options_are_read_once_per_government(world, plan, task):
    """Given the list shown once, when another official of the commune opens it, then no plan or unit is read for its selects."""
    client_for(world.users["official"]).get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client_for(world.users["leader"]).get(URL)
    option_reads = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "plans_plan"."id"') and "LIMIT 100" in q["sql"]
    ]
    assert option_reads == []
    assert plan.title in select_html(response, "plan")
    assert "Phòng Văn hóa - Xã hội" in select_html(response, "lead_unit")


def test_a_new_plan_is_offered_at_once(world, plan, task):
    """Given the options printed, when the commune issues another plan, then the next page offers it."""
    client = client_for(world.users["official"])
    client.get(URL)
    newer = IssuedPlanFactory(issuing_unit=world.commune, title="Kế hoạch mới ban hành về dân vận khéo")
    assert newer.title in select_html(client.get(URL), "plan")


def test_a_renamed_unit_is_offered_at_once(world, plan, task):
    """Given the options printed, when a department is renamed, then the next page offers the new name."""
    client = client_for(world.users["official"])
    client.get(URL)
    world.department.name = "Phòng Văn hóa và Thông tin"
    world.department.save()
    assert "Phòng Văn hóa và Thông tin" in select_html(client.get(URL), "coordinating_unit")


def test_the_chosen_option_is_selected(world, plan, task):
    """Given a lead unit and plan chosen, when the list is shown, then both selects show them selected."""
    response = client_for(world.users["official"]).get(URL, {"lead_unit": world.department.pk, "plan": plan.pk})
    assert f'<option value="{world.department.pk}" selected>' in select_html(response, "lead_unit")
    assert f'<option value="{world.department.pk}" selected>' not in select_html(response, "coordinating_unit")
    assert f'<option value="{plan.pk}" selected>' in select_html(response, "plan")


def test_a_unit_in_scope_outside_the_options_is_offered_selected(world, plan, task):
    """Given a supervisor filtering by a commune department (not among the city's options), then it is shown first, selected."""
    response = client_for(world.users["supervisor"]).get(URL, {"lead_unit": world.other_department.pk})
    assert select_html(response, "lead_unit").count("Văn phòng HĐND và UBND") == 1
    assert f'<option value="{world.other_department.pk}" selected>Văn phòng HĐND và UBND</option>' in select_html(
        response, "lead_unit"
    )
