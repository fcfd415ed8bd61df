"""The catalogue of documents plans cite as their legal basis."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.models import TimeStampedModel
from plans.choices import ReferenceType


class ReferenceDocumentQuerySet(models.QuerySet):
    def matching(self, *, number_symbol: str, issued_on: datetime.date | None):
        """Return catalogue entries with the same canonical number (and date, when known)."""
        from plans.numbers import canonical_number

        entries = self.filter(number_key=canonical_number(number_symbol))
        return entries.filter(issued_on=issued_on) if issued_on else entries

    def same_document(self, *, number_symbol: str, issued_on: datetime.date | None, issuer: str = ""):
        """Return catalogue entries that are this document: the same canonical number in the same year.

        Numbers restart every January, so "31/KH-UBND" of 2025 and of 2026 are two
        documents; an entry of another named issuer is another document too.
        """
        from plans.numbers import canonical_number

        entries = self.filter(number_key=canonical_number(number_symbol))
        if issued_on:
            entries = entries.filter(Q(issued_on__year=issued_on.year) | Q(issued_on__isnull=True))
        if issuer:
            entries = entries.filter(Q(issuer="") | Q(issuer__iexact=issuer))
        return entries


class ReferenceDocument(TimeStampedModel):
    """A document that plans cite as a legal basis: a resolution, decision, directive, law, another plan.

    One catalogue shared by every plan; when the document is itself a plan in
    the portal, `plan` links to it, so a city plan shows the plans implementing it.
    """

    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    number_key = models.CharField(max_length=60, blank=True, db_index=True, editable=False)
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=ReferenceType.choices)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=2000, blank=True)
    plan = models.ForeignKey(
        "Plan",
        verbose_name=_("kế hoạch trên cổng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_as",
    )

    objects = ReferenceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "number_symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_key", "issued_on"],
                condition=~Q(number_key=""),
                name="reference_number_unique_per_date",
            )
        ]

    def __str__(self):
        parts = [self.get_doc_type_display()]
        if self.number_symbol:
            parts.append(f"số {self.number_symbol}")
        if self.issued_on:
            parts.append(f"ngày {self.issued_on:%d/%m/%Y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)

    def save(self, *args, **kwargs):
        from plans.numbers import canonical_number

        self.number_key = canonical_number(self.number_symbol)
        super().save(*args, **kwargs)
