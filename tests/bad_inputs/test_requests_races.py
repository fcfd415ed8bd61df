"""Bad inputs 45-47: two tabs at once, a stale edit by a second editor, a double click or a replayed request."""

from unittest import mock

from django.db.models import QuerySet
from django.urls import reverse

from danvan.models import AuditAction
from models_registry import services as registry
from models_registry.choices import RegistrationStatus
from models_registry.models import Campaign, Registration, RegistrationTransition
from plans.choices import PlanStatus
from plans.models import Plan, PlanTransition, ReferenceDocument, ReferenceDocumentQuerySet
from reports import services as reporting
from reports.choices import ReportStatus
from reports.models import PeriodicReport, ReportTransition
from tests.bad_inputs.requests_helpers import (  # noqa: F401 (fixtures)
    audit_rows,
    campaign,
    draft_registration,
    registration_form,
    report,
    second_official,
    shown_messages,
)
from tests.bad_inputs.values_helpers import plan_form
from tests.conftest import client_for
from tests.factories import PlanFactory, UserFactory
from units.choices import Role

# --- row 45: two tabs create the same number ---------------------------------------------------


def test_row45_two_tabs_issuing_at_once_one_wins_the_other_is_told(
    world, official, leader, django_capture_on_commit_callbacks
):
    """Given two approved plans, when tab 2 read the last number before tab 1's issue committed, then tab 2 is
    refused with a message, its plan stays approved, and tab 1 keeps the number.

    The real race needs PostgreSQL (tests/plans/test_concurrency.py); here tab 2's stale read is replayed.
    Issuing runs as a job (danvan/issue_jobs.py): tab 2 is told on the job's page.
    """
    first, second = (
        PlanFactory(issuing_unit=world.commune, created_by=official, status=PlanStatus.APPROVED, title=title)
        for title in ("Kế hoạch của tab thứ nhất", "Kế hoạch của tab thứ hai")
    )
    tab1, tab2 = client_for(leader), client_for(leader)
    with django_capture_on_commit_callbacks(execute=True):
        assert tab1.post(reverse("plans:plan_issue", args=[first.pk])).status_code == 302
    winner = Plan.objects.get(pk=first.pk)
    assert winner.status == PlanStatus.ISSUED

    real_aggregate = QuerySet.aggregate

    def read_before_the_winner_committed(queryset, *args, **kwargs):
        if queryset.model is Plan and "last" in kwargs:
            return {"last": None}
        return real_aggregate(queryset, *args, **kwargs)

    with (
        mock.patch.object(QuerySet, "aggregate", read_before_the_winner_committed),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = tab2.post(reverse("plans:plan_issue", args=[second.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    page = shown_messages(tab2, response["Location"])
    assert "Số văn bản vừa được cấp cho kế hoạch khác; xin bấm Ban hành lại." in page
    loser = Plan.objects.get(pk=second.pk)
    assert (loser.status, loser.number) == (PlanStatus.APPROVED, None)
    assert Plan.objects.get(pk=first.pk).number == winner.number
    with django_capture_on_commit_callbacks(execute=True):
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


def test_row47_double_issue_of_a_plan_takes_one_number(plans, leader, django_capture_on_commit_callbacks):
    plan = plans[PlanStatus.APPROVED]
    client = client_for(leader)
    url = reverse("plans:plan_issue", args=[plan.pk])
    with django_capture_on_commit_callbacks(execute=True):  # issuing runs as a job (danvan/issue_jobs.py)
        assert client.post(url).status_code == 302
    number = Plan.objects.get(pk=plan.pk).number
    assert client.post(url).status_code == 302
    issued = Plan.objects.get(pk=plan.pk)
    assert (issued.status, issued.number) == (PlanStatus.ISSUED, number)
    assert Plan.objects.filter(issuing_unit=plan.issuing_unit, year=issued.year, number__isnull=False).count() == 1
    assert PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.ISSUED).count() == 1
    assert audit_rows(plan) == [AuditAction.TRANSITION, AuditAction.ISSUE]  # the move, and its stored PDF


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
