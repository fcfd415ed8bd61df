"""Campaigns: the fields of work they offer and the reminders sent to units that had not registered."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.models import CleanTextModel, TimeStampedModel
from units.models import Unit


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
