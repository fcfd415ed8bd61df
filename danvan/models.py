"""Abstract bases shared by the models of every app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.text import normalize_text


class CleanTextModel(models.Model):
    """A model whose text fields are stored NFC-normalized, however they were written."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    single_line = not isinstance(field, models.TextField)
                    setattr(self, field.attname, normalize_text(value.replace("\x00", ""), single_line=single_line))
        super().save(*args, **kwargs)


class TransitionRecord(CleanTextModel):
    """One move of a document through its workflow: who, when, and the comment.

    Each workflow's table adds its document and its own `from_status` / `to_status`
    with that workflow's choices (plans, registrations, reports).
    """

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True, max_length=4000)

    class Meta:
        abstract = True
        verbose_name = _("chuyển trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class TimeStampedModel(CleanTextModel):
    """A model that records when each row was created and last changed."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    """What an audited event did."""

    # A record was created (plan, task, registration...).
    CREATE = "create", _("Tạo mới")
    # A record was edited.
    UPDATE = "update", _("Sửa")
    # A record was deleted.
    DELETE = "delete", _("Xóa")
    # A document moved through its workflow (submitted, approved, returned...).
    TRANSITION = "transition", _("Chuyển trạng thái")
    # A plan was issued with its number; the row keeps the SHA-256 of its PDF.
    ISSUE = "issue", _("Ban hành")
    # An official document was downloaded.
    DOWNLOAD = "download", _("Tải văn bản")
    # A document file was imported.
    IMPORT = "import", _("Nhập văn bản")
    # Someone failed to log in.
    LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
    # Someone was refused a page or an action.
    ACCESS_DENIED = "access_denied", _("Bị từ chối truy cập")


class AuditEntry(models.Model):
    """One row of the audit trail: who did what, when, from which address. Never edited."""

    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ"), null=True, blank=True)
    action = models.CharField(_("hành động"), max_length=20, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=40, blank=True)
    summary = models.CharField(_("mô tả"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("nhật ký hệ thống")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_action_display()} {self.summary}"
