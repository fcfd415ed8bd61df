"""Task services: progress reports, comments, cancellation; every legal move and every refused one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from plans.choices import PlanStatus, TaskStatus, UpdateKind
from plans.models import EvidenceFile, ProgressUpdate, Task
from plans.services import task_cancel, task_comment, task_report_progress
from tests.factories import PlanFactory, TaskFactory
from tests.tasks.conftest import report_day
from units.models import Notification

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def report(task, by, percent, *, days=30, text="Đã triển khai.", **kwargs):
    return task_report_progress(
        task=task, by=by, reported_on=report_day(task.plan, days), percent=percent, text=text, **kwargs
    )


@pytest.mark.parametrize(
    ("percent", "status"),
    [(0, TaskStatus.NOT_STARTED), (1, TaskStatus.IN_PROGRESS), (50, TaskStatus.IN_PROGRESS), (100, TaskStatus.DONE)],
)
def test_report_sets_progress_and_derives_status(task, head, percent, status):
    """Given the head of the lead unit, when they report a percent, then the task takes it and its status follows."""
    update = report(task, head, percent)
    task.refresh_from_db()
    assert (task.progress, task.status) == (percent, status)
    assert task.last_reported_on == update.reported_on
    assert (update.kind, update.percent, update.previous_percent, update.author_unit) == (
        UpdateKind.PROGRESS,
        percent,
        0,
        head.unit,
    )


def test_every_update_is_kept_and_the_history_records_the_task(task, head):
    report(task, head, 30, days=10)
    report(task, head, 60, days=20)
    report(task, head, 100, days=40)
    assert list(task.updates.order_by("pk").values_list("percent", "previous_percent")) == [
        (30, 0),
        (60, 30),
        (100, 60),
    ]
    assert task.history.filter(history_change_reason="Báo cáo tiến độ").count() == 3


def test_owner_is_notified_when_progress_changes_or_the_task_is_done(task, head, django_capture_on_commit_callbacks):
    """Given the official who owns the plan, when progress moves and then reaches 100%, then they are told each time,
    and not when the same percent is reported again."""
    owner = task.plan.created_by
    with django_capture_on_commit_callbacks(execute=True):
        report(task, head, 50, days=10)
    with django_capture_on_commit_callbacks(execute=True):
        report(task, head, 50, days=11, text="Tiếp tục triển khai.")
    with django_capture_on_commit_callbacks(execute=True):
        report(task, head, 100, days=20)
    texts = list(Notification.objects.filter(recipient=owner).order_by("pk").values_list("text", flat=True))
    assert len(texts) == 2
    assert "0% → 50%" in texts[0] and "đã hoàn thành" in texts[1]
    assert Notification.objects.filter(recipient=owner, url=f"/tasks/{task.pk}/").count() == 2


def test_no_notification_when_the_transaction_rolls_back(task, head, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report(task, head, 50)
    assert not Notification.objects.exists()  # nothing before the commit, so nothing after a rollback
    for callback in callbacks:
        callback()
    assert Notification.objects.exists()  # the commit sends it


def test_lowering_progress_needs_a_reason(task, head):
    """Given 80%, when the head reports 30% without a reason, then it is refused; with a reason it is kept."""
    report(task, head, 80)
    with pytest.raises(ValidationError, match="cần ghi lý do"):
        report(task, head, 30, text="  ")
    assert task.updates.count() == 1
    update = report(task, head, 30, text="Một phần việc phải làm lại do thay đổi địa điểm.")
    task.refresh_from_db()
    assert task.progress == 30 and update.lowered


def test_report_in_the_future_is_refused(task, head):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        task_report_progress(task=task, by=head, reported_on=tomorrow, percent=10)
    assert not ProgressUpdate.objects.exists()


def test_report_before_the_plan_was_issued_is_refused(task, head):
    with pytest.raises(ValidationError, match="trước ngày ban hành"):
        task_report_progress(task=task, by=head, reported_on=datetime.date(2025, 7, 9), percent=10)
    assert not ProgressUpdate.objects.exists()


def test_report_on_a_cancelled_task_is_refused(task, head, official):
    task_cancel(task=task, by=official, reason="Lồng ghép vào kế hoạch khác.")
    with pytest.raises(ValidationError, match="đã bị hủy"):
        report(task, head, 40)
    assert not task.updates.filter(kind=UpdateKind.PROGRESS).exists()
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED and task.progress == 0


def test_report_on_another_units_task_is_refused(other_task, head):
    with pytest.raises(ValidationError, match="thủ trưởng đơn vị chủ trì"):
        report(other_task, head, 40)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("role", ["official", "leader", "supervisor"])
def test_only_the_lead_units_head_reports(task, world, role):
    with pytest.raises(ValidationError):
        report(task, world.users[role], 40)
    assert not ProgressUpdate.objects.exists()


def test_the_head_of_a_lead_group_member_reports(plan, world, head):
    """Given a task led by a group the unit head's unit belongs to, then the head may report on it."""
    from tests.factories import UnitGroupFactory

    group = UnitGroupFactory(owner=world.commune, name="các phòng, đơn vị thuộc xã")
    group.members.set([world.department, world.other_department])
    task = TaskFactory(plan=plan, content="Đăng ký mô hình")
    task.lead_groups.set([group])
    report(task, head, 100)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_tasks_of_a_draft_plan_are_not_tracked(world, head):
    draft = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], status=PlanStatus.DRAFT)
    task = TaskFactory(plan=draft, lead_units=[world.other_department])
    with pytest.raises(ValidationError, match="kế hoạch đã ban hành"):
        task_report_progress(task=task, by=head, reported_on=timezone.localdate(), percent=10)


