"""The "Dân vận khéo" movement: yearly campaigns, the models units register, their results and recognition."""

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
    EvidenceKind,
    ModelKind,
    Origin,
    RecognitionLevel,
    RegistrationStatus,
    Subject,
)
from units.models import Unit

DECIMAL = {"max_digits": 14, "decimal_places": 2}


class FieldQuerySet(models.QuerySet):
    def offered_by(self, unit: Unit):
        """Return the five default fields and those the commune `unit` added."""
        return self.filter(Q(owner__isnull=True) | Q(owner=unit))


class Field(CleanTextModel):
    """A field of work (lĩnh vực) a model belongs to: Kinh tế, Văn hóa - Xã hội, ...

    The five default fields have no owner; a commune may add its own (e.g. Tôn giáo, Dân tộc).
    """

    name = models.CharField(_("tên lĩnh vực"), max_length=150)
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("do đơn vị thêm"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dvk_fields",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=100)

    objects = FieldQuerySet.as_manager()

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="dvk_field_name_unique_per_owner"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(owner__isnull=True), name="dvk_default_field_name_unique"
            ),
        ]

    def __str__(self):
        return self.name


class CampaignQuerySet(models.QuerySet):
    def of_government(self, unit: Unit):
        return self.filter(issuing_unit=unit)


class Campaign(TimeStampedModel):
    """A year's "Dân vận khéo" emulation movement of a commune (phong trào thi đua "Dân vận khéo" năm N).

    Launched by a plan; its eligible units (by default the commune's departments and
    service units) are asked to register a model before the registration deadline.
    """

    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan phát động"), on_delete=models.PROTECT, related_name="dvk_campaigns"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên phong trào"), max_length=255)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch phát động"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dvk_campaigns",
    )
    eligible_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị tham gia"), related_name="dvk_eligible_campaigns", blank=True
    )
    registration_deadline = models.DateField(_("hạn đăng ký"))
    report_deadline = models.DateField(_("hạn báo cáo kết quả"))
    target_percent = models.PositiveSmallIntegerField(
        _("chỉ tiêu tỷ lệ đơn vị có mô hình (%)"), default=100, help_text=_("Ví dụ: 100% phòng, đơn vị đăng ký.")
    )
    offered_fields = models.ManyToManyField(Field, verbose_name=_("lĩnh vực"), related_name="campaigns", blank=True)
    allow_multiple = models.BooleanField(
        _("mỗi đơn vị được đăng ký nhiều mô hình"), default=False, help_text=_("Để trống: mỗi đơn vị một mô hình.")
    )
    registration_open_override = models.BooleanField(
        _("mở lại đăng ký sau hạn"),
        default=False,
        help_text=_("Cán bộ mở lại để đơn vị còn thiếu được đăng ký sau hạn."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dvk_campaigns_created", editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào “Dân vận khéo”")
        verbose_name_plural = _("phong trào “Dân vận khéo”")
        ordering = ["-year", "issuing_unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_unit", "year", "name"], name="dvk_campaign_unique_name"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="dvk_campaign_year_range"),
            models.CheckConstraint(
                condition=Q(target_percent__gte=1, target_percent__lte=100), name="dvk_campaign_target_percent"
            ),
            models.CheckConstraint(
                condition=Q(report_deadline__gte=F("registration_deadline")), name="dvk_campaign_deadlines_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("models_registry:campaign_detail", args=[self.pk])

    def registration_open(self, today) -> bool:
        """Whether units may still register: before the deadline, or reopened by an official."""
        return self.registration_open_override or today <= self.registration_deadline


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


class Criterion(CleanTextModel):
    """One criterion a campaign scores models against, with its maximum score."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("tiêu chí"), max_length=500)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(max_score__gt=0), name="dvk_criterion_max_positive")]

    def __str__(self):
        return self.name


class Score(CleanTextModel):
    """The score an evaluator gave a registration on one criterion.

    The criterion's maximum is copied at scoring time so the database can refuse a score above it.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    max_score = models.DecimalField(max_digits=5, decimal_places=2, editable=False)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "criterion"], name="dvk_one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=F("max_score")), name="dvk_score_within_range"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class RegistrationTransition(TransitionRecord):
    """One move of a registration through its workflow: who, when, from, to, and the comment."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    to_status = models.CharField(max_length=20, choices=RegistrationStatus.choices)


class CampaignReminder(CleanTextModel):
    """A reminder sent to a unit that had not registered: at most one per unit and day."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("ngày nhắc"))
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipients = models.TextField(_("địa chỉ đã gửi"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("lời nhắc đăng ký")
        verbose_name_plural = _("lời nhắc đăng ký")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "sent_on"], name="dvk_one_reminder_per_unit_day")
        ]

    def __str__(self):
        return f"{self.unit} {self.sent_on:%d/%m/%Y}"

    @property
    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line]
