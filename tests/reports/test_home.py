"""The home page of each role lists exactly what waits for the person ("Việc chờ tôi"), one click from the act."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.models import AuditAction, AuditEntry
from models_registry.choices import RegistrationStatus
from plans.models import PlanTransition
from reports.models import PeriodicReport, ReportCycle, UnitPart
from tests.conftest import client_for
from tests.factories import (
    CampaignFactory,
    IssuedPlanFactory,
    PlanFactory,
    RegistrationFactory,
    TaskFactory,
    UserFactory,
)

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def running_plan(unit, author):
    """Return an issued plan of `unit` running today, so its tasks can be late or due soon."""
    return IssuedPlanFactory(
        issuing_unit=unit,
        created_by=author,
        issued_on=days(-90),
        year=days(-90).year,
        period_start=days(-90),
        period_end=days(200),
    )


def deadline_task(plan, unit, due: datetime.date, **fields):
    return TaskFactory(plan=plan, timeframe_kind="deadline", due_date=due, lead_units=[unit], **fields)


def cycle(world, deadline: datetime.date, government=None, period_kind="first_half", year=TODAY.year):
    return ReportCycle.objects.create(
        government=government or world.commune,
        period_kind=period_kind,
        year=year,
        deadline=deadline,
        opened_by=world.users["official"],
    )


def home(user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def card(page: str, key: str) -> str:
    """Return the HTML of one card of the home page ("" when it is not shown)."""
    match = re.search(rf'<section[^>]*id="{key}".*?</section>', page, re.S)
    return match.group(0) if match else ""


def links(page: str, key: str) -> list[str]:
    """Return the links of a card's items, in order (the "see all" footer left out)."""
    body = card(page, key).split('class="card-footer')[0]
    return re.findall(r'<a class="fw-semibold text-break" href="([^"]+)"', body)


def count(page: str, key: str) -> int:
    return int(re.search(r'aria-label="(\d+) việc"', card(page, key)).group(1))


# --- official ------------------------------------------------------------------------------------


def test_official_sees_returned_plans_with_comment_drafts_parts_and_returned_registrations(world):
    """Given the official's own returned plan and draft, their unit's open parts and returned registration,
    and the same kinds that are not theirs or already handled, the home lists exactly theirs."""
    official, leader = world.users["official"], world.users["leader"]
    returned = PlanFactory(issuing_unit=world.commune, created_by=official, status="returned", title="KH bị trả")
    PlanTransition.objects.create(plan=returned, by=leader, from_status="submitted", to_status="returned", comment="Cũ")
    PlanTransition.objects.create(
        plan=returned, by=leader, from_status="submitted", to_status="returned", comment="Bổ sung căn cứ pháp lý"
    )
    draft = PlanFactory(issuing_unit=world.commune, created_by=official, title="KH dự thảo")
    someone = UserFactory(unit=world.department, role="official")
    PlanFactory(issuing_unit=world.commune, created_by=someone, status="returned")  # not mine
    PlanFactory(issuing_unit=world.commune, created_by=official, status="submitted")  # handled
    late_cycle, open_cycle = cycle(world, days(-3)), cycle(world, days(10), period_kind="second_half")
    late_part = UnitPart.objects.create(cycle=late_cycle, unit=world.department)
    open_part = UnitPart.objects.create(cycle=open_cycle, unit=world.department, status="returned")
    UnitPart.objects.create(cycle=open_cycle, unit=world.other_department)  # another unit's
    campaign = CampaignFactory(issuing_unit=world.commune, eligible_units=[world.department], created_by=official)
    registration = RegistrationFactory(campaign=campaign, unit=world.department, status=RegistrationStatus.RETURNED)
    RegistrationFactory(campaign=campaign, unit=world.other_department, status=RegistrationStatus.RETURNED)

    page = home(official)

    assert links(page, "returned-plans") == [reverse("plans:plan_edit", args=[returned.pk])]
    assert "Bổ sung căn cứ pháp lý" in card(page, "returned-plans") and "Cũ" not in card(page, "returned-plans")
    assert links(page, "draft-plans") == [reverse("plans:plan_edit", args=[draft.pk])]
    assert links(page, "parts-to-send") == [late_part.get_absolute_url(), open_part.get_absolute_url()]
    assert "Quá hạn" in card(page, "parts-to-send")
    assert links(page, "returned-registrations") == [registration.get_absolute_url()]
    assert "Không có việc nào đang chờ bạn." not in page


def test_official_with_nothing_waiting_is_told_so(world):
    """Given an official with no plan, part or registration, the home says nothing waits."""
    PlanFactory(issuing_unit=world.other_commune, created_by=world.users["official"], status="returned")
    page = home(world.users["official"])
    assert "Không có việc nào đang chờ bạn." in page
    assert 'class="card shadow-sm h-100 work-list"' not in page


