"""A supervisor sees what a commune has sent onward, never its drafts or returned documents.

For each status of a plan, a periodic report and a registration, the supervisor's list shows
the document exactly when its detail page opens, and a hidden one is 404 (out of scope), not 403.
"""

import datetime

import pytest
from django.urls import reverse

from models_registry.choices import RegistrationStatus
from plans.choices import PlanStatus
from reports.choices import ReportStatus
from reports.models import PeriodicReport
from tests.conftest import client_for
from tests.factories import (
    CampaignFactory,
    CityFactory,
    CommuneFactory,
    DepartmentFactory,
    IssuedPlanFactory,
    PlanFactory,
    RegistrationFactory,
    UserFactory,
)
from units.choices import Role

PLAN_SEEN = {PlanStatus.ISSUED, PlanStatus.COMPLETED}
REPORT_SEEN = {ReportStatus.ISSUED}
REGISTRATION_HIDDEN = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}


@pytest.fixture
def city(db):
    city = CityFactory()
    supervisor = UserFactory(unit=DepartmentFactory(parent=city, name="Sở Nội vụ"), role=Role.SUPERVISOR)
    commune = CommuneFactory(parent=city)
    office = DepartmentFactory(parent=commune, name="Văn phòng HĐND và UBND")
    official = UserFactory(unit=office, role=Role.OFFICIAL)
    leader = UserFactory(unit=commune, role=Role.LEADER)
    return {"supervisor": supervisor, "commune": commune, "office": office, "official": official, "leader": leader}


def list_ids(client, name: str, key: str = "page") -> set[int]:
    response = client.get(reverse(name))
    assert response.status_code == 200
    # A list page's rows are objects or, where the view reads them as values (issue 19), dicts.
    return {obj["pk"] if isinstance(obj, dict) else obj.pk for obj in response.context[key].object_list}


def test_supervisor_sees_only_issued_plans(city):
    """Given a commune's plan in every status, the supervisor lists and opens only the issued and completed ones."""
    plans = {
        status: (IssuedPlanFactory if status in PLAN_SEEN else PlanFactory)(
            issuing_unit=city["commune"], created_by=city["official"], status=status
        )
        for status in PlanStatus.values
    }
    supervisor, official = client_for(city["supervisor"]), client_for(city["official"])
    listed = list_ids(supervisor, "plans:plan_list")
    assert listed == {plans[status].pk for status in PLAN_SEEN}
    for status, plan in plans.items():
        expected = 200 if status in PLAN_SEEN else 404
        for name in ("plans:plan_detail", "plans:plan_pdf"):
            assert supervisor.get(reverse(name, args=[plan.pk])).status_code == expected, (name, status)
        assert city["supervisor"].has_perm("plans.view_plan", plan) == (status in PLAN_SEEN)
    # The commune's own official still reads every one of them.
    assert list_ids(official, "plans:plan_list") == {plan.pk for plan in plans.values()}


def test_supervisor_sees_only_issued_reports(city):
    """Given a commune's report in every status, the supervisor lists and opens only the issued one."""
    reports = {}
    for year, status in enumerate(ReportStatus.values, start=2020):
        issued = status == ReportStatus.ISSUED
        reports[status] = PeriodicReport.objects.create(
            unit=city["commune"],
            period_kind="year",
            year=year,
            title=f"Báo cáo công tác dân vận năm {year}",
            status=status,
            number=1 if issued else None,
            number_year=year if issued else None,
            issued_on=datetime.date(year, 12, 20) if issued else None,
            created_by=city["official"],
        )
    supervisor = client_for(city["supervisor"])
    assert list_ids(supervisor, "reports:report_list", key="reports") == {reports[ReportStatus.ISSUED].pk}
    for status, report in reports.items():
        expected = 200 if status in REPORT_SEEN else 404
        assert supervisor.get(reverse("reports:report_detail", args=[report.pk])).status_code == expected, status
        assert city["supervisor"].has_perm("reports.view_report", report) == (status in REPORT_SEEN)
    leader = client_for(city["leader"])
    assert list_ids(leader, "reports:report_list", key="reports") == {report.pk for report in reports.values()}


def test_supervisor_sees_registrations_past_submission(city):
    """Given a registration in every status, the supervisor lists and opens all but the drafts and returned ones."""
    campaign = CampaignFactory(
        issuing_unit=city["commune"], created_by=city["official"], allow_multiple=True, eligible_units=[city["office"]]
    )
    registrations = {
        status: RegistrationFactory(
            campaign=campaign,
            unit=city["office"],
            created_by=city["official"],
            status=status,
            recognition_level="commune" if status == RegistrationStatus.RECOGNIZED else "",
            drop_reason="Không còn phù hợp" if status == RegistrationStatus.DROPPED else "",
        )
        for status in RegistrationStatus.values
    }
    supervisor = client_for(city["supervisor"])
    assert list_ids(supervisor, "models_registry:registration_list") == {
        registration.pk for status, registration in registrations.items() if status not in REGISTRATION_HIDDEN
    }
    for status, registration in registrations.items():
        expected = 404 if status in REGISTRATION_HIDDEN else 200
        url = reverse("models_registry:registration_detail", args=[registration.pk])
        assert supervisor.get(url).status_code == expected, status
        allowed = city["supervisor"].has_perm("models_registry.view_registration", registration)
        assert allowed == (status not in REGISTRATION_HIDDEN)
