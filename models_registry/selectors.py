"""Reads of the models_registry app that need more than a filter: scopes, coverage, the gallery."""

import math
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from models_registry.choices import (
    ACTIVE_STATUSES,
    CONTINUABLE_STATUSES,
    COUNTED_STATUSES,
    PENDING_STATUSES,
    RegistrationStatus,
)
from models_registry.models import Campaign, CampaignReminder, Field, Indicator, Registration
from models_registry.rules import SUBMITTED_ONWARD
from units.choices import OPERATIONAL_KINDS, Role, UnitKind
from units.models import Unit
from units.permissions import has_workplace
from units.scope import scope_of


def default_eligible_units(issuing_unit: Unit) -> QuerySet[Unit]:
    """Return the units asked to register by default: the commune's active departments and service units."""
    return issuing_unit.children.filter(kind__in=OPERATIONAL_KINDS, active_to__isnull=True).order_by("position", "name")


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """Return the campaigns of the governments in the user's scope."""
    if not has_workplace(user):
        return Campaign.objects.none()
    return Campaign.objects.filter(scope_of(user).government_condition("issuing_unit_id"))


def campaign_counts(campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """Return the eligible, counted (accepted and later) and registration counts of each of `campaign_ids`.

    For the campaigns of one list page, three grouped queries: correlated subqueries on the
    list's own query cost more to build in Python, for a city's supervisor, than to run.
    """
    counts = {pk: {"eligible": 0, "counted": 0, "registrations": 0} for pk in campaign_ids}
    grouped = {
        "eligible": Campaign.eligible_units.through.objects.filter(campaign_id__in=campaign_ids),
        "registrations": Registration.objects.filter(campaign_id__in=campaign_ids),
    }
    for name, rows in grouped.items():
        for campaign_id, n in rows.values("campaign_id").annotate(n=Count("pk")).values_list("campaign_id", "n"):
            counts[campaign_id][name] = n
    counted = (
        Registration.objects.filter(
            campaign_id__in=campaign_ids,
            status__in=COUNTED_STATUSES,
            unit__dvk_eligible_campaigns=F("campaign_id"),  # an eligible unit of the same campaign
        )
        .values("campaign_id")
        .annotate(n=Count("unit_id", distinct=True))
        .values_list("campaign_id", "n")
    )
    for campaign_id, n in counted:
        counts[campaign_id]["counted"] = n
    return counts


def unregistered_units(campaign: Campaign) -> QuerySet[Unit]:
    """Return the eligible units with no registration sent to the commune (none, only drafts, or dropped)."""
    active = Registration.objects.filter(campaign=campaign, unit_id=OuterRef("pk"), status__in=ACTIVE_STATUSES)
    return campaign.eligible_units.filter(~Exists(active)).order_by("position", "name")


@dataclass
class Coverage:
    """What the campaign page shows: who registered, against the target, by field and by status."""

    eligible: int
    counted: int
    pending: int
    target_percent: int
    target_units: int
    share: float
    unregistered: list[Unit]
    by_status: list[tuple[str, str, int]]
    by_field: list[tuple[str, int]]
    chart: dict = field(default_factory=dict)

    @property
    def target_reached(self) -> bool:
        return self.eligible > 0 and self.counted >= self.target_units

    @property
    def target_progress(self) -> int:
        """Return the counted units as a percent of the target number of units (for a progress bar)."""
        return min(100, round(self.counted * 100 / self.target_units)) if self.target_units else 0


def campaign_coverage(campaign: Campaign) -> Coverage:
    """Return the coverage of `campaign` in a fixed number of queries, however many units and models it has."""
    registrations = Registration.objects.filter(campaign=campaign, unit_id=OuterRef("pk"))
    units = list(
        campaign.eligible_units.order_by("position", "name").annotate(
            is_counted=Exists(registrations.filter(status__in=COUNTED_STATUSES)),
            is_pending=Exists(registrations.filter(status__in=PENDING_STATUSES)),
            last_reminded=Subquery(
                CampaignReminder.objects.filter(campaign=campaign, unit_id=OuterRef("pk"))
                .order_by("-sent_on")
                .values("sent_on")[:1]
            ),
        )
    )
    eligible = len(units)
    counted = sum(1 for unit in units if unit.is_counted)
    pending = sum(1 for unit in units if unit.is_pending and not unit.is_counted)
    target_units = math.ceil(eligible * campaign.target_percent / 100)
    status_counts = dict(
        Registration.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("pk")).order_by()
    )
    by_status = [(s.value, str(s.label), status_counts.get(s.value, 0)) for s in RegistrationStatus]
    field_counts = dict(
        Registration.objects.filter(campaign=campaign)
        .exclude(status=RegistrationStatus.DROPPED)
        .values_list("field_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    offered_ids = set(campaign.offered_fields.values_list("pk", flat=True)) | set(field_counts)
    offered = list(Field.objects.filter(pk__in=offered_ids))
    by_field = [(f.name, field_counts.get(f.pk, 0)) for f in offered]
    share = round(counted * 100 / eligible, 1) if eligible else 0.0
    return Coverage(
        eligible=eligible,
        counted=counted,
        pending=pending,
        target_percent=campaign.target_percent,
        target_units=target_units,
        share=share,
        unregistered=[unit for unit in units if not unit.is_counted and not unit.is_pending],
        by_status=by_status,
        by_field=by_field,
        chart={
            "status": {"labels": [label for _v, label, _n in by_status], "values": [n for *_x, n in by_status]},
            "field": {"labels": [name for name, _n in by_field], "values": [n for _name, n in by_field]},
        },
    )


def registrations_visible_to(user) -> QuerySet[Registration]:
    """Return the registrations `user` may open.

    Officials and leaders read every registration in their scope, supervisors those past
    submission; a unit head reads their own unit's, and the recognized models of their commune.
    """
    if not has_workplace(user):
        return Registration.objects.none()
    scope = scope_of(user)
    if scope.root.kind == UnitKind.COMMUNE:
        # A commune has no government under it: one indexed lookup of its campaigns.
        in_scope = scope.government_condition("campaign__issuing_unit_id")
    else:
        # A city or district: test each row's campaign, so a list ordered by date walks the date
        # index and stops after one page instead of sorting every registration of the city. The
        # governments are a literal list (a city has a few hundred at most): PostgreSQL estimates
        # a list well, and a subquery of the unit tree so badly that it sorts every registration.
        in_scope = Exists(Campaign.objects.filter(pk=OuterRef("campaign_id"), issuing_unit_id__in=scope.government_ids))
    if user.role == Role.UNIT_HEAD:
        return Registration.objects.filter(
            Q(unit_id=user.unit_id) | (in_scope & Q(status=RegistrationStatus.RECOGNIZED))
        )
    if user.role == Role.SUPERVISOR:
        return Registration.objects.filter(in_scope, status__in=SUBMITTED_ONWARD)
    return Registration.objects.filter(in_scope)


def registration_list(user) -> QuerySet[Registration]:
    """Return the registrations of the list; the page reads their columns as values (models_registry/list_rows.py)."""
    return registrations_visible_to(user)


def registration_detail(registration: Registration) -> dict:
    """Return what the registration page shows beside the registration itself."""
    return {
        "indicators": list(registration.indicators.all()),
        "transitions": list(registration.transitions.select_related("by")),
        "evidence_files": list(registration.evidence_files.select_related("uploaded_by")),
        "scores": list(registration.scores.select_related("criterion")),
        "replication_units": list(registration.replication_units.order_by("position", "name")),
    }


def continuable_models(*, unit: Unit, campaign: Campaign) -> QuerySet[Registration]:
    """Return the unit's models from earlier years that were carried out, newest first."""
    return (
        Registration.objects.filter(unit=unit, campaign__year__lt=campaign.year, status__in=CONTINUABLE_STATUSES)
        .select_related("campaign", "field")
        .order_by("-campaign__year", "-created_at")
    )


def gallery(user) -> QuerySet[Registration]:
    """Return the recognized models the user may see, with their results, for publicising."""
    return (
        registrations_visible_to(user)
        .filter(status=RegistrationStatus.RECOGNIZED)
        .select_related("campaign", "unit", "field")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position", "pk")))
        .order_by("-campaign__year", "-is_exemplary", "-total_score", "name")
    )


def campaigns_awaiting_unit(user) -> QuerySet[Campaign]:
    """Return the open campaigns in which the unit head's unit has not yet sent a registration."""
    if not has_workplace(user) or user.role != Role.UNIT_HEAD:
        return Campaign.objects.none()
    today = timezone.localdate()
    active = Registration.objects.filter(campaign=OuterRef("pk"), unit_id=user.unit_id, status__in=ACTIVE_STATUSES)
    return (
        Campaign.objects.filter(issuing_unit=scope_of(user).root, eligible_units=user.unit_id)
        .filter(Q(registration_deadline__gte=today) | Q(registration_open_override=True))
        .filter(~Exists(active))
        .order_by("registration_deadline")
    )
