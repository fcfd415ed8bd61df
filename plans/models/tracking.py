"""Task tracking: progress updates, evidence files, reminders and progress spreadsheets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.models import CleanTextModel
from plans.choices import ReminderKind, ReminderStatus, UpdateKind
from plans.models.tasks import Task
from units.models import Unit


class ProgressUpdateQuerySet(models.QuerySet):
    def progress_reports(self):
        return self.filter(kind=UpdateKind.PROGRESS)

    def timeline(self):
        """Return entries newest first, with their author, unit and evidence files."""
        return self.select_related("author", "author_unit").prefetch_related("files").order_by("-created_at", "-pk")


class ProgressUpdate(CleanTextModel):
    """One entry of a task's timeline: a progress report, a comment, or the cancellation.

    A progress report is written by the lead unit on a date, with the percent
    done, what was done and evidence files. Comments come from the coordinating
    units and the officials following the task up. Entries are never edited or
    deleted: the timeline is the record of what each unit said and when.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("loại"), max_length=20, choices=UpdateKind.choices, default=UpdateKind.PROGRESS)
    reported_on = models.DateField(_("ngày báo cáo"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    previous_percent = models.PositiveSmallIntegerField(_("tiến độ trước đó (%)"), null=True, blank=True)
    text = models.TextField(_("nội dung"), max_length=4000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sheet = models.ForeignKey(
        "TaskSheetImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["task", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100), name="progress_update_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(kind=UpdateKind.PROGRESS, percent__isnull=False)
                | (~Q(kind=UpdateKind.PROGRESS) & Q(percent__isnull=True)),
                name="progress_update_percent_only_on_reports",
            ),
        ]

    def __str__(self):
        if self.kind == UpdateKind.PROGRESS:
            return f"{self.reported_on:%d/%m/%Y}: {self.percent}%"
        return f"{self.reported_on:%d/%m/%Y}: {self.get_kind_display()}"

    @property
    def lowered(self) -> bool:
        return self.percent is not None and self.previous_percent is not None and self.percent < self.previous_percent


def evidence_path(instance, filename: str) -> str:
    """Return a generated storage name under tasks/evidence/: never the name the user gave."""
    import uuid

    extension = filename.rpartition(".")[2].lower() if "." in filename else "bin"
    return f"tasks/evidence/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class EvidenceFile(models.Model):
    """A document or photo attached to a progress report as evidence of the work done.

    Stored under MEDIA_ROOT with a generated name; the name the user gave is kept
    only to be offered back on download.
    """

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class TaskReminder(models.Model):
    """One reminder about one task to one person on one day, written before its email is sent.

    The unique constraint is what makes `send_reminders` send nothing twice on a
    day however often it runs; an email that failed stays here and is retried by
    the next run of the same day.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("ngày nhắc"))
    kind = models.CharField(_("loại nhắc"), max_length=20, choices=ReminderKind.choices)
    status = models.CharField(
        _("trạng thái gửi"), max_length=20, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # While "sending": until when the sender holds it. A sender killed mid-send (a silent mail server, a
    # killed worker) loses it at this time and the next run sends the reminder.
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc việc")
        verbose_name_plural = _("lần nhắc việc")
        ordering = ["-on", "task", "person"]
        indexes = [models.Index(fields=["on", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["task", "person", "on"], name="task_reminder_once_per_person_day")
        ]

    def __str__(self):
        return f"{self.on:%d/%m/%Y} {self.person}: {self.get_kind_display()}"


class TaskSheetImport(models.Model):
    """A progress spreadsheet a unit head uploaded, with the rows read from it and what each will do.

    Kept from the preview to the apply, so both see the same rows; the file's
    hash makes uploading the same file twice say so instead of applying it again.
    """

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("tên tệp"), max_length=255)
    rows = models.JSONField(_("các dòng"), default=list)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    applied_at = models.DateTimeField(_("áp dụng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp cập nhật tiến độ")
        verbose_name_plural = _("tệp cập nhật tiến độ")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["uploaded_by", "sha256"], name="task_sheet_once_per_person")]

    def __str__(self):
        return self.filename

    @property
    def changes(self) -> list[dict]:
        return [row for row in self.rows if row["action"] == "change"]

    @property
    def refusals(self) -> list[dict]:
        return [row for row in self.rows if row["action"] == "refuse"]
