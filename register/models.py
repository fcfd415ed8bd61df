"""The register of outgoing documents (sổ đăng ký văn bản đi), Nghị định 30/2020/NĐ-CP, Phụ lục IV.

A văn thư keeps one book per issuing body and year, one line per number given. The
portal writes the line in the same transaction that gives the number (register.recording),
so a number never exists without its line; the copies and notes columns are the văn
thư's to fill.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.text import fold
from units.models import Unit


class OutgoingEntry(models.Model):
    """One line of the register: a document issued by `issuing_unit` with its number of `year`."""

    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    issued_on = models.DateField(_("ngày tháng văn bản"))
    doc_type = models.CharField(_("tên loại văn bản"), max_length=60)
    title = models.CharField(_("trích yếu nội dung"), max_length=500)
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    recipients = models.TextField(_("nơi nhận văn bản"), blank=True, max_length=4000)
    copies = models.PositiveSmallIntegerField(_("số lượng bản"), default=1)
    notes = models.TextField(_("ghi chú"), blank=True, max_length=2000)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", editable=False)
    object_id = models.PositiveBigIntegerField(editable=False)
    document = GenericForeignKey("content_type", "object_id")
    registered_at = models.DateTimeField(_("vào sổ lúc"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    search_text = models.TextField(blank=True, editable=False, default="")

    class Meta:
        verbose_name = _("dòng sổ văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        ordering = ["issuing_unit", "year", "issued_on", "symbol", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "symbol", "number"], name="register_number_once_per_book"
            ),
            models.UniqueConstraint(fields=["content_type", "object_id"], name="register_document_once"),
        ]
        indexes = [models.Index(fields=["issuing_unit", "year", "issued_on"], name="register_book_idx")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.reference, self.doc_type, self.title, self.signer, self.recipients]))
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """Return "31/KH-UBND", the number written with two digits at least, as on the document."""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
