"""Evidence files proving what a registered model did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.models import CleanTextModel
from models_registry.choices import (
    EvidenceKind,
)
from models_registry.models.registrations import Registration


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    """Return a generated storage name; the name the user gave is kept only in `original_name`."""
    return f"models_registry/evidence/{instance.registration_id}/{instance.stored_token}.{instance.kind}"


class EvidenceFile(CleanTextModel):
    """A file proving what a model did: a report, a photo, minutes of a meeting (tài liệu kiểm chứng)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="evidence_files")
    file = models.FileField(upload_to=evidence_path, max_length=200)
    stored_token = models.CharField(max_length=32, editable=False)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    kind = models.CharField(_("loại tệp"), max_length=10, choices=EvidenceKind.choices)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
