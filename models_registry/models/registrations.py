"""Registrations of models: the model's content, its indicators and its workflow moves."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import CleanTextModel, TimeStampedModel, TransitionRecord
from danvan.text import fold
from models_registry.choices import (
    ACTIVE_STATUSES,
    COUNTED_STATUSES,
    EDITABLE_STATUSES,
    STATUS_STYLES,
    CommendationForm,
    ModelKind,
    Origin,
    RecognitionLevel,
    RegistrationStatus,
    Subject,
)
from models_registry.models.campaigns import Campaign, Field
from units.models import Unit

DECIMAL = {"max_digits": 14, "decimal_places": 2}


class RegistrationQuerySet(models.QuerySet):
    def for_unit(self, unit: Unit):
        return self.filter(unit=unit)

    def active(self):
        """Return registrations that were sent to the commune and not dropped."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def counted(self):
        """Return registrations that count towards the campaign's target (accepted and later)."""
        return self.filter(status__in=COUNTED_STATUSES)

    def recognized(self):
        return self.filter(status=RegistrationStatus.RECOGNIZED)


class Registration(TimeStampedModel):
    """A unit's registration of a "Dân vận khéo" model in a campaign (phiếu đăng ký mô hình).

    It carries the model from registration through implementation, self-assessment,
    evaluation and recognition; every move is a `RegistrationTransition`.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="registrations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT, related_name="dvk_registrations"
    )
    name = models.CharField(
        _("tên mô hình"), max_length=255, help_text=_("Ngắn gọn, dễ nhớ, nói được mục tiêu và cách làm.")
    )
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=ModelKind.choices, default=ModelKind.MODEL)
    subject = models.CharField(_("chủ thể"), max_length=20, choices=Subject.choices, default=Subject.COLLECTIVE)
    origin = models.CharField(_("mô hình mới hay tiếp tục"), max_length=20, choices=Origin.choices, default=Origin.NEW)
    continued_from = models.ForeignKey(
        "self",
        verbose_name=_("tiếp tục mô hình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continuations",
    )
    problem = models.TextField(_("thực trạng, vấn đề cần giải quyết"), max_length=20000)
    objectives = models.TextField(_("mục tiêu"), max_length=20000)
    method = models.TextField(_("nội dung, cách thức thực hiện"), max_length=20000)
    place_scope = models.TextField(_("địa bàn, phạm vi thực hiện"), max_length=4000)
    participants = models.TextField(_("lực lượng tham gia, đối tượng hưởng lợi"), max_length=4000)
    resources = models.TextField(
        _("nguồn lực"), max_length=4000, blank=True, help_text=_("Kinh phí, cơ sở vật chất, nhân lực, xã hội hóa.")
    )
    start_date = models.DateField(_("thời gian bắt đầu"))
    end_date = models.DateField(_("thời gian kết thúc"))
    person_in_charge = models.CharField(_("người phụ trách"), max_length=150)
    contact = models.CharField(_("điện thoại, email liên hệ"), max_length=150)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        editable=False,
    )
    # True while the registration holds the unit's one place in a campaign that allows one model
    # per unit; the partial unique constraint below then refuses a second one (set by services).
    exclusive = models.BooleanField(default=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dvk_registrations_created", editable=False
    )
    # Implementation report and self-assessment, by the unit.
    self_assessment = models.TextField(_("kết quả thực hiện và tự đánh giá"), max_length=20000, blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True, editable=False)
    # Evaluation, by an official of the commune.
    evaluation_comment = models.TextField(_("nhận xét đánh giá"), max_length=4000, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    evaluated_at = models.DateTimeField(_("chấm điểm lúc"), null=True, blank=True, editable=False)
    total_score = models.DecimalField(_("tổng điểm"), null=True, blank=True, editable=False, **DECIMAL)
    # Recognition and commendation, by the leader.
    recognition_level = models.CharField(
        _("cấp công nhận"), max_length=20, choices=RecognitionLevel.choices, blank=True
    )
    is_exemplary = models.BooleanField(_("mô hình tiêu biểu"), default=False)
    commendation_form = models.CharField(
        _("hình thức khen thưởng"), max_length=20, choices=CommendationForm.choices, blank=True
    )
    commendation_decision = models.CharField(_("số quyết định khen thưởng"), max_length=60, blank=True)
    commendation_date = models.DateField(_("ngày quyết định khen thưởng"), null=True, blank=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True, editable=False)
    # Dropping and replication.
    drop_reason = models.TextField(_("lý do dừng"), max_length=4000, blank=True)
    replication_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị nhân rộng"), blank=True, related_name="dvk_replicated_models"
    )
    replication_note = models.TextField(_("ghi chú nhân rộng"), max_length=4000, blank=True)
    # The model's name and its unit's, without diacritics or case, for search ("mot cua" finds "Một cửa").
    search_text = models.TextField(blank=True, editable=False, default="")

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "exclusive", "search_text"])
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký mô hình")
        verbose_name_plural = _("đăng ký mô hình")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["campaign", "status"]),
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["-created_at", "-id"], name="dvk_registration_recent"),
            models.Index(fields=["status", "-created_at"], name="dvk_registration_status_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"], condition=Q(exclusive=True), name="dvk_one_registration_per_unit"
            ),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="dvk_registration_dates_ordered"),
            models.CheckConstraint(
                condition=Q(continued_from__isnull=True) | Q(origin=Origin.CONTINUED),
                name="dvk_registration_continued_has_origin",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.DROPPED) | ~Q(drop_reason=""),
                name="dvk_registration_dropped_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.RECOGNIZED) | ~Q(recognition_level=""),
                name="dvk_registration_recognized_has_level",
            ),
        ]

    def __str__(self):
        return self.name

    def index_text(self) -> str:
        """Return the folded text searched for this registration: its name and its unit's name."""
        return fold(f"{self.name} {self.unit.name}")

    def save(self, *args, **kwargs):
        self.search_text = self.index_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("models_registry:registration_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_continued(self) -> bool:
        return self.origin == Origin.CONTINUED

    @property
    def status_style(self) -> str:
        """Return the Bootstrap colour of the status badge."""
        return STATUS_STYLES[self.status]


class Indicator(CleanTextModel):
    """One line of a model's indicator table: what is measured, from what baseline, to what target."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=255)
    measure = models.CharField(_("đơn vị tính"), max_length=50, help_text=_("Ví dụ: %, hộ, người, hồ sơ."))
    baseline = models.DecimalField(_("hiện trạng"), null=True, blank=True, **DECIMAL)
    target = models.DecimalField(_("mục tiêu"), **DECIMAL)
    achieved = models.DecimalField(_("kết quả đạt được"), null=True, blank=True, **DECIMAL)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gte=0), name="dvk_indicator_target_not_negative"),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__gte=0), name="dvk_indicator_baseline_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(achieved__isnull=True) | Q(achieved__gte=0), name="dvk_indicator_achieved_not_negative"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def reached(self) -> bool | None:
        """Whether the achieved value meets the target (None before results are reported)."""
        return None if self.achieved is None else self.achieved >= self.target


class RegistrationTransition(TransitionRecord):
    """One move of a registration through its workflow: who, when, from, to, and the comment."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    to_status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
