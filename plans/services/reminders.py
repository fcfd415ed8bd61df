"""Reminders of tasks due soon or late: who is reminded of what (escalating to the unit head and the
leader as the days late grow), the in-app notification and the email (sent by a job, plans/jobs.py), at
most once per person, task and day.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from plans.models import Task, due_soon_condition, late_condition
from plans.services._common import _short, _task_url

logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    """What one run of `reminders_send` did, for the command's summary."""

    written: int = 0  # reminders recorded by this run (one per person, task and day)
    sent: int = 0
    failed: int = 0
    in_app_only: int = 0  # people without an email address
    postponed: int = 0  # left pending after the mail server kept failing; the next run sends them
    job: object = None  # the job sending this run's emails (danvan.jobs.Job), None when none waited


def _reminder_plan(*, tasks, today: datetime.date, escalate_after: int) -> dict[tuple[int, int], str]:
    """Return {(task id, person id): reminder kind} for `tasks`, escalating with the days late.

    Due soon or late up to `escalate_after` days: the lead unit's people.
    Later: also the head of the lead unit; after twice as long, also the
    leader of the plan's government. Each person gets the highest kind only.
    """
    from plans.choices import ReminderKind
    from units.choices import Role
    from units.models import UnitGroup, User
    from units.scope import government_of

    task_ids = [task.pk for task in tasks]
    lead_units: dict[int, set[int]] = {}
    for task_id, unit_id in Task.lead_units.through.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "unit_id"
    ):
        lead_units.setdefault(task_id, set()).add(unit_id)
    group_tasks = list(
        Task.lead_groups.through.objects.filter(task_id__in=task_ids).values_list("task_id", "unitgroup_id")
    )
    members: dict[int, set[int]] = {}
    for group_id, unit_id in UnitGroup.members.through.objects.filter(
        unitgroup_id__in={group for _task, group in group_tasks}
    ).values_list("unitgroup_id", "unit_id"):
        members.setdefault(group_id, set()).add(unit_id)
    for task_id, group_id in group_tasks:
        lead_units.setdefault(task_id, set()).update(members.get(group_id, ()))
    all_units = set().union(*lead_units.values()) if lead_units else set()
    people: dict[int, list] = {}
    for person in User.objects.filter(is_active=True, unit_id__in=all_units).exclude(role=""):
        people.setdefault(person.unit_id, []).append(person)
    governments: dict[int, int] = {}
    leaders: dict[int, list[int]] = {}

    def leaders_of(issuing_unit) -> list[int]:
        if issuing_unit.pk not in governments:
            government = government_of(issuing_unit)
            governments[issuing_unit.pk] = government.pk
            if government.pk not in leaders:
                leaders[government.pk] = list(
                    User.objects.filter(is_active=True, role=Role.LEADER, unit=government).values_list("pk", flat=True)
                )
        return leaders[governments[issuing_unit.pk]]

    rank = {kind: index for index, kind in enumerate(ReminderKind.values)}
    plan: dict[tuple[int, int], str] = {}

    def add(task_id: int, person_id: int, kind: str) -> None:
        current = plan.get((task_id, person_id))
        if current is None or rank[kind] > rank[current]:
            plan[(task_id, person_id)] = kind

    for task in tasks:
        late = task.days_late_on(today)
        staff = [person for unit_id in lead_units.get(task.pk, ()) for person in people.get(unit_id, [])]
        for person in staff:
            add(task.pk, person.pk, ReminderKind.OVERDUE if late else ReminderKind.DUE_SOON)
        if late > escalate_after:
            for person in staff:
                if person.role == Role.UNIT_HEAD:
                    add(task.pk, person.pk, ReminderKind.ESCALATED_HEAD)
        if late > 2 * escalate_after:
            for person_id in leaders_of(task.plan.issuing_unit):
                add(task.pk, person_id, ReminderKind.ESCALATED_LEADER)
    return plan