@pytest.mark.parametrize("percent", [-1, 101, 50.5, float("nan"), float("inf"), True, "50", None])
def test_service_refuses_anything_but_a_whole_percent(task, head, percent):
    """The service is the backstop behind the form: only an int 0-100 is accepted."""
    with pytest.raises(ValidationError, match="số nguyên từ 0 đến 100"):
        report(task, head, percent)
    assert not ProgressUpdate.objects.exists()


def test_database_refuses_a_percent_above_100(task, head):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(task=task, reported_on=datetime.date(2025, 8, 1), percent=101, author=head)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(
            task=task, kind=UpdateKind.COMMENT, reported_on=datetime.date(2025, 8, 1), percent=10, author=head
        )


def test_evidence_is_stored_under_a_generated_name(task, head, media_root):
    """Given a PDF named like a path, when attached, then it is stored under tasks/evidence/ with a generated name
    and the name the user gave is kept for the download."""
    upload = SimpleUploadedFile("../../Kế hoạch.pdf", PDF, content_type="application/pdf")
    update = report(task, head, 50, files=[upload])
    evidence = update.files.get()
    assert evidence.original_name == "Kế hoạch.pdf"
    assert evidence.file.name.startswith("tasks/evidence/") and evidence.file.name.endswith(".pdf")
    assert "Kế" not in evidence.file.name and ".." not in evidence.file.name
    assert (media_root / evidence.file.name).read_bytes() == PDF
    assert (evidence.size, evidence.content_type) == (len(PDF), "application/pdf")


def test_a_refused_file_writes_nothing(task, head, media_root):
    """Given an .exe renamed .pdf, when attached, then nothing is saved: no update, no file on disk."""
    good = SimpleUploadedFile("bien-ban.pdf", PDF)
    bad = SimpleUploadedFile("anh.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="không phải PDF"):
        report(task, head, 50, files=[good, bad])
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()
    assert [path for path in media_root.rglob("*") if path.is_file()] == []
    task.refresh_from_db()
    assert task.progress == 0


def test_comment_by_a_coordinating_unit(plan, world, other_head, django_capture_on_commit_callbacks, head):
    """Given a task the department helps with, when its head comments, then the lead unit and the owner are told."""
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    task.coordinating_units.set([world.department])
    with django_capture_on_commit_callbacks(execute=True):
        update = task_comment(task=task, by=other_head, text="Phòng sẽ cử 2 cán bộ hỗ trợ.")
    assert (update.kind, update.percent) == (UpdateKind.COMMENT, None)
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"truongphong", "canbo"}
    task.refresh_from_db()
    assert task.progress == 0 and task.status == TaskStatus.NOT_STARTED


def test_comment_from_an_uninvolved_unit_is_refused(task, other_head):
    with pytest.raises(ValidationError):
        task_comment(task=task, by=other_head, text="Ý kiến")
    assert not ProgressUpdate.objects.exists()


def test_empty_comment_is_refused(task, official):
    with pytest.raises(ValidationError, match="nội dung ý kiến"):
        task_comment(task=task, by=official, text="   ")


def test_cancel_needs_a_reason_and_an_open_task(task, official, head, leader):
    with pytest.raises(ValidationError, match="lý do"):
        task_cancel(task=task, by=official, reason=" ")
    with pytest.raises(ValidationError):
        task_cancel(task=task, by=head, reason="Không làm nữa")
    cancelled = task_cancel(task=task, by=leader, reason="Đã lồng ghép vào kế hoạch khác.")
    assert cancelled.status == TaskStatus.CANCELLED
    assert task.updates.get().kind == UpdateKind.CANCELLATION
    with pytest.raises(ValidationError, match="không hủy được"):
        task_cancel(task=task, by=leader, reason="Lần nữa")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.CANCELLED


def test_a_completed_plan_takes_no_more_reports_and_its_tasks_are_not_late(world, task, head, leader):
    """Bad input 42: once the plan is completed its tasks are closed with it: no report, no cancel, not "late"."""
    from plans.models import Plan

    Plan.objects.filter(pk=task.plan_id).update(status=PlanStatus.COMPLETED)
    task = Task.objects.get(pk=task.pk)
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        report(task, head, 40)
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        task_cancel(task=task, by=leader, reason="Không làm nữa.")
    assert not ProgressUpdate.objects.exists()
    assert not Task.objects.late(datetime.date(2026, 1, 1)).exists()
    assert task.is_overdue_on(datetime.date(2026, 1, 1)) is False


def test_a_copied_plan_starts_its_tasks_afresh(world, task, head, official):
    from plans.services import plan_copy

    report(task, head, 60)
    copy = plan_copy(plan=task.plan, by=official)
    copied = copy.tasks.get()
    assert (copied.progress, copied.status, copied.last_reported_on) == (0, TaskStatus.NOT_STARTED, None)
    assert not copied.updates.exists()
