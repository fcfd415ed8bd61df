"""Bad inputs 48-49: another unit's ids, fields the form does not offer, ids too large, odd page and sort parameters."""

import pytest
from django.urls import reverse

from models_registry import services as registry
from models_registry.choices import RegistrationStatus
from models_registry.models import Registration
from plans.choices import PlanStatus, TaskStatus
from plans.models import Plan, ProgressUpdate
from tests.bad_inputs.requests_helpers import (  # noqa: F401 (fixtures)
    campaign,
    draft_registration,
    offered_field,
    other_registration,
    registration_form,
    report,
    tracked,
)
from tests.bad_inputs.values_helpers import plan_form
from tests.conftest import client_for
from tests.factories import PlanFactory
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS

HUGE_ID = "99999999999999999999"


# --- row 48: another unit's ids, fields the form does not offer ------------------------------


def test_row48_another_units_task_is_404(tracked, unit_head):
    client = client_for(unit_head)
    other = tracked["other"]
    assert client.get(reverse("tasks:task_detail", args=[other.pk])).status_code == 404
    data = {"reported_on": "15/10/2025", "percent": "50", "text": "Báo cáo nhầm đơn vị."}
    assert client.post(reverse("tasks:task_progress", args=[other.pk]), data).status_code == 404
    assert client.post(reverse("tasks:task_comment", args=[other.pk]), {"text": "Góp ý"}).status_code == 404
    assert not ProgressUpdate.objects.filter(task=other).exists()
    assert client.get(reverse("tasks:task_detail", args=[tracked["own"].pk])).status_code == 200


def test_row48_another_units_registration_is_404(other_registration, unit_head):
    client = client_for(unit_head)
    pk = other_registration.pk
    assert client.get(reverse("models_registry:registration_detail", args=[pk])).status_code == 404
    assert client.get(reverse("models_registry:registration_pdf", args=[pk])).status_code == 404
    edit = client.post(
        reverse("models_registry:registration_edit", args=[pk]),
        registration_form(other_registration, name="Sửa trộm"),
    )
    assert edit.status_code == 404
    assert client.post(reverse("models_registry:registration_submit", args=[pk])).status_code == 404
    stored = Registration.objects.get(pk=pk)
    assert (stored.name, stored.status) == ("Tổ hòa giải ở cơ sở", RegistrationStatus.DRAFT)


def test_row48_the_inbox_ignores_a_unit_in_the_query(world, tracked, unit_head):
    page = client_for(unit_head).get(reverse("tasks:unit_tasks"), {"unit": world.department.pk}).content.decode()
    assert "Tổ chức hội nghị dân vận" in page
    assert "Biên tập chuyên mục tuyên truyền" not in page


def test_row48_posted_unit_status_and_approver_are_ignored_on_a_registration(
    world, draft_registration, unit_head, leader
):
    url = reverse("models_registry:registration_edit", args=[draft_registration.pk])
    forged = {
        "unit": world.department.pk,
        "status": RegistrationStatus.RECOGNIZED,
        "approved_by": leader.pk,
        "evaluated_by": leader.pk,
        "created_by": leader.pk,
        "total_score": "100",
    }
    response = client_for(unit_head).post(url, registration_form(draft_registration, name="Tên mới", **forged))
    assert response.status_code == 302
    stored = Registration.objects.get(pk=draft_registration.pk)
    assert stored.name == "Tên mới"
    assert (stored.unit_id, stored.status, stored.created_by_id) == (
        world.other_department.pk,
        RegistrationStatus.DRAFT,
        unit_head.pk,
    )
    assert (stored.evaluated_by_id, stored.total_score) == (None, None)


