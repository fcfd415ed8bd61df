"""The Job row: one piece of background work, what it is about, how far it got and how it ended."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"  # written, waiting for a worker (again, after a worker died)
    RUNNING = "running", "Đang chạy"  # a worker holds it and heartbeats the row
    DONE = "done", "Đã xong"  # finished; the result file or link is ready
    FAILED = "failed", "Không thành công"  # ended with the Vietnamese reason in `message`


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def stale(self, before):
        """Return running jobs whose worker has not heartbeaten since `before` (it was most likely killed)."""
        return self.filter(status=JobStatus.RUNNING, heartbeat_at__lt=before)


class Job(models.Model):
    """One piece of work done outside the web request: a document to render, emails to send, a file to import.

    The row is the truth about the work (the task backend only carries its id to a worker): who asked,
    about which object, the step and percent a person sees, the attempts, and the outcome.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("loại việc", max_length=64)
    # Idempotency: while a job with this key is waiting or running, asking again joins it; once done, asking
    # again returns it. Empty for work that is never shared.
    key = models.CharField("khóa", max_length=255, blank=True, default="")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    target_id = models.CharField(max_length=64, blank=True, default="")
    target = GenericForeignKey("target_type", "target_id")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    params = models.JSONField("tham số", default=dict, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    step = models.CharField("bước", max_length=200, blank=True, default="")
    percent = models.PositiveSmallIntegerField("phần trăm", default=0)
    message = models.TextField("thông báo", blank=True, default="")
    outcome = models.JSONField("kết quả", default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    max_attempts = models.PositiveSmallIntegerField("số lần chạy tối đa", default=3)
    task_id = models.CharField("mã trong hàng đợi", max_length=64, blank=True, default="")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("còn chạy lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    result_file = models.FileField("tệp kết quả", upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField("tên tệp kết quả", max_length=200, blank=True, default="")
    result_content_type = models.CharField(max_length=100, blank=True, default="")
    result_link = models.CharField("đường dẫn kết quả", max_length=500, blank=True, default="")

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at"]
        constraints = [
            # At most one waiting or running job per key: a second start joins the first.
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status__in=["queued", "running"]) & ~Q(key=""),
                name="job_key_active_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["key", "status"], name="job_key_status"),
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
        ]

    def __str__(self):
        return f"{self.kind} {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def label(self) -> str:
        from danvan.jobs.registry import kind_or_none

        kind = kind_or_none(self.kind)
        return kind.label if kind else self.kind

    def result_url(self) -> str:
        """Return where the result is: the download URL of the file, or the link the job gave; empty until done."""
        if self.status != JobStatus.DONE:
            return ""
        if self.result_file:
            from django.urls import reverse

            return reverse("jobs:job_download", args=[self.pk])
        return self.result_link