# --- unit head -----------------------------------------------------------------------------------


def test_unit_head_sees_late_and_due_soon_tasks_registrations_to_send_and_parts(world):
    """Given tasks of the unit late, due in 3 days and in 30 days, and tasks not to list, the home lists the right ones."""
    head, office = world.users["unit_head"], world.other_department
    plan = running_plan(world.commune, world.users["official"])
    late = deadline_task(plan, office, days(-5))
    later = deadline_task(plan, office, days(-1))
    soon = deadline_task(plan, office, days(3))
    deadline_task(plan, office, days(30))  # not soon
    deadline_task(plan, office, days(-5), status="done")  # done
    deadline_task(plan, world.department, days(-5))  # another unit's
    draft_plan = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    deadline_task(draft_plan, office, days(-5))  # plan not running
    open_campaign = CampaignFactory(issuing_unit=world.commune, eligible_units=[office], registration_deadline=days(5))
    closed = CampaignFactory(issuing_unit=world.commune, eligible_units=[office], registration_deadline=days(-5))
    to_send = RegistrationFactory(campaign=open_campaign, unit=office, status=RegistrationStatus.DRAFT)
    RegistrationFactory(campaign=closed, unit=office, status=RegistrationStatus.DRAFT)  # campaign closed
    part = UnitPart.objects.create(cycle=cycle(world, days(4)), unit=office)

    page = home(head)

    detail = lambda task: reverse("tasks:task_detail", args=[task.pk])  # noqa: E731
    assert links(page, "late-tasks") == [detail(late), detail(later)]
    assert count(page, "late-tasks") == 2
    assert links(page, "due-soon-tasks") == [detail(soon)]
    assert links(page, "registrations-to-send") == [reverse("models_registry:registration_edit", args=[to_send.pk])]
    assert days(5).strftime("%d/%m/%Y") in card(page, "registrations-to-send")
    assert links(page, "parts-to-send") == [part.get_absolute_url()]
    # The "see all" link of late tasks filters the unit's list to late tasks, and that list shows them.
    listing = client_for(head).get(reverse("tasks:unit_tasks") + "?overdue=on").content.decode()
    assert late.content in listing and soon.content not in listing


def test_unit_head_card_counts_beyond_the_first_items(world):
    """Given 7 late tasks, the card shows 5, counts 7, and links to all of them."""
    plan = running_plan(world.commune, world.users["official"])
    for n in range(7):
        deadline_task(plan, world.other_department, days(-10 + n))
    page = home(world.users["unit_head"])
    assert count(page, "late-tasks") == 7 and len(links(page, "late-tasks")) == 5
    assert "Xem tất cả 7" in card(page, "late-tasks")


# --- leader --------------------------------------------------------------------------------------


def test_leader_sees_documents_to_approve_and_issue_models_to_recognize_late_parts_and_late_units(world):
    """Given submitted and approved plans and reports, a scored model, a late part and late tasks of the commune,
    and the same in another commune, the home lists the commune's only."""
    leader, official = world.users["leader"], world.users["official"]
    submitted = PlanFactory(issuing_unit=world.commune, created_by=official, status="submitted")
    report = PeriodicReport.objects.create(
        unit=world.commune,
        period_kind="first_half",
        year=TODAY.year,
        title="Báo cáo",
        created_by=official,
        status="submitted",
    )
    approved = PlanFactory(issuing_unit=world.commune, created_by=official, status="approved")
    PlanFactory(issuing_unit=world.other_commune, created_by=official, status="submitted")  # another commune
    PlanFactory(issuing_unit=world.commune, created_by=official, status="draft")  # not yet sent
    campaign = CampaignFactory(issuing_unit=world.commune, eligible_units=[world.department])
    scored = RegistrationFactory(campaign=campaign, unit=world.department, status=RegistrationStatus.EVALUATED)
    RegistrationFactory(campaign=campaign, unit=world.other_department, status=RegistrationStatus.IMPLEMENTING)
    late_cycle = cycle(world, days(-2))
    UnitPart.objects.create(cycle=late_cycle, unit=world.department)
    UnitPart.objects.create(cycle=late_cycle, unit=world.other_department, status="submitted")
    UnitPart.objects.create(cycle=cycle(world, days(-2), government=world.other_commune), unit=world.foreign_department)
    plan = running_plan(world.commune, official)
    for _n in range(2):
        deadline_task(plan, world.other_department, days(-3))
    deadline_task(plan, world.department, days(-3))
    deadline_task(running_plan(world.other_commune, official), world.foreign_department, days(-3))

    page = home(leader)

    assert links(page, "to-approve") == [submitted.get_absolute_url(), report.get_absolute_url()]
    assert links(page, "to-issue") == [approved.get_absolute_url()]
    assert links(page, "to-recognize") == [reverse("models_registry:registration_recognize", args=[scored.pk])]
    assert links(page, "late-parts") == [late_cycle.get_absolute_url()]
    assert "VHXH" in card(page, "late-parts") or world.department.name in card(page, "late-parts")
    task_list = reverse("tasks:task_list")
    assert links(page, "late-by-unit") == [
        f"{task_list}?lead_unit={world.other_department.pk}&amp;overdue=on",
        f"{task_list}?lead_unit={world.department.pk}&amp;overdue=on",
    ]
    assert count(page, "late-by-unit") == 3