def test_row48_posted_unit_is_ignored_when_registering(world, campaign, unit_head):
    data = registration_form(
        Registration(field=offered_field(campaign)), unit=world.department.pk, status=RegistrationStatus.ACCEPTED
    )
    response = client_for(unit_head).post(reverse("models_registry:registration_create", args=[campaign.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Registration.objects.get()
    assert (stored.unit_id, stored.status) == (world.other_department.pk, RegistrationStatus.DRAFT)


def test_row48_posted_unit_and_status_are_ignored_in_a_progress_report(world, tracked, unit_head, leader):
    task = tracked["own"]
    data = {
        "reported_on": "15/10/2025",
        "percent": "40",
        "text": "Đã họp triển khai.",
        "unit": world.department.pk,
        "author_unit": world.department.pk,
        "author": leader.pk,
        "status": TaskStatus.DONE,
        "previous_percent": "99",
        "approved_by": leader.pk,
    }
    assert client_for(unit_head).post(reverse("tasks:task_progress", args=[task.pk]), data).status_code == 302
    update = ProgressUpdate.objects.get(task=task)
    assert (update.author_id, update.author_unit_id, update.previous_percent, update.percent) == (
        unit_head.pk,
        world.other_department.pk,
        0,
        40,
    )
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 40)


def test_row48_posted_status_and_number_are_ignored_on_a_plan(world, official, leader):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    forged = {
        "status": PlanStatus.ISSUED,
        "number": "99",
        "year": "2025",
        "issued_on": "01/01/2025",
        "created_by": leader.pk,
        "approved_by": leader.pk,
        "issuing_unit": world.commune.pk,
    }
    response = client_for(official).post(reverse("plans:plan_edit", args=[plan.pk]), plan_form(plan, **forged))
    assert response.status_code == 302
    stored = Plan.objects.get(pk=plan.pk)
    assert (stored.status, stored.number, stored.year, stored.issued_on, stored.created_by_id) == (
        PlanStatus.DRAFT,
        None,
        None,
        None,
        official.pk,
    )


def test_row48_a_plan_cannot_be_moved_to_another_commune(world, official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    response = client_for(official).post(
        reverse("plans:plan_edit", args=[plan.pk]), plan_form(plan, issuing_unit=world.other_commune.pk)
    )
    assert response.status_code == 400
    assert Plan.objects.get(pk=plan.pk).issuing_unit_id == world.commune.pk


# --- row 49: ids too large for the database, page and ordering parameters --------------------


@pytest.mark.parametrize(
    "path",
    [
        f"/plans/{HUGE_ID}/",
        f"/plans/{HUGE_ID}/edit/",
        f"/plans/{HUGE_ID}/pdf/",
        f"/tasks/{HUGE_ID}/",
        f"/models/registrations/{HUGE_ID}/",
        f"/reports/{HUGE_ID}/",
        f"/units/{HUGE_ID}/",
        "/plans/-1/",
        "/plans/1e3/",
    ],
    ids=["plan", "plan-edit", "plan-pdf", "task", "registration", "report", "unit", "negative", "exponent"],
)
def test_row49_ids_the_database_cannot_hold_are_404(official, path):
    assert client_for(official).get(path).status_code == 404


@pytest.fixture
def lists(world, plans, report, campaign):
    """Each list page with a row it shows: {url name: text of the row}."""
    registration = registry.registration_create(
        campaign=campaign,
        by=world.users["unit_head"],
        indicators=INDICATORS,
        field=offered_field(campaign),
        **{**REGISTRATION_FIELDS, "name": "Mô hình dân vận khéo để thử trang"},
    )
    registry.registration_submit(registration=registration, by=world.users["unit_head"])
    return {
        "plans:plan_list": plans[PlanStatus.ISSUED].title,
        "tasks:task_list": plans[PlanStatus.ISSUED].tasks.get().content,
        "models_registry:registration_list": registration.name,
        "reports:report_list": report.title,
        "units:unit_list": world.department.name,
    }


@pytest.mark.parametrize(
    "name",
    [
        "plans:plan_list",
        "tasks:task_list",
        "models_registry:registration_list",
        "reports:report_list",
        "units:unit_list",
    ],
)
@pytest.mark.parametrize(
    "query",
    [
        {"page": "-1"},
        {"page": "0"},
        {"page": "abc"},
        {"page": HUGE_ID},
        {"page": "1e9"},
        {"ordering": "password"},
        {"sort": "password"},
        {"sort": "created_by__password"},
        {"ordering": "-created_by__password", "page": "-1", "sort": "-id;DROP TABLE plans_plan"},
    ],
    ids=[
        "page-minus-1",
        "page-0",
        "page-abc",
        "page-huge",
        "page-exponent",
        "ordering",
        "sort",
        "sort-relation",
        "all-at-once",
    ],
)
def test_row49_list_pages_clamp_the_page_and_ignore_unknown_orderings(official, lists, name, query):
    response = client_for(official).get(reverse(name), query)
    assert response.status_code == 200
    content = response.content.decode()
    assert lists[name] in content
