"""Plans (Kế hoạch), their legal-basis clauses, sections, workflow moves and imported files."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import CleanTextModel, TimeStampedModel, TransitionRecord
from plans.choices import (
    EDITABLE_STATUSES,
    PLAN_STATUS_BADGES,
    DocumentType,
    Numbering,
    PlanKind,
    PlanStatus,
    TaskLayout,
)
from plans.models.references import ReferenceDocument
from units.models import Unit


class PlanQuerySet(models.QuerySet):
    def awaiting_approval(self):
        """Return plans submitted to a leader and not yet decided."""
        return self.filter(status=PlanStatus.SUBMITTED)

    def issued(self):
        """Return plans that were issued (including those since completed)."""
        return self.filter(status__in=[PlanStatus.ISSUED, PlanStatus.COMPLETED])

    def editable(self):
        return self.filter(status__in=EDITABLE_STATUSES)


def plan_reference(number: int | None, symbol: str) -> str:
    """Return a plan's reference from its number and symbol: "31/KH-UBND", or "…/KH-UBND" before it has a number."""
    return f"{number:02d}/{symbol}" if number else f"…/{symbol}"


class Plan(TimeStampedModel):
    """An official plan document (Kế hoạch) of a People's Committee or one of its units."""

    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    parent_agency = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Dòng trên tên cơ quan ban hành, nếu có.")
    )
    doc_type = models.CharField(
        _("loại văn bản"), max_length=5, choices=DocumentType.choices, default=DocumentType.PLAN
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True, editable=False)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True, help_text=_("Ví dụ: KH-UBND."))
    place_name = models.CharField(_("địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)
    title = models.CharField(_("trích yếu"), max_length=500)
    kind = models.CharField(
        _("loại kế hoạch"), max_length=20, choices=PlanKind.choices, default=PlanKind.IMPLEMENTATION
    )
    themes = models.TextField(_("chủ đề"), blank=True, max_length=4000, help_text=_("Mỗi chủ đề một dòng."))
    period_label = models.CharField(
        _("giai đoạn"), max_length=100, blank=True, help_text=_("Ví dụ: 6 tháng cuối năm 2025, năm 2025.")
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    intro = models.TextField(_("câu dẫn"), blank=True, max_length=20000)
    closing = models.TextField(_("đoạn kết"), blank=True, max_length=20000)
    recipients = models.TextField(_("nơi nhận"), blank=True, max_length=4000, help_text=_("Mỗi nơi nhận một dòng."))
    signature_authority = models.CharField(
        _("thẩm quyền ký"), max_length=150, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN")
    )
    signer_title = models.TextField(
        _("chức vụ người ký"),
        max_length=300,
        blank=True,
        help_text=_("Mỗi dòng một chức danh, ví dụ: CHỦ TỊCH; hoặc hai dòng KT. CHỦ TỊCH và PHÓ CHỦ TỊCH."),
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    has_appendix = models.BooleanField(_("in phụ lục bảng nhiệm vụ"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementing_plans",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies", editable=False
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # The `version` the header (this form's fields) was last saved at. Every change of a part moves `version`
    # on too, so a header save is refused as stale only when the header itself was saved after it was read.
    header_saved_version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plans_created", editable=False
    )
    issued_pdf = models.FileField(upload_to="plans/issued/", blank=True, editable=False)
    issued_pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Shown on the government's public page once issued (public/); the leader may withdraw it.
    published = models.BooleanField(_("công khai"), default=True, editable=False)
    # Title, introduction, themes, sections and tasks folded to lower case without
    # diacritics (danvan.text.fold, equal to PostgreSQL's lower(unaccent())), kept by
    # plans.services.plan_reindex and searched through a trigram index on PostgreSQL.
    search_text = models.TextField(blank=True, editable=False, default="")

    history = HistoricalRecords(excluded_fields=["updated_at", "issued_pdf", "search_text", "header_saved_version"])
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["issuing_unit", "status"]), models.Index(fields=["-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "doc_type", "number"],
                condition=Q(number__isnull=False),
                name="plan_number_unique_per_unit_year_type",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_ordered",
            ),
            models.CheckConstraint(condition=Q(number__isnull=True) | Q(number__gte=1), name="plan_number_positive"),
            models.CheckConstraint(
                condition=~Q(status__in=["issued", "completed"]) | Q(number__isnull=False, issued_on__isnull=False),
                name="plan_issued_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Return "31/KH-UBND", or "…/KH-UBND" before a number is assigned."""
        return plan_reference(self.number, self.symbol)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def status_badge(self) -> str:
        """Return the Bootstrap colour of the status badge: "success" for an issued plan."""
        return PLAN_STATUS_BADGES.get(self.status, "dark")

    @property
    def theme_list(self) -> list[str]:
        return [line for line in self.themes.splitlines() if line.strip()]

    @property
    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line.strip()]


class PlanBasis(CleanTextModel):
    """One legal-basis clause of a plan ("Căn cứ Quyết định số 3177/QĐ-UBND ..."), in order.

    `text` is the clause exactly as printed, without its ";" or "."; it begins with the
    opening phrase only where the document repeats it. `opening` is the phrase that applies.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bases")
    position = models.PositiveIntegerField(default=0)
    opening = models.CharField(_("từ mở đầu"), max_length=30, default="Căn cứ")
    text = models.TextField(_("nội dung căn cứ"), max_length=4000)
    references = models.ManyToManyField(
        ReferenceDocument, verbose_name=_("văn bản được viện dẫn"), blank=True, related_name="bases"
    )
    # Moved on by every saved edit (danvan/versioning.py), so an edit begun before another's save is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]


class Section(CleanTextModel):
    """A numbered part of a plan's body: "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) ...", "- ...".

    Markers are counted from the position among siblings of the same numbering.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(default=0)
    numbering = models.CharField(_("kiểu đánh số"), max_length=10, choices=Numbering.choices, default=Numbering.ARABIC)
    heading = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True, max_length=50000)
    task_layout = models.CharField(
        _("in nhiệm vụ"), max_length=10, choices=TaskLayout.choices, blank=True, default=TaskLayout.NONE
    )
    # Moved on by every saved edit (danvan/versioning.py), so an edit begun before another's save is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading or self.text[:80]


class PlanTransition(TransitionRecord):
    """One move of a plan through its workflow: who, when, from, to, and the comment."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=20, choices=PlanStatus.choices)


class ImportRecord(models.Model):
    """One plan document file imported into the portal, kept so the same file is never imported twice."""

    issuing_unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("tên tệp"), max_length=255)
    source_text = models.TextField(_("văn bản gốc"))
    uncertain = models.JSONField(_("chỗ chưa chắc chắn"), default=list, blank=True)
    unmatched_units = models.JSONField(_("đơn vị chưa khớp"), default=list, blank=True)
    created_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị mới tạo"), blank=True, related_name="+")
    detected_number = models.PositiveIntegerField(null=True, blank=True)
    detected_date = models.DateField(null=True, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, related_name="imports")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập văn bản")
        verbose_name_plural = _("lần nhập văn bản")
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["issuing_unit", "sha256"], name="import_file_once_per_unit")]

    def __str__(self):
        return self.filename
