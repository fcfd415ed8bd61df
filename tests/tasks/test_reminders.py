"""send_reminders: one message per person per due task per day, escalation, and a mail server that is down."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from plans.choices import PlanStatus, ReminderKind, ReminderStatus, TaskStatus
from plans.models import Task, TaskReminder
from tests.factories import PlanFactory, TaskFactory, UserFactory
from units.choices import Role
from units.models import Notification, User

DUE = datetime.date(2025, 12, 15)


@pytest.fixture
def people(world):
    """The lead unit (Văn phòng) has its head `truongphong` and a clerk; the commune has its leader; all have email."""
    head = world.users["unit_head"]
    clerk = UserFactory(username="vanthu", unit=world.other_department, role=Role.OFFICIAL)
    leader = world.users["leader"]
    for person in (head, clerk, leader):
        User.objects.filter(pk=person.pk).update(email=f"{person.username}@example.org")
    return {"head": head, "clerk": clerk, "leader": leader}


def run(day: datetime.date, *args: str) -> None:
    """Run the command as cron would: outside a transaction, so the email job runs once it has committed."""
    from django.db import connection

    with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
        call_command("send_reminders", "--date", day.isoformat(), "--base-url", "https://danvan.example", *args)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_due_soon_is_sent_once_per_person_per_task_per_day(world, task, people, settings):
    """Given a task due in two days, when the command runs twice that day, then each person of the lead unit gets one
    email and one notification; the next day they get one more."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    day = DUE - datetime.timedelta(days=2)
    run(day)
    run(day)
    assert recipients() == ["truongphong@example.org", "vanthu@example.org"]
    assert mail.outbox[0].subject == "[Cổng Dân vận] Nhiệm vụ sắp đến hạn 15/12/2025"
    assert f"https://danvan.example/tasks/{task.pk}/" in mail.outbox[0].body
    assert TaskReminder.objects.filter(on=day, status=ReminderStatus.SENT).count() == 2
    assert Notification.objects.filter(url=f"/tasks/{task.pk}/").count() == 2
    run(day + datetime.timedelta(days=1))
    assert len(mail.outbox) == 4
    assert Notification.objects.count() == 4


def test_tasks_not_due_soon_done_cancelled_or_of_drafts_are_not_reminded(world, plan, task, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    done = TaskFactory(plan=plan, lead_units=[world.other_department], timeframe_kind="deadline", due_date=DUE)
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE, progress=100)
    cancelled = TaskFactory(plan=plan, lead_units=[world.other_department], timeframe_kind="deadline", due_date=DUE)
    Task.objects.filter(pk=cancelled.pk).update(status=TaskStatus.CANCELLED)
    draft = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], status=PlanStatus.DRAFT)
    TaskFactory(plan=draft, lead_units=[world.other_department], timeframe_kind="deadline", due_date=DUE)
    run(DUE - datetime.timedelta(days=10))
    assert mail.outbox == []
    run(DUE - datetime.timedelta(days=1))
    assert {r.task_id for r in TaskReminder.objects.all()} == {task.pk}


