"""Administrative units, groups of units, and the people who act in them."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from danvan.models import CleanTextModel
from danvan.text import refuse_direction_controls, refuse_look_alikes
from units.choices import GOVERNMENT_KINDS, EmailStatus, NotificationKind, NotificationMode, Role, UnitKind


def check_names_and_codes(instance, *, names: tuple[str, ...], codes: tuple[str, ...] = ()) -> None:
    """Refuse direction controls in the `names` fields and look-alike letters in the `codes` fields of `instance`.

    The admin's forms hand the raw text to `Model.clean()`; the portal's forms check earlier (danvan.forms).
    """
    errors = {}
    for fields, check in ((names, refuse_direction_controls), (codes, refuse_look_alikes)):
        for field in fields:
            try:
                check(getattr(instance, field) or "")
            except ValidationError as error:
                errors[field] = error
    if errors:
        raise ValidationError(errors)


class UnitQuerySet(TreeQuerySet):
    def governments(self):
        """Return the units that are a level of government (city, district, commune)."""
        return self.filter(kind__in=GOVERNMENT_KINDS)

    def communes(self):
        """Return communes, wards and special zones."""
        return self.filter(kind=UnitKind.COMMUNE)

    def active(self):
        """Return units that have not been dissolved or merged away."""
        return self.filter(active_to__isnull=True)


class Unit(CleanTextModel, TreeNode):
    """A body of the state or of the political system: a city, a commune, a department, a village.

    Units form a tree through `parent`; a commune's departments hang under it.
    """

    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    abbreviation = models.CharField(
        _("chữ viết tắt"),
        max_length=20,
        blank=True,
        help_text=_("Dùng trong ký hiệu văn bản, ví dụ UBND trong 31/KH-UBND."),
    )
    place_name = models.CharField(
        _("địa danh"), max_length=100, blank=True, help_text=_("Dùng ở dòng ngày tháng, ví dụ Thượng Hồng.")
    )
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)

    objects = UnitQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_under_parent"),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="unit_active_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("units:unit_detail", args=[self.pk])

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_KINDS

    def clean(self):
        super().clean()
        check_names_and_codes(self, names=("name", "short_name"), codes=("abbreviation",))


class UnitGroup(CleanTextModel):
    """A collective phrase that stands for several units, e.g. "các phòng, đơn vị sự nghiệp thuộc xã".

    Plans name such groups as a task's lead or coordinating unit; each member is then responsible.
    """

    owner = models.ForeignKey(Unit, verbose_name=_("thuộc"), on_delete=models.CASCADE, related_name="unit_groups")
    name = models.CharField(_("tên nhóm"), max_length=255)
    members = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thành viên"), related_name="member_of_groups", blank=True
    )

    class Meta:
        verbose_name = _("nhóm đơn vị")
        verbose_name_plural = _("nhóm đơn vị")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="unit_group_name_unique")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        check_names_and_codes(self, names=("name",))


class User(AbstractUser):
    """A person who uses the portal: belongs to one unit with one role.

    Site administrators are superusers and may have neither.
    """

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    position = models.CharField(
        _("chức vụ"), max_length=150, blank=True, help_text=_("Ví dụ: Chủ tịch UBND xã; in ở khối chữ ký.")
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    # How the person hears of each kind of notification: NotificationKind value -> NotificationMode value;
    # a kind not named is sent by email at once.
    notification_modes = models.JSONField(_("cách nhận thông báo"), default=dict, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]
        constraints = [
            models.CheckConstraint(condition=Q(role="") | Q(unit__isnull=False), name="user_role_needs_unit"),
        ]

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        check_names_and_codes(self, names=("full_name",))

    def save(self, *args, **kwargs):
        from danvan.text import normalize_text

        self.full_name = normalize_text(self.full_name, single_line=True)
        self.position = normalize_text(self.position, single_line=True)
        super().save(*args, **kwargs)

    @property
    def has_workplace(self) -> bool:
        """Whether the person has both a unit and a role, and so can use the portal."""
        return bool(self.unit_id and self.role)

    @cached_property
    def scope(self):
        """Return the units this person may see or act for (units.scope.Scope), built once per request.

        The one cache of a person's scope: a request loads its user afresh, so the scope
        follows changes to their unit or role from the next request on. Prefer
        `units.scope.scope_of(user)`, which also answers for anonymous visitors.
        """
        from units.scope import Scope

        return Scope.of(self)

    def notification_mode(self, kind: str) -> str:
        """Return how the person wants to hear of notifications of `kind` (a NotificationMode value)."""
        mode = (self.notification_modes or {}).get(kind)
        return mode if mode in NotificationMode.values else NotificationMode.NOW


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message shown to one person under the bell in the navigation bar.

    `key` makes a notification idempotent: the same reminder for the same person,
    task and day is written once however often the sender runs.
    """

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    key = models.CharField(max_length=200, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=NotificationKind.choices, blank=True)
    email_status = models.CharField(
        _("thư điện tử"), max_length=20, choices=EmailStatus.choices, default=EmailStatus.NONE, blank=True
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # The digest's queue: small, read once a day.
            models.Index(
                fields=["email_status", "recipient"],
                condition=Q(email_status=EmailStatus.DIGEST),
                name="notification_digest_queue",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""), name="notification_once_per_key")
        ]

    def __str__(self):
        return self.text


class NotificationDigest(models.Model):
    """The daily email that listed one person's notifications of one day: sent at most once per person and day."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_digests")
    on = models.DateField(_("ngày"))
    sent_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField(_("số thông báo"), default=0)

    class Meta:
        verbose_name = _("thư tổng hợp thông báo")
        verbose_name_plural = _("thư tổng hợp thông báo")
        ordering = ["-on", "recipient"]
        constraints = [models.UniqueConstraint(fields=["recipient", "on"], name="notification_digest_once_a_day")]

    def __str__(self):
        return f"{self.recipient} {self.on:%d/%m/%Y}"


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a leader or administrator to pair their authenticator app.

    Whoever holds only the password of someone who has not enrolled yet must not be the one to
    pair an app: the secret is shown only after this code. Only its SHA-256 is stored (the code
    is long and random, so a plain digest is enough); it expires and is used once.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes", verbose_name=_("người"))
    code_hash = models.CharField(_("mã (băm)"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người cấp")
    )
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("mã đăng ký xác thực hai lớp")
        verbose_name_plural = _("mã đăng ký xác thực hai lớp")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.created_at:%d/%m/%Y %H:%M}"
