"""The Django admin cannot rewrite the official record, and every write made there is audited (issue #13)."""

import datetime
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from danvan.admin_mixins import AuditedAdminMixin
from danvan.models import AuditAction, AuditEntry
from models_registry.choices import RegistrationStatus
from models_registry.models import Registration
from plans.models import Plan, Task
from reports.models import PeriodicReport
from tests.conftest import client_for
from tests.factories import PlanFactory, RegistrationFactory, TaskFactory, UserFactory

PORTAL_APPS = {"units", "plans", "models_registry", "reports", "danvan"}


@pytest.fixture
def superuser(world):
    return UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)


@pytest.fixture
def client(superuser):
    return client_for(superuser)


def admin_url(obj, view: str = "change") -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def posted_back(client, url: str, **changes) -> dict:
    """Return what the admin form at `url` posts back with `changes`: each field as shown, inline rows untouched."""
    page = client.get(url)
    assert page.status_code == 200
    data = {}
    for bound in page.context["adminform"].form:
        value = bound.value()
        if value is not None:
            data[bound.html_name] = value
    for inline in page.context.get("inline_admin_formsets", []):
        data.update({f"{inline.formset.prefix}-TOTAL_FORMS": 0, f"{inline.formset.prefix}-INITIAL_FORMS": 0})
    return {**data, **changes}


def editable_controls(page: str) -> list[str]:
    """Return the names of the inputs, text areas, lists and buttons a person could fill in or press on `page`."""
    controls = re.findall(r"<(?:input|textarea|select|button)\b[^>]*>", page)
    return [
        re.search(r'name="([^"]+)"', control).group(1)
        for control in controls
        if 'name="' in control and 'type="hidden"' not in control
    ]


def issued_report(world) -> PeriodicReport:
    return PeriodicReport.objects.create(
        unit=world.commune,
        period_kind="year",
        year=2025,
        title="Báo cáo công tác dân vận năm 2025",
        created_by=world.users["official"],
        status="issued",
        number=3,
        number_year=2025,
        issued_on=datetime.date(2025, 12, 20),
    )


def registration_in(world, status: str) -> Registration:
    return RegistrationFactory(
        unit=world.department,
        campaign__issuing_unit=world.commune,
        status=status,
        recognition_level="commune" if status == RegistrationStatus.RECOGNIZED else "",
        drop_reason="Đơn vị sáp nhập" if status == RegistrationStatus.DROPPED else "",
        created_by=world.users["official"],
    )


def final_records(world, plans) -> list[tuple[object, dict]]:
    """Return an issued plan, an issued report and a recognized registration, each with an attempted rewrite."""
    other = world.other_commune.pk
    return [
        (plans["issued"], {"title": "Kế hoạch đã bị sửa", "issuing_unit": other}),
        (issued_report(world), {"title": "Báo cáo đã bị sửa", "unit": other}),
        (registration_in(world, RegistrationStatus.RECOGNIZED), {"name": "Mô hình đã bị sửa", "unit": other}),
    ]


def test_change_form_post_does_not_rewrite_issued_plan_report_or_recognized_registration(world, plans, client):
    """Given final records, when the admin posts a new title and unit, then 403 and the database is unchanged."""
    for record, changes in final_records(world, plans):
        before = type(record).objects.values().get(pk=record.pk)
        response = client.post(admin_url(record), posted_back(client, admin_url(record), **changes))
        assert response.status_code == 403, record
        assert type(record).objects.values().get(pk=record.pk) == before
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


def test_final_records_show_every_field_and_inline_row_read_only_without_delete(world, plans, client):
    """Given final records, when the admin opens them, then no input, no inline add or delete, no delete link."""
    for record, _changes in final_records(world, plans):
        page = client.get(admin_url(record)).content.decode()
        assert editable_controls(page) == [], record
        assert "__prefix__" not in page, record  # the blank row "add another" copies
        assert admin_url(record, "delete") not in page, record
        assert client.get(admin_url(record, "delete")).status_code == 403
        assert client.post(admin_url(record, "delete"), {"post": "yes"}).status_code == 403
        assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("status", [RegistrationStatus.NOT_RECOGNIZED, RegistrationStatus.DROPPED])
