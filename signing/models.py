"""The record of each signed PDF uploaded as an issued copy: what the verification found, kept for good."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignedCopyCheck(models.Model):
    """One upload of a signed PDF for an issued plan or report, accepted or refused, with the verification shown."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    accepted = models.BooleanField(_("được nhận"))
    problems = models.JSONField(_("lý do từ chối"), default=list)
    warnings = models.JSONField(_("cảnh báo"), default=list)
    signatures = models.JSONField(_("các chữ ký"), default=list)
    replaced_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("kiểm tra bản ký số")
        verbose_name_plural = _("kiểm tra bản ký số")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-uploaded_at"])]

    def __str__(self):
        return f"{self.file_name} ({'được nhận' if self.accepted else 'bị từ chối'})"
