"""Rows 45-52 of docs/bad-inputs.md: races, stale edits, replays, other units' ids, odd URLs, CSRF, hosts, logins.

Each request is made the way a browser (or someone replaying one) would make it; the
answer is a clear refusal or a harmless page, what is stored stays as it was, and
never a 500.
"""

import datetime
import logging
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.db.models import F, QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.models import AuditAction, AuditEntry
from models_registry import services as registry
from models_registry.choices import RegistrationStatus
from models_registry.models import Campaign, Registration, RegistrationTransition
from plans.choices import PlanStatus, TaskStatus
from plans.models import Plan, PlanTransition, ProgressUpdate, ReferenceDocument, ReferenceDocumentQuerySet
from reports import services as reporting
from reports.choices import ReportStatus
from reports.models import PeriodicReport, ReportTransition
from tests.bad_inputs.test_values import plan_form
from tests.conftest import client_for
from tests.danvan.test_accounts import WRONG_LOGIN, login
from tests.factories import TEST_PASSWORD, IssuedPlanFactory, PlanFactory, TaskFactory, UserFactory
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS
from units.choices import Role

HUGE_ID = "99999999999999999999"


# --- given ------------------------------------------------------------------------------------


@pytest.fixture
def second_official(world):
    """Another official of the commune's Phòng Văn hóa - Xã hội: the second editor."""
    return UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL)


@pytest.fixture
def campaign(world, official):
    """The commune's 2025 "Dân vận khéo" campaign, open for another month."""
    today = timezone.localdate()
    return registry.campaign_create(
        by=official,
        name="Phong trào thi đua “Dân vận khéo” năm 2025",
        year=2025,
        registration_deadline=today + datetime.timedelta(days=30),
        report_deadline=today + datetime.timedelta(days=90),
    )


def offered_field(campaign):
    return campaign.offered_fields.order_by("position", "pk").first()


@pytest.fixture
def draft_registration(campaign, unit_head):
    """A draft registration of the unit head's unit (Văn phòng HĐND và UBND)."""
    return registry.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=offered_field(campaign), **REGISTRATION_FIELDS
    )


@pytest.fixture
def other_registration(campaign, world, official):
    """A draft registration of the official's department: another unit's, for the unit head."""
    head = UserFactory(username="truongphongvhxh", unit=world.department, role=Role.UNIT_HEAD)
    return registry.registration_create(
        campaign=campaign,
        by=head,
        indicators=INDICATORS,
        field=offered_field(campaign),
        **{**REGISTRATION_FIELDS, "name": "Tổ hòa giải ở cơ sở"},
    )


@pytest.fixture
def report(world, official):
    """The commune's draft report for the second half of 2025."""
    return reporting.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)


@pytest.fixture
def tracked(world):
    """An issued plan with a task of the unit head's unit and a task of the official's department."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    return {
        "own": TaskFactory(plan=plan, lead_units=[world.other_department], content="Tổ chức hội nghị dân vận"),
        "other": TaskFactory(plan=plan, lead_units=[world.department], content="Biên tập chuyên mục tuyên truyền"),
    }


def registration_form(registration, **overrides) -> dict:
    """Return the POST data of the registration form (edit page, or new when unsaved) with its indicator table."""
    data = {
        **{k: v for k, v in REGISTRATION_FIELDS.items() if k not in ("start_date", "end_date")},
        "start_date": "01/10/2025",
        "end_date": "31/12/2025",
        "field": registration.field_id,
        "version": Registration.objects.get(pk=registration.pk).version if registration.pk else "",
        "indicators-TOTAL_FORMS": len(INDICATORS),
        "indicators-INITIAL_FORMS": 0,
        "indicators-MIN_NUM_FORMS": 0,
        "indicators-MAX_NUM_FORMS": 30,
        **overrides,
    }
    for index, row in enumerate(INDICATORS):
        for key, value in row.items():
            data[f"indicators-{index}-{key}"] = value
    return data


def audit_rows(obj) -> list[str]:
    """Return the actions of the audit rows about `obj`, oldest first."""
    rows = AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by("pk")
    return list(rows.values_list("action", flat=True))


def shown_messages(client, url) -> str:
    return client.get(url).content.decode()


# --- row 45: two tabs create the same number ---------------------------------------------------


def test_row45_two_tabs_issuing_at_once_one_wins_the_other_is_told(world, official, leader):
    """Given two approved plans, when tab 2 read the last number before tab 1's issue committed, then tab 2 is
    refused with a message, its plan stays approved, and tab 1 keeps the number.

    The real race needs PostgreSQL (tests/plans/test_concurrency.py); here tab 2's stale read is replayed.
    """
    first, second = (
        PlanFactory(issuing_unit=world.commune, created_by=official, status=PlanStatus.APPROVED, title=title)
        for title in ("Kế hoạch của tab thứ nhất", "Kế hoạch của tab thứ hai")
    )
    tab1, tab2 = client_for(leader), client_for(leader)
    assert tab1.post(reverse("plans:plan_issue", args=[first.pk])).status_code == 302
    winner = Plan.objects.get(pk=first.pk)
    assert winner.status == PlanStatus.ISSUED

    real_aggregate = QuerySet.aggregate

    def read_before_the_winner_committed(queryset, *args, **kwargs):
        if queryset.model is Plan and "last" in kwargs:
            return {"last": None}
        return real_aggregate(queryset, *args, **kwargs)

    with mock.patch.object(QuerySet, "aggregate", read_before_the_winner_committed):
        response = tab2.post(reverse("plans:plan_issue", args=[second.pk]))
    assert response.status_code == 302
    page = shown_messages(tab2, response["Location"])
    assert "Số văn bản vừa được cấp cho kế hoạch khác; xin bấm Ban hành lại." in page
    loser = Plan.objects.get(pk=second.pk)
    assert (loser.status, loser.number) == (PlanStatus.APPROVED, None)
    assert Plan.objects.get(pk=first.pk).number == winner.number
    assert tab2.post(reverse("plans:plan_issue", args=[second.pk])).status_code == 302
    assert Plan.objects.get(pk=second.pk).number == winner.number + 1


def add_reference(client, number_symbol):
    data = {
        "doc_type": "quyet_dinh",
        "number_symbol": number_symbol,
        "issued_on": "06/08/2025",
        "issuer": "UBND thành phố Hải Phòng",
        "summary": "ban hành danh mục nhiệm vụ công tác dân vận",
    }
    return client.post(reverse("plans:reference_create"), data)


def test_row45_two_tabs_adding_one_document_to_the_catalogue(official, second_official):
    """The second tab to add 3177/QĐ-UBND gets a form error naming the duplicate; one entry is stored."""
    first = add_reference(client_for(official), "3177/QĐ-UBND")
    second = add_reference(client_for(second_official), "3177/qđ\u2013ubnd")
    assert first.status_code == 200
    assert second.status_code == 400
    assert "Văn bản này đã có trong danh mục" in second.content.decode()
    assert ReferenceDocument.objects.count() == 1


def test_row45_two_tabs_passing_the_check_at_the_same_instant(official, second_official):
    """When both tabs passed the duplicate check before either saved, the database refuses the second: a form
    error, not a 500."""
    assert add_reference(client_for(official), "3177/QĐ-UBND").status_code == 200
    with mock.patch.object(ReferenceDocumentQuerySet, "same_document", lambda self, **kwargs: self.none()):
        second = add_reference(client_for(second_official), "3177/QĐ-UBND")
    assert second.status_code == 400
    assert "Văn bản này vừa được thêm vào danh mục" in second.content.decode()
    assert ReferenceDocument.objects.count() == 1


# --- row 46: stale edit by a second editor ----------------------------------------------------


def test_row46_stale_plan_edit_is_409_with_both_versions(world, official, second_official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official, title="Bản gốc")
    version = Plan.objects.get(pk=plan.pk).version
    first = client_for(official).post(
        reverse("plans:plan_edit", args=[plan.pk]), plan_form(plan, title="Bản của người thứ nhất", version=version)
    )
    assert first.status_code == 302
    stale = client_for(second_official).post(
        reverse("plans:plan_edit", args=[plan.pk]), plan_form(plan, title="Bản của người thứ hai", version=version)
    )
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Bản của người thứ nhất" in page and "Bản của người thứ hai" in page
    assert Plan.objects.get(pk=plan.pk).title == "Bản của người thứ nhất"


def test_row46_stale_registration_edit_is_409_with_both_versions(world, draft_registration, unit_head):
    deputy = UserFactory(username="phophong", unit=world.other_department, role=Role.UNIT_HEAD)
    url = reverse("models_registry:registration_edit", args=[draft_registration.pk])
    data = registration_form(draft_registration)
    assert client_for(unit_head).post(url, {**data, "name": "Mô hình của người thứ nhất"}).status_code == 302
    stale = client_for(deputy).post(url, {**data, "name": "Mô hình của người thứ hai"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Mô hình của người thứ nhất" in page and "Mô hình của người thứ hai" in page
    assert Registration.objects.get(pk=draft_registration.pk).name == "Mô hình của người thứ nhất"


def test_row46_stale_report_edit_is_409_with_both_versions(report, official, second_official):
    url = reverse("reports:report_edit", args=[report.pk])
    data = {
        "title": report.title,
        "results": report.results,
        "limitations_and_causes": report.limitations_and_causes,
        "proposals": report.proposals,
        "version": report.version,
    }
    assert client_for(official).post(url, {**data, "proposals": "Đề xuất của người thứ nhất"}).status_code == 302
    stale = client_for(second_official).post(url, {**data, "proposals": "Đề xuất của người thứ hai"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Đề xuất của người thứ nhất" in page and "Đề xuất của người thứ hai" in page
    assert PeriodicReport.objects.get(pk=report.pk).proposals == "Đề xuất của người thứ nhất"


def test_row46_stale_campaign_edit_is_409_with_both_versions(campaign, official, second_official):
    url = reverse("models_registry:campaign_edit", args=[campaign.pk])
    form_page = client_for(official).get(url).content.decode()
    assert f'name="version" value="{campaign.version}"' in form_page
    data = {
        "name": campaign.name,
        "year": campaign.year,
        "registration_deadline": campaign.registration_deadline.strftime("%d/%m/%Y"),
        "report_deadline": campaign.report_deadline.strftime("%d/%m/%Y"),
        "target_percent": campaign.target_percent,
        "eligible_units": [unit.pk for unit in campaign.eligible_units.all()],
        "offered_fields": [field.pk for field in campaign.offered_fields.all()],
        "version": campaign.version,
    }
    assert client_for(official).post(url, {**data, "name": "Phong trào của người thứ nhất"}).status_code == 302
    stale = client_for(second_official).post(url, {**data, "name": "Phong trào của người thứ hai"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Phong trào của người thứ nhất" in page and "Phong trào của người thứ hai" in page
    assert Campaign.objects.get(pk=campaign.pk).name == "Phong trào của người thứ nhất"


# --- row 47: double click, replayed request ---------------------------------------------------


def click_twice(client, url) -> list[int]:
    return [client.post(url).status_code for _ in range(2)]


def test_row47_double_approve_of_a_plan_moves_it_once(plans, leader):
    plan = plans[PlanStatus.SUBMITTED]
    assert click_twice(client_for(leader), reverse("plans:plan_approve", args=[plan.pk])) == [302, 302]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED
    assert PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.APPROVED).count() == 1
    assert audit_rows(plan) == [AuditAction.TRANSITION]


def test_row47_double_issue_of_a_plan_takes_one_number(plans, leader):
    plan = plans[PlanStatus.APPROVED]
    client = client_for(leader)
    url = reverse("plans:plan_issue", args=[plan.pk])
    assert client.post(url).status_code == 302
    number = Plan.objects.get(pk=plan.pk).number
    assert client.post(url).status_code == 302
    issued = Plan.objects.get(pk=plan.pk)
    assert (issued.status, issued.number) == (PlanStatus.ISSUED, number)
    assert Plan.objects.filter(issuing_unit=plan.issuing_unit, year=issued.year, number__isnull=False).count() == 1
    assert PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.ISSUED).count() == 1
    assert audit_rows(plan) == [AuditAction.TRANSITION]


def test_row47_double_accept_of_a_registration_moves_it_once(draft_registration, unit_head, official):
    registry.registration_submit(registration=draft_registration, by=unit_head)
    before = audit_rows(draft_registration)
    url = reverse("models_registry:registration_accept", args=[draft_registration.pk])
    assert click_twice(client_for(official), url) == [302, 302]
    assert Registration.objects.get(pk=draft_registration.pk).status == RegistrationStatus.ACCEPTED
    accepted = RegistrationTransition.objects.filter(
        registration=draft_registration, to_status=RegistrationStatus.ACCEPTED
    )
    assert accepted.count() == 1
    assert audit_rows(draft_registration)[len(before) :] == [AuditAction.TRANSITION]


def test_row47_double_approve_of_a_report_moves_it_once(report, official, leader):
    reporting.report_submit(report=report, by=official)
    before = audit_rows(report)
    assert click_twice(client_for(leader), reverse("reports:report_approve", args=[report.pk])) == [302, 302]
    assert PeriodicReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED
    assert ReportTransition.objects.filter(report=report, to_status=ReportStatus.APPROVED).count() == 1
    assert audit_rows(report)[len(before) :] == [AuditAction.TRANSITION]


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


# --- row 50: no CSRF token; a foreign Host ---------------------------------------------------


def test_row50_a_post_without_csrf_token_is_403_and_writes_nothing(world, official):
    client = Client(enforce_csrf_checks=True)
    client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("plans:plan_create"),
        {"title": "Kế hoạch gửi từ trang lạ", "kind": "other", "doc_type": "KH", "issuing_unit": world.commune.pk},
    )
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    assert not Plan.objects.filter(title="Kế hoạch gửi từ trang lạ").exists()


def test_row50_a_post_with_the_token_of_the_page_goes_through(world, official):
    """The same post with the token the form carries succeeds: the 403 above is the check, not a broken form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
    client.get(reverse("plans:plan_create"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("plans:plan_create"),
        {
            "title": "Kế hoạch gửi đúng",
            "kind": "other",
            "doc_type": "KH",
            "issuing_unit": world.commune.pk,
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert Plan.objects.filter(title="Kế hoạch gửi đúng").exists()


def test_row50_a_login_without_csrf_token_is_403(official):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "canbo", "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in response.wsgi_request.session


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/"), ("get", "/plans/"), ("get", "/accounts/login/"), ("post", "/accounts/login/")],
    ids=["home", "plan-list", "login-page", "login-post"],
)
def test_row50_a_foreign_host_is_400(official, method, path):
    response = getattr(Client(HTTP_HOST="evil.example"), method)(path)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Yêu cầu không hợp lệ" in content
    assert "evil.example" not in content


def test_row50_a_forwarded_host_is_not_trusted(official):
    response = client_for(official).get(reverse("home"), HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()


# --- row 51: a forged log line in the user name -------------------------------------------------


def test_row51_forged_log_line_in_username_fails_and_logs_one_line(world, caplog):
    """Given an account "admin", its password with the name "admin\\r\\n[INFO] fake" does not log in, and every log
    line and audit row about the failure stays on one line."""
    UserFactory(username="admin", unit=world.commune, role=Role.OFFICIAL)
    forged = "admin\r\n[INFO] fake"
    axes_logger = logging.getLogger("axes")  # it does not propagate to the root logger caplog listens on
    axes_logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.INFO):
            response = login(Client(), forged, TEST_PASSWORD)
    finally:
        axes_logger.removeHandler(caplog.handler)
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    lines = [record.getMessage() for record in caplog.records]
    assert any("admin [INFO] fake" in line for line in lines), "the failed login is logged, on one line"
    assert [line for line in lines if "\r" in line or "\n" in line] == []
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.username == "admin [INFO] fake"
    assert all(not {"\r", "\n"} & set(name) for name in AccessAttempt.objects.values_list("username", flat=True))


# --- row 52: guessing passwords -------------------------------------------------------------


def test_row52_sixty_wrong_passwords_lock_the_pair_until_the_cool_off(world, official, settings):
    """Given 60 wrong passwords for canbo from one address, the right one is 429 from there until the cool-off;
    another name from that address and canbo from another address log in meanwhile."""
    colleague = UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL)
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [login(attacker, "canbo", f"sai-mat-khau-{attempt}").status_code for attempt in range(60)]
    assert set(statuses[: settings.AXES_FAILURE_LIMIT - 1]) == {200}
    assert set(statuses[settings.AXES_FAILURE_LIMIT :]) == {429}
    locked = login(attacker, "canbo", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session

    assert login(Client(REMOTE_ADDR="203.0.113.7"), colleague.username, TEST_PASSWORD).status_code == 302
    assert login(Client(REMOTE_ADDR="198.51.100.9"), "canbo", TEST_PASSWORD).status_code == 302
    assert login(attacker, "canbo", TEST_PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    after = login(attacker, "canbo", TEST_PASSWORD)
    assert after.status_code == 302
    assert attacker.session["_auth_user_id"] == str(official.pk)