def _reminder_text(reminder, today: datetime.date) -> tuple[str, str]:
    """Return (subject, one-line summary) of a reminder."""
    from plans.choices import ReminderKind
    from plans.schedule import days_late, report_period

    task = reminder.task
    # The days past the due day, for the wording only: the reminder's kind already says whether it was
    # late when written (a task closed since is still worded as the reminder was meant).
    late = days_late(task.next_due_on, today)
    summary = f"“{_short(task.content)}”"
    match reminder.kind:
        case ReminderKind.DUE_SOON if task.next_due_on:
            head = f"Nhiệm vụ sắp đến hạn {task.next_due_on:%d/%m/%Y}"
        case ReminderKind.DUE_SOON:
            head = f"Đến kỳ báo cáo tiến độ ({report_period(today)[1]:%d/%m/%Y})"
        case ReminderKind.OVERDUE:
            head = f"Nhiệm vụ quá hạn {late} ngày"
        case ReminderKind.ESCALATED_HEAD:
            head = f"Nhiệm vụ của đơn vị quá hạn {late} ngày"
        case _:
            head = f"Nhiệm vụ quá hạn {late} ngày, cần lãnh đạo chỉ đạo"
    return head, f"{head}: {summary}"


def _reminder_email(reminder, *, today: datetime.date, base_url: str, connection):
    from django.conf import settings
    from django.core.mail import EmailMessage

    from plans.document import unit_names

    task, person = reminder.task, reminder.person
    subject, _summary = _reminder_text(reminder, today)
    due = f"{task.next_due_on:%d/%m/%Y}" if task.next_due_on else task.get_timeframe_kind_display()
    body = "\n".join(
        [
            f"Kính gửi {person.get_full_name()},",
            "",
            f"{subject}.",
            "",
            f"Nhiệm vụ: {task.content}",
            f"Kế hoạch: {task.plan.reference} – {task.plan.title}",
            f"Cơ quan chủ trì: {unit_names(task)}",
            f"Hạn: {due}",
            f"Tiến độ hiện tại: {task.progress}% ({task.get_status_display()})",
            "",
            f"Xem và báo cáo tiến độ: {base_url.rstrip('/')}{_task_url(task)}",
            "",
            "Thư do Cổng Dân vận gửi tự động; mỗi nhiệm vụ được nhắc mỗi người tối đa một lần một ngày.",
        ]
    )
    return EmailMessage(
        subject=f"[Cổng Dân vận] {subject}"[:200],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        connection=connection,
    )


def reminders_send(
    *, today: datetime.date, days: int = 3, escalate_after: int = 7, base_url: str = "", max_failures: int = 3
) -> ReminderRun:
    """Remind people of tasks due within `days` days and of late ones, in the app at once and by email in a job.

    One reminder per person, task and day is written first (the unique
    constraint keeps a second run from writing it again), with its in-app
    notification, in one transaction. The emails waiting (new, failed, or
    stuck "sending" past their lease) are then given to one job, keyed by the
    reminders it sends, which a worker runs (`reminder_emails_send`).
    """
    from django.db.models import Q

    from danvan.jobs import start_job
    from plans.choices import ReminderStatus
    from plans.models import TaskReminder
    from units.services import notify

    run = ReminderRun()
    # Late or due soon, as every list and figure says it; the plan is loaded for Task.days_late_on.
    due = late_condition(today) | due_soon_condition(today, days)
    tasks = list(Task.objects.filter(due).select_related("plan__issuing_unit"))
    wanted = _reminder_plan(tasks=tasks, today=today, escalate_after=escalate_after)
    with transaction.atomic():
        existing = set(
            TaskReminder.objects.filter(on=today, task_id__in=[t.pk for t in tasks]).values_list("task_id", "person_id")
        )
        new = [
            TaskReminder(task_id=task_id, person_id=person_id, on=today, kind=kind)
            for (task_id, person_id), kind in wanted.items()
            if (task_id, person_id) not in existing
        ]
        TaskReminder.objects.bulk_create(new, ignore_conflicts=True)
        run.written = len(new)
        todays = TaskReminder.objects.filter(on=today).select_related("person", "task__plan")
        for reminder in todays.filter(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]):
            _subject, summary = _reminder_text(reminder, today)
            notify(
                recipients=[reminder.person],
                text=summary,
                url=_task_url(reminder.task),
                key=f"task-reminder:{reminder.task_id}:{today.isoformat()}",
            )
        no_email = todays.filter(status=ReminderStatus.PENDING).filter(
            Q(person__email="") | Q(person__email__isnull=True)
        )
        run.in_app_only = no_email.update(status=ReminderStatus.NO_EMAIL)
        ids = sorted(_to_send(today, timezone.now()).values_list("pk", flat=True))
        if ids:
            key = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
            run.job = start_job(
                "task_reminder_emails",
                key=f"task_reminder_emails:{today.isoformat()}:{key}",
                params={"today": today.isoformat(), "base_url": base_url, "max_failures": max_failures},
            )
    return run


