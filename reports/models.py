"""Periodic reports (Báo cáo 6 tháng, năm) of a commune and their workflow history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.models import TimeStampedModel, TransitionRecord
from reports.choices import EDITABLE_STATUSES, REPORT_SYMBOL, PartStatus, PeriodKind, ReportStatus
from units.models import Unit

# The generation of the report list's cached count (danvan/list_counts.py): a saved report renews it (reports/apps.py).
REPORTS_VERSION = "report_list_count:version"


def report_reference(number: int | None) -> str:
    """Return the reference of a report numbered `number`: "12/BC-UBND", or "…/BC-UBND" without a number."""
    return f"{number:02d}/{REPORT_SYMBOL}" if number else f"…/{REPORT_SYMBOL}"


class PeriodicReport(TimeStampedModel):
    """The half-year or yearly report (BÁO CÁO) a People's Committee sends up about its "dân vận" work.

    Its figures come from reports.selectors.commune_figures: refreshed while the
    report is a draft, frozen in `figures` when it is issued with its number.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("cơ quan báo cáo"), on_delete=models.PROTECT, related_name="reports")
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=20, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("trích yếu"), max_length=500)
    # The bodies the report is sent up to (ô 9a "Kính gửi"), one a line, chosen by its author.
    addressees = models.TextField(
        _("kính gửi"),
        blank=True,
        max_length=2000,
        help_text=_("Mỗi cơ quan nhận báo cáo một dòng, ví dụ: Ủy ban nhân dân thành phố. Để trống nếu không gửi lên."),
    )
    results = models.TextField(_("kết quả đạt được"), blank=True, max_length=50000)
    limitations_and_causes = models.TextField(_("hạn chế, nguyên nhân"), blank=True, max_length=50000)
    proposals = models.TextField(_("phương hướng, đề xuất, kiến nghị"), blank=True, max_length=50000)
    figures = models.JSONField(_("số liệu"), default=dict, blank=True, editable=False)
    figures_at = models.DateTimeField(_("số liệu lấy lúc"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(_("năm cấp số"), null=True, blank=True, editable=False)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True, editable=False)
    # The PDF rendered once at issuance and served byte for byte afterwards (danvan/issued.py).
    issued_pdf = models.FileField(upload_to="reports/issued/", blank=True, editable=False)
    issued_pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # Shown on the government's public page once issued (public/), only when the leader chooses so.
    published = models.BooleanField(_("công khai"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports_created", editable=False
    )

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_kind", "year"], name="report_one_per_unit_period"),
            models.UniqueConstraint(
                fields=["unit", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="report_number_unique_per_unit_year",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="report_year_range"),
            models.CheckConstraint(
                condition=~Q(status="issued") | Q(number__isnull=False, issued_on__isnull=False),
                name="report_issued_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Return "12/BC-UBND", or "…/BC-UBND" before a number is assigned."""
        return report_reference(self.number)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class ReportTransition(TransitionRecord):
    """One move of a report through its workflow: who, when, from, to, and the comment."""

    report = models.ForeignKey(PeriodicReport, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("chuyển trạng thái báo cáo")
        verbose_name_plural = _("lịch sử trạng thái báo cáo")


class ReportCycle(TimeStampedModel):
    """A reporting round the office opens for a period: every responsible unit sends its part by the deadline.

    E.g. "units report every 6 months to Phòng Văn hóa - Xã hội, which compiles".
    """

    government = models.ForeignKey(
        Unit, verbose_name=_("cơ quan tổng hợp"), on_delete=models.PROTECT, related_name="report_cycles"
    )
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=20, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    deadline = models.DateField(_("hạn nộp"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["government", "period_kind", "year"], name="report_cycle_one_per_period"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="report_cycle_year_range"),
        ]

    def __str__(self):
        label = (
            f"năm {self.year}"
            if self.period_kind == PeriodKind.YEAR
            else f"{self.get_period_kind_display()} {self.year}"
        )
        return f"Đợt báo cáo {label}"

    def get_absolute_url(self):
        return reverse("reports:cycle_detail", args=[self.pk])


class UnitPart(TimeStampedModel):
    """One unit's part of a report cycle: a short narrative and its tasks' progress, pre-filled from what it reported."""

    cycle = models.ForeignKey(ReportCycle, on_delete=models.CASCADE, related_name="parts")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="report_parts")
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=PartStatus.choices, default=PartStatus.PENDING, editable=False
    )
    narrative = models.TextField(_("kết quả, hạn chế, đề xuất của đơn vị"), blank=True, max_length=20000)
    task_progress = models.JSONField(_("tiến độ nhiệm vụ"), default=list, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    return_comment = models.TextField(_("ý kiến trả lại"), blank=True, max_length=4000, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("phần báo cáo của đơn vị")
        verbose_name_plural = _("phần báo cáo của đơn vị")
        ordering = ["unit__position", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="report_part_one_per_unit")]

    def __str__(self):
        return f"{self.unit} · {self.cycle}"

    def get_absolute_url(self):
        return reverse("reports:part_edit", args=[self.pk])

    def is_late_on(self, today) -> bool:
        return self.status != PartStatus.SUBMITTED and today > self.cycle.deadline


class PartTransition(TransitionRecord):
    """One move of a unit's part: sent by the unit, or returned by the office with a comment."""

    part = models.ForeignKey(UnitPart, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=PartStatus.choices)
    to_status = models.CharField(max_length=20, choices=PartStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("chuyển trạng thái phần báo cáo")
        verbose_name_plural = _("lịch sử trạng thái phần báo cáo")