def test_late_task_escalates_to_the_head_then_to_the_leader(world, task, people, settings):
    """Given a task 5, 10 and 20 days late with --escalate-after 7, then the unit is reminded, then its head is told
    it is escalated, then the commune's leader too."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def kinds(day):
        return dict(TaskReminder.objects.filter(on=day).values_list("person__username", "kind"))

    for late in (5, 10, 20):
        run(DUE + datetime.timedelta(days=late), "--escalate-after", "7")
    assert kinds(DUE + datetime.timedelta(days=5)) == {
        "truongphong": ReminderKind.OVERDUE,
        "vanthu": ReminderKind.OVERDUE,
    }
    assert kinds(DUE + datetime.timedelta(days=10)) == {
        "truongphong": ReminderKind.ESCALATED_HEAD,
        "vanthu": ReminderKind.OVERDUE,
    }
    assert kinds(DUE + datetime.timedelta(days=20)) == {
        "truongphong": ReminderKind.ESCALATED_HEAD,
        "vanthu": ReminderKind.OVERDUE,
        "lanhdao": ReminderKind.ESCALATED_LEADER,
    }
    leader_mail = [m for m in mail.outbox if m.to == ["lanhdao@example.org"]]
    assert len(leader_mail) == 1 and "quá hạn 20 ngày" in leader_mail[0].subject


def test_no_mail_server_is_logged_the_run_finishes_and_nothing_is_lost(world, task, people, settings, caplog):
    """Given a mail server that refuses connections, when the command runs, then it logs the failures, finishes,
    keeps every reminder and notification; once the server is back, the same day's run sends each exactly once."""
    settings.EMAIL_BACKEND = "tests.tasks.backends.RefusingBackend"
    day = DUE - datetime.timedelta(days=1)
    with caplog.at_level(logging.ERROR, logger="plans.services.reminders"):
        run(day)
    assert "Không gửi được email nhắc việc" in caplog.text
    assert set(TaskReminder.objects.values_list("status", flat=True)) == {ReminderStatus.FAILED}
    assert Notification.objects.count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(day)
    run(day)
    assert recipients() == ["truongphong@example.org", "vanthu@example.org"]
    assert set(TaskReminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}
    assert Notification.objects.count() == 2


def test_a_real_smtp_backend_with_nothing_listening(world, task, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # the discard port: nothing listens in the test machine
    run(DUE)
    assert set(TaskReminder.objects.values_list("status", flat=True)) == {ReminderStatus.FAILED}
    assert TaskReminder.objects.first().last_error


def test_after_repeated_failures_the_rest_waits_for_the_next_run(world, plan, people, settings):
    settings.EMAIL_BACKEND = "tests.tasks.backends.RefusingBackend"
    for _ in range(3):
        TaskFactory(plan=plan, lead_units=[world.other_department], timeframe_kind="deadline", due_date=DUE)
    run(DUE)
    statuses = list(TaskReminder.objects.values_list("status", flat=True))
    assert statuses.count(ReminderStatus.FAILED) == 3 and statuses.count(ReminderStatus.PENDING) == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(DUE)
    assert len(mail.outbox) == 6


def test_people_without_email_are_told_in_the_app(world, task, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(DUE)
    assert mail.outbox == []
    reminder = TaskReminder.objects.get()
    assert reminder.status == ReminderStatus.NO_EMAIL
    assert Notification.objects.get().recipient == world.users["unit_head"]


def test_a_reminder_being_sent_by_another_run_is_not_sent_again(world, task, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    TaskReminder.objects.create(
        task=task,
        person=people["head"],
        on=DUE,
        kind=ReminderKind.OVERDUE,
        status=ReminderStatus.SENDING,
        lease_until=timezone.now() + datetime.timedelta(minutes=1),
    )
    run(DUE)
    assert recipients() == ["vanthu@example.org"]


def test_a_reminder_stuck_sending_past_its_lease_is_sent_by_the_next_run_once(world, task, people, settings):
    """Given a run killed while the mail server was silent (its reminder left "sending", lease run out),
    when the command runs again, then that reminder is sent, once, and a third run sends nothing more."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    stuck = TaskReminder.objects.create(
        task=task,
        person=people["head"],
        on=DUE,
        kind=ReminderKind.OVERDUE,
        status=ReminderStatus.SENDING,
        attempts=1,
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    run(DUE)
    run(DUE)
    assert recipients() == ["truongphong@example.org", "vanthu@example.org"]
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts, stuck.lease_until) == (ReminderStatus.SENT, 2, None)


def test_regular_task_is_reminded_at_the_end_of_the_report_period(world, plan, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    regular = TaskFactory(plan=plan, lead_units=[world.other_department], timeframe_kind="regular")
    run(datetime.date(2025, 11, 1))
    assert mail.outbox == []
    run(datetime.date(2025, 12, 29))
    assert {m.subject for m in mail.outbox} == {"[Cổng Dân vận] Đến kỳ báo cáo tiến độ (31/12/2025)"}
    assert TaskReminder.objects.filter(task=regular).count() == 2


def test_bad_arguments_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "31/12/2025")
    with pytest.raises(CommandError):
        call_command("send_reminders", "--days", "-1")