def _to_send(today: datetime.date, now: datetime.datetime):
    """Return the reminders of `today` whose email waits: new, failed, or "sending" by a sender whose lease ran out."""
    from django.db.models import Q

    from plans.choices import ReminderStatus
    from plans.models import TaskReminder

    lost = Q(status=ReminderStatus.SENDING) & (Q(lease_until__lt=now) | Q(lease_until__isnull=True))
    return TaskReminder.objects.filter(
        Q(on=today) & (Q(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]) | lost)
    )


def sending_lease() -> datetime.timedelta:
    """Return how long a sender holds a reminder: well past the longest a mail server may take (EMAIL_TIMEOUT)."""
    from django.conf import settings

    return datetime.timedelta(seconds=3 * settings.EMAIL_TIMEOUT + 60)


def reminder_emails_send(*, today: datetime.date, base_url: str = "", max_failures: int = 3) -> ReminderRun:
    """Send the waiting reminder emails of `today` one by one, each claimed with a lease before it is sent.

    A claim is a conditional update, so two senders never send the same email; a sender that dies holding
    one loses it when the lease runs out, and the next run sends it. A mail server that refuses or cannot
    be reached is logged and the reminder stays "failed" for the next run of the day; after `max_failures`
    failures in a row the rest is left waiting.
    """
    from django.core.mail import get_connection

    from plans.choices import ReminderStatus
    from plans.models import TaskReminder

    run = ReminderRun()
    connection = get_connection(fail_silently=False)
    failures_in_a_row = 0
    pending = _to_send(today, timezone.now()).select_related("person", "task__plan")
    for reminder in pending.prefetch_related("task__lead_units", "task__lead_groups").order_by("pk"):
        if failures_in_a_row >= max_failures:
            run.postponed += 1
            continue
        now = timezone.now()
        claimed = (
            _to_send(today, now)
            .filter(pk=reminder.pk, status=reminder.status)
            .update(status=ReminderStatus.SENDING, lease_until=now + sending_lease(), attempts=F("attempts") + 1)
        )
        if not claimed:
            continue  # another sender holds it
        try:
            _reminder_email(reminder, today=today, base_url=base_url, connection=connection).send()
        except Exception as error:  # any mail failure: log it, keep the reminder, go on
            failures_in_a_row += 1
            run.failed += 1
            logger.error(
                "Không gửi được email nhắc việc (nhắc #%s, nhiệm vụ #%s, người #%s): %s: %s",
                reminder.pk,
                reminder.task_id,
                reminder.person_id,
                type(error).__name__,
                error,
            )
            TaskReminder.objects.filter(pk=reminder.pk).update(
                status=ReminderStatus.FAILED, lease_until=None, last_error=f"{type(error).__name__}: {error}"[:500]
            )
        else:
            failures_in_a_row = 0
            run.sent += 1
            TaskReminder.objects.filter(pk=reminder.pk).update(
                status=ReminderStatus.SENT, lease_until=None, sent_at=timezone.now(), last_error=""
            )
    try:
        connection.close()
    except Exception:  # closing a broken connection must not fail the run
        logger.warning("Không đóng được kết nối máy chủ thư.")
    return run
