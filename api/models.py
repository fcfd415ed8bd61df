"""Personal API tokens: a person's key for other systems (e-office, LGSP, the city's dashboards)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Tokens not revoked and not expired (as of now)."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """One personal API token ("khóa API"): it acts as its owner, within their scope and rules.

    Only the SHA-256 of the whole token is kept; the token itself is shown once, when
    created. `prefix` (the first characters after "dv_") finds the row without a scan.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên khóa"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    read_only = models.BooleanField(_("chỉ đọc"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} (dv_{self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired
