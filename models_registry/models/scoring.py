"""The criteria a campaign scores models against and the scores given."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.models import CleanTextModel
from models_registry.models.campaigns import Campaign
from models_registry.models.registrations import Registration


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
