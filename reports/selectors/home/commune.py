"""What waits for the commune's staff on their home page: an official, a unit head, a leader.

Each function answers one card in one or two queries, whatever the amount of data; the
lists show the most urgent first (the earliest deadline), then the newest.
"""

import datetime
from collections import Counter
from urllib.parse import urlencode

from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse

from models_registry.choices import EDITABLE_STATUSES as REGISTRATION_EDITABLE
from models_registry.choices import RegistrationStatus
from models_registry.models import Registration
from plans.choices import PlanStatus, TimeframeKind
from plans.models import Plan, PlanTransition, Task
from reports.choices import PartStatus, ReportStatus
from reports.models import PeriodicReport, UnitPart
from reports.selectors.home.items import DUE_SOON_DAYS, HOME_LIST_LIMIT, WorkItem, WorkList, day, first_rows
from reports.selectors.tasks import task_leads

# Tasks whose due day is a report of progress rather than a deadline: recurring and regular ones.
PERIODIC_KINDS = (TimeframeKind.RECURRING, TimeframeKind.REGULAR)


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


# --- an official ---------------------------------------------------------------------------------


def returned_plans(*, user) -> WorkList:
    """Return the plans a leader sent back to `user`, newest first, each with the leader's last comment."""
    comment = (
        PlanTransition.objects.filter(plan=OuterRef("pk"), to_status=PlanStatus.RETURNED)
        .order_by("-at", "-pk")
        .values("comment")[:1]
    )
    plans = (
        Plan.objects.filter(user.scope.condition("issuing_unit_id"), created_by=user, status=PlanStatus.RETURNED)
        .annotate(comment=Subquery(comment))
        .only("pk", "title", "updated_at")
        .order_by("-updated_at", "-pk")
    )
    rows, count = first_rows(plans)
    items = [
        WorkItem(p.title, reverse("plans:plan_edit", args=[p.pk]), [f"trả lại {day(p.updated_at.date())}"], p.comment)
        for p in rows
    ]
    return WorkList("returned-plans", "Kế hoạch bị trả lại", "Sửa lại", count, items, _url("plans:plan_list"))


def draft_plans(*, user) -> WorkList:
    """Return the drafts `user` is writing, the last edited first."""
    plans = (
        Plan.objects.filter(user.scope.condition("issuing_unit_id"), created_by=user, status=PlanStatus.DRAFT)
        .only("pk", "title", "updated_at")
        .order_by("-updated_at", "-pk")
    )
    rows, count = first_rows(plans)
    items = [
        WorkItem(p.title, reverse("plans:plan_edit", args=[p.pk]), [f"sửa lần cuối {day(p.updated_at.date())}"])
        for p in rows
    ]
    more = _url("plans:plan_list", status=PlanStatus.DRAFT)
    return WorkList("draft-plans", "Dự thảo của tôi", "Viết tiếp", count, items, more)


def parts_to_send(*, user, today: datetime.date) -> WorkList:
    """Return the report parts `user`'s unit has yet to send (or send again), the earliest deadline first."""
    parts = (
        UnitPart.objects.filter(unit_id=user.unit_id, status__in=[PartStatus.PENDING, PartStatus.RETURNED])
        .select_related("cycle")
        .order_by("cycle__deadline", "pk")
    )
    rows, count = first_rows(parts)
    items = [
        WorkItem(
            str(part.cycle),
            part.get_absolute_url(),
            [f"hạn {day(part.cycle.deadline)}", part.get_status_display()],
            part.return_comment if part.status == PartStatus.RETURNED else "",
            late=part.is_late_on(today),
        )
        for part in rows
    ]
    return WorkList("parts-to-send", "Phần báo cáo đơn vị cần nộp", "Nộp", count, items)


def returned_registrations(*, user) -> WorkList:
    """Return the "Dân vận khéo" registrations of `user`'s unit that the commune sent back, newest first."""
    registrations = (
        Registration.objects.filter(unit_id=user.unit_id, status=RegistrationStatus.RETURNED)
        .select_related("campaign")
        .only("pk", "name", "updated_at", "campaign__name", "campaign__registration_deadline")
        .order_by("-updated_at", "-pk")
    )
    rows, count = first_rows(registrations)
    items = [
        WorkItem(r.name, r.get_absolute_url(), [r.campaign.name, f"hạn {day(r.campaign.registration_deadline)}"])
        for r in rows
    ]
    more = _url("models_registry:registration_list", status=RegistrationStatus.RETURNED)
    return WorkList("returned-registrations", "Đăng ký mô hình bị trả lại", "Xem", count, items, more)