def test_not_recognized_and_dropped_registrations_are_final_too(world, client, status):
    registration = registration_in(world, status)
    assert client.post(admin_url(registration, "delete"), {"post": "yes"}).status_code == 403
    response = client.post(admin_url(registration), posted_back(client, admin_url(registration), name="Đổi tên"))
    assert response.status_code == 403
    assert Registration.objects.get(pk=registration.pk).name != "Đổi tên"


def test_history_revert_of_issued_plan_is_refused(world, plans, client):
    """Given an issued plan's history, when the admin posts the revert form with a new title, then 403."""
    plan = plans["issued"]
    url = reverse("admin:plans_plan_simple_history", args=[plan.pk, plan.history.latest().history_id])
    response = client.post(url, posted_back(client, url, title="Kế hoạch đã bị sửa"))
    assert response.status_code == 403
    assert Plan.objects.get(pk=plan.pk).title == plans["issued"].title


def test_task_of_issued_plan_cannot_be_changed_deleted_or_added(world, plans, client):
    task = plans["issued"].tasks.get()
    response = client.post(admin_url(task), posted_back(client, admin_url(task), content="Nhiệm vụ đã bị sửa"))
    assert response.status_code == 403
    assert client.post(admin_url(task, "delete"), {"post": "yes"}).status_code == 403
    data = posted_back(client, admin_url(plans["draft"].tasks.get()))
    response = client.post(reverse("admin:plans_task_add"), {**data, "plan": plans["issued"].pk})
    assert response.status_code == 200 and "plan" in response.context["adminform"].form.errors
    assert Task.objects.get(pk=task.pk).content == task.content
    assert plans["issued"].tasks.count() == 1


def test_bulk_delete_refuses_a_selection_holding_an_issued_plan(world, plans, client):
    selected = [plans["draft"].pk, plans["issued"].pk]
    response = client.post(
        reverse("admin:plans_plan_changelist"),
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
    )
    assert response.status_code == 403
    assert Plan.objects.filter(pk__in=selected).count() == 2
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE).exists()


def test_change_of_draft_plan_writes_one_row_naming_the_changed_fields(world, plans, client, superuser):
    """Given a draft, when the admin changes its title and place, then it is saved and one row names both fields."""
    plan = plans["draft"]
    data = posted_back(client, admin_url(plan), title="Kế hoạch sửa trong trang quản trị", place_name="Kim Thành")
    assert client.post(admin_url(plan), data).status_code == 302
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.title, saved.place_name, saved.status) == ("Kế hoạch sửa trong trang quản trị", "Kim Thành", "draft")
    row = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert (row.user, row.object_type, row.object_id) == (superuser, "plans.Plan", str(plan.pk))
    assert "Trích yếu" in row.summary and "Địa danh" in row.summary
    assert "Ký hiệu" not in row.summary and "Cơ quan ban hành" not in row.summary


def test_add_writes_one_create_row(world, client, superuser):
    data = {"number_symbol": "45/QĐ-UBND", "doc_type": "quyet_dinh", "issued_on": "2025-03-01", "issuer": "UBND xã"}
    assert (
        client.post(reverse("admin:plans_referencedocument_add"), {**data, "summary": "", "plan": ""}).status_code
        == 302
    )
    row = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert (row.user, row.object_type) == (superuser, "plans.ReferenceDocument")
    assert "45/QĐ-UBND" in row.summary


def test_delete_writes_one_delete_row(world, plans, client, superuser):
    plan = plans["draft"]
    assert client.post(admin_url(plan, "delete"), {"post": "yes"}).status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()
    row = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert (row.user, row.object_type, row.object_id) == (superuser, "plans.Plan", str(plan.pk))


def test_bulk_delete_of_two_drafts_writes_a_row_for_each(world, client):
    drafts = [PlanFactory(issuing_unit=world.commune, created_by=world.users["official"]) for _ in range(2)]
    for plan in drafts:
        TaskFactory(plan=plan)
    selected = [plan.pk for plan in drafts]
    response = client.post(
        reverse("admin:plans_plan_changelist"),
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Plan.objects.filter(pk__in=selected).exists()
    rows = AuditEntry.objects.filter(action=AuditAction.DELETE)
    assert sorted(rows.values_list("object_id", flat=True)) == sorted(str(pk) for pk in selected)


def test_every_portal_admin_is_audited():
    """Given the admin site, every ModelAdmin of a portal app but the read-only trail writes audit rows."""
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PORTAL_APPS
        and model is not AuditEntry
        and not isinstance(model_admin, AuditedAdminMixin)
    ]
    assert unaudited == []