# --- supervisor ----------------------------------------------------------------------------------


def test_supervisor_sees_communes_with_late_parts_late_tasks_and_low_coverage(world):
    """Given Kim Thành late on a part and Thượng Hồng with a late task and a campaign at 0 % of 100 %,
    the supervisor's home lists each commune where it falls short, linked to its dashboard or tasks."""
    official = world.users["official"]
    UnitPart.objects.create(cycle=cycle(world, days(-2), government=world.other_commune), unit=world.foreign_department)
    deadline_task(running_plan(world.commune, official), world.department, days(-3))
    CampaignFactory(
        issuing_unit=world.commune, year=TODAY.year, eligible_units=[world.department, world.other_department]
    )

    page = home(world.users["supervisor"])

    assert links(page, "communes-late-parts") == [reverse("reports:commune_dashboard", args=[world.other_commune.pk])]
    assert links(page, "communes-late-tasks") == [
        f"{reverse('tasks:task_list')}?commune={world.commune.pk}&amp;overdue=on"
    ]
    assert links(page, "communes-coverage") == [reverse("reports:commune_dashboard", args=[world.commune.pk])]


# --- administrator -------------------------------------------------------------------------------


def test_administrator_lands_on_admin_page_without_an_audit_row(world):
    """Given a staff account without a unit, people without a workplace, a locked login and a failed login,
    the home is the administrator's page listing them, and arriving writes no access-denied row."""
    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    AccessAttempt.objects.create(
        username="bikhoa",
        ip_address="10.0.0.9",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    AccessAttempt.objects.create(
        username="motlansai", ip_address="10.0.0.8", failures_since_start=1, attempt_time=timezone.now()
    )
    AuditEntry.objects.create(action=AuditAction.LOGIN_FAILED, username="gosai", ip_address="10.0.0.7")

    page = home(admin)

    assert links(page, "without-workplace") == [
        reverse("admin:units_user_change", args=[world.users["no_workplace"].pk])
    ]
    assert "bikhoa" in card(page, "locked-accounts") and "motlansai" not in card(page, "locked-accounts")
    assert "gosai" in card(page, "failed-logins")
    assert reverse("admin:danvan_auditentry_changelist") in page
    assert not AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).exists()


def test_person_without_workplace_who_is_not_staff_is_still_refused_with_a_row(world):
    response = client_for(world.users["no_workplace"]).get(reverse("home"))
    assert response.status_code == 403
    assert "liên hệ quản trị viên" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).count() == 1


# --- queries -------------------------------------------------------------------------------------


def fill(world, size: int):
    """Give every role `size` items of every kind."""
    official = world.users["official"]
    plan = running_plan(world.commune, official)
    campaign = CampaignFactory(
        issuing_unit=world.commune, year=TODAY.year, eligible_units=[world.department], allow_multiple=True
    )
    for n in range(size):
        for status in ("draft", "returned", "submitted", "approved"):
            PlanFactory(issuing_unit=world.commune, created_by=official, status=status)
        late_cycle = cycle(world, days(-1), year=TODAY.year - 10 * size - n)
        for unit in (world.department, world.other_department):
            deadline_task(plan, unit, days(-n - 1))
            deadline_task(plan, unit, days(n + 1))
            UnitPart.objects.create(cycle=late_cycle, unit=unit)
        for status in ("draft", "returned", "evaluated", "submitted"):
            RegistrationFactory(campaign=campaign, unit=world.other_department, status=status)
            RegistrationFactory(campaign=campaign, unit=world.department, status=status)


QUERY_LIMITS = {"official": 15, "unit_head": 16, "leader": 20, "supervisor": 19}


@pytest.mark.parametrize("role", list(QUERY_LIMITS))
def test_home_reads_a_constant_number_of_queries(world, role, django_assert_max_num_queries):
    """Given one, then three more items of every kind, the home reads the same number of queries, under a limit."""
    user = world.users[role]
    client = client_for(user)
    counts = []
    for size in (1, 2):
        fill(world, size)
        cache.clear()  # the supervisor's figures are cached (reports/selectors/cache.py): count their building
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(QUERY_LIMITS[role]):
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