def registrations_to_review(*, user) -> WorkList:
    """Return the registrations of the commune's campaigns waiting for an official: to accept or score."""
    waiting = [RegistrationStatus.SUBMITTED, RegistrationStatus.SELF_ASSESSED]
    registrations = (
        Registration.objects.filter(campaign__issuing_unit_id=user.scope.root_id, status__in=waiting)
        .select_related("unit")
        .only("pk", "name", "status", "updated_at", "unit__name", "unit__short_name")
        .order_by("updated_at", "pk")
    )
    rows, count = first_rows(registrations)
    items = [
        WorkItem(
            r.name,
            reverse("models_registry:registration_evaluate", args=[r.pk])
            if r.status == RegistrationStatus.SELF_ASSESSED
            else r.get_absolute_url(),
            [
                r.unit.short_name or r.unit.name,
                "chờ chấm điểm" if r.status == RegistrationStatus.SELF_ASSESSED else "chờ xem xét",
            ],
        )
        for r in rows
    ]
    return WorkList("registrations-to-review", "Đăng ký mô hình chờ xem xét", "Xem xét", count, items)


# --- a unit head ---------------------------------------------------------------------------------


def _task_item(task: Task, today: datetime.date) -> WorkItem:
    late = task.next_due_on is not None and task.next_due_on < today
    meta = [task.plan.reference]
    if task.next_due_on:
        meta.append(f"quá hạn {(today - task.next_due_on).days} ngày" if late else f"hạn {day(task.next_due_on)}")
    return WorkItem(task.content[:200], reverse("tasks:task_detail", args=[task.pk]), meta, late=late)


def _led_tasks(user):
    return (
        Task.objects.led_by(user.unit_id)
        .select_related("plan")
        .only("pk", "content", "next_due_on", "plan__number", "plan__symbol", "plan__status")
    )


def late_tasks(*, user, today: datetime.date) -> WorkList:
    """Return the tasks `user`'s unit leads that are late (Task.objects.late), the longest late first."""
    rows, count = first_rows(_led_tasks(user).late(today).order_by("next_due_on", "pk"))
    items = [_task_item(task, today) for task in rows]
    return WorkList(
        "late-tasks", "Nhiệm vụ quá hạn", "Báo cáo tiến độ", count, items, _url("tasks:unit_tasks", overdue="on")
    )


def due_soon_tasks(*, user, today: datetime.date) -> WorkList:
    """Return the tasks with a deadline `user`'s unit leads that fall due within DUE_SOON_DAYS days."""
    tasks = _led_tasks(user).due_soon(today, DUE_SOON_DAYS).exclude(timeframe_kind__in=PERIODIC_KINDS)
    rows, count = first_rows(tasks.order_by("next_due_on", "pk"))
    items = [_task_item(task, today) for task in rows]
    more = _url("tasks:unit_tasks", due_within=DUE_SOON_DAYS)
    return WorkList("due-soon-tasks", f"Nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày", "Cập nhật", count, items, more)


def periodic_reports_due(*, user, today: datetime.date) -> WorkList:
    """Return the recurring and regular tasks of `user`'s unit whose progress report falls due within DUE_SOON_DAYS."""
    tasks = _led_tasks(user).due_soon(today, DUE_SOON_DAYS).filter(timeframe_kind__in=PERIODIC_KINDS)
    rows, count = first_rows(tasks.order_by(F("next_due_on").asc(nulls_last=True), "pk"))
    items = [_task_item(task, today) for task in rows]
    more = _url("tasks:unit_tasks", due_within=DUE_SOON_DAYS)
    return WorkList("periodic-reports", "Báo cáo định kỳ đến hạn", "Báo cáo", count, items, more)


def registrations_to_send(*, user, today: datetime.date) -> WorkList:
    """Return the registrations of `user`'s unit to send or fix while their campaign is open, the nearest deadline first."""
    open_campaign = Q(campaign__registration_open_override=True) | Q(campaign__registration_deadline__gte=today)
    registrations = (
        Registration.objects.filter(open_campaign, unit_id=user.unit_id, status__in=REGISTRATION_EDITABLE)
        .select_related("campaign")
        .only("pk", "name", "status", "campaign__name", "campaign__registration_deadline")
        .order_by("campaign__registration_deadline", "pk")
    )
    rows, count = first_rows(registrations)
    items = [
        WorkItem(
            r.name,
            reverse("models_registry:registration_edit", args=[r.pk]),
            [r.campaign.name, f"hạn đăng ký {day(r.campaign.registration_deadline)}", r.get_status_display()],
        )
        for r in rows
    ]
    more = _url("models_registry:registration_list")
    return WorkList("registrations-to-send", "Đăng ký mô hình cần gửi", "Hoàn thiện và gửi", count, items, more)


# --- a leader ------------------------------------------------------------------------------------


def _documents_at(*, user, plan_status: str, report_status: str) -> tuple[list[WorkItem], int]:
    """Return the plans and reports of `user`'s commune in a status, the longest waiting first, and their number."""
    plans, plan_count = first_rows(
        Plan.objects.filter(user.scope.condition("issuing_unit_id"), status=plan_status)
        .only("pk", "title", "updated_at")
        .order_by("updated_at", "pk")
    )
    reports, report_count = first_rows(
        PeriodicReport.objects.filter(user.scope.condition("unit_id"), status=report_status)
        .only("pk", "title", "updated_at")
        .order_by("updated_at", "pk")
    )
    documents = sorted([*plans, *reports], key=lambda d: d.updated_at)[:HOME_LIST_LIMIT]
    items = [
        WorkItem(
            d.title,
            d.get_absolute_url(),
            ["Kế hoạch" if isinstance(d, Plan) else "Báo cáo", f"gửi {day(d.updated_at.date())}"],
        )
        for d in documents
    ]
    return items, plan_count + report_count


def documents_to_approve(*, user) -> WorkList:
    """Return the plans and reports submitted to `user`'s commune for approval, the longest waiting first."""
    items, count = _documents_at(user=user, plan_status=PlanStatus.SUBMITTED, report_status=ReportStatus.SUBMITTED)
    more = _url("plans:plan_list", status=PlanStatus.SUBMITTED)
    return WorkList("to-approve", "Kế hoạch, báo cáo chờ duyệt", "Duyệt", count, items, more)


def documents_to_issue(*, user) -> WorkList:
    """Return the approved plans and reports of `user`'s commune waiting to be signed and issued."""
    items, count = _documents_at(user=user, plan_status=PlanStatus.APPROVED, report_status=ReportStatus.APPROVED)
    more = _url("plans:plan_list", status=PlanStatus.APPROVED)
    return WorkList("to-issue", "Kế hoạch, báo cáo chờ ban hành", "Ban hành", count, items, more)


def registrations_to_recognize(*, user) -> WorkList:
    """Return the scored registrations of `user`'s commune waiting for the leader's recognition."""
    registrations = (
        Registration.objects.filter(campaign__issuing_unit_id=user.scope.root_id, status=RegistrationStatus.EVALUATED)
        .select_related("unit", "campaign")
        .only("pk", "name", "updated_at", "unit__name", "unit__short_name", "campaign__name")
        .order_by("updated_at", "pk")
    )
    rows, count = first_rows(registrations)
    items = [
        WorkItem(
            r.name,
            reverse("models_registry:registration_recognize", args=[r.pk]),
            [r.unit.short_name or r.unit.name, r.campaign.name],
        )
        for r in rows
    ]
    more = _url("models_registry:registration_list", status=RegistrationStatus.EVALUATED)
    return WorkList("to-recognize", "Mô hình chờ công nhận", "Công nhận", count, items, more)


def late_parts(*, user, today: datetime.date) -> WorkList:
    """Return the units of `user`'s commune late with their report part, the longest late first."""
    parts = (
        UnitPart.objects.filter(cycle__government_id=user.scope.root_id, cycle__deadline__lt=today)
        .exclude(status=PartStatus.SUBMITTED)
        .select_related("unit", "cycle")
        .order_by("cycle__deadline", "unit__name", "pk")
    )
    rows, count = first_rows(parts)
    items = [
        WorkItem(
            part.unit.short_name or part.unit.name,
            part.cycle.get_absolute_url(),
            [str(part.cycle), f"quá hạn {(today - part.cycle.deadline).days} ngày"],
            late=True,
        )
        for part in rows
    ]
    return WorkList("late-parts", "Đơn vị chậm nộp báo cáo", "Nhắc", count, items, _url("reports:cycle_list"))


def late_tasks_by_unit(*, user, today: datetime.date) -> WorkList:
    """Return the units of `user`'s commune with late tasks, the most late first; the count is of late tasks.

    Lead units come from `task_leads` (named directly or through a group), so a task
    led by two units counts for each; each item links to the task list filtered to it.
    """
    late = Task.objects.late(today).filter(user.scope.condition("plan__issuing_unit_id"))
    leads = task_leads(late)
    per_unit = Counter(unit_id for unit_ids in leads.units_of.values() for unit_id in unit_ids)
    top = sorted(per_unit.items(), key=lambda pair: (-pair[1], leads.names[pair[0]]))[:HOME_LIST_LIMIT]
    items = [
        WorkItem(leads.names[unit_id], _url("tasks:task_list", lead_unit=unit_id, overdue="on"), figure=n, late=True)
        for unit_id, n in top
    ]
    count = late.count()
    return WorkList(
        "late-by-unit", "Nhiệm vụ quá hạn theo đơn vị", "Xem", count, items, _url("tasks:task_list", overdue="on")
    )
