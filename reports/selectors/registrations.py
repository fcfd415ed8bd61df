"""Figures of the "Dân vận khéo" models of a commune for a year: by field, status and level, honours, coverage."""

from django.db.models import Count, Q, QuerySet

from models_registry.choices import RecognitionLevel, RegistrationStatus
from models_registry.models import Campaign, Registration
from models_registry.selectors import campaign_coverage
from reports.selectors.periods import Period, day_text
from units.models import Unit


def period_registrations(government: Unit, period: Period) -> QuerySet[Registration]:
    """Return the registrations of the commune's campaigns of the period's year, dropped ones included."""
    return Registration.objects.filter(campaign__issuing_unit=government, campaign__year=period.year)


def models_by_field(registrations: QuerySet[Registration]) -> list[dict]:
    """Return how many live (not dropped) models each field has, the largest first."""
    live = registrations.exclude(status=RegistrationStatus.DROPPED)
    return [
        {"field_id": r["field_id"], "field": r["field__name"], "n": r["n"]}
        for r in live.order_by().values("field_id", "field__name").annotate(n=Count("pk")).order_by("-n", "field__name")
    ]


def registration_status_counts(registrations: QuerySet[Registration]) -> dict[str, int]:
    """Return {status: count} of the registrations, in one query."""
    return dict(registrations.order_by().values_list("status").annotate(n=Count("pk")))


def models_by_status(status_counts: dict[str, int]) -> list[dict]:
    """Return the count of each registration status, in the order of the statuses."""
    return [{"status": s.value, "label": str(s.label), "n": status_counts.get(s.value, 0)} for s in RegistrationStatus]


def models_by_level(registrations: QuerySet[Registration]) -> list[dict]:
    """Return how many recognised models each recognition level has, in the order of the levels."""
    level_counts = dict(
        registrations.filter(status=RegistrationStatus.RECOGNIZED)
        .order_by()
        .values_list("recognition_level")
        .annotate(n=Count("pk"))
    )
    return [{"level": lv.value, "label": str(lv.label), "n": level_counts.get(lv.value, 0)} for lv in RecognitionLevel]


def honours(registrations: QuerySet[Registration]) -> tuple[list[dict], list[dict]]:
    """Return (exemplary models, commended models), by unit then name, in one query."""
    honoured = (
        registrations.filter(Q(is_exemplary=True) | ~Q(commendation_form=""))
        .select_related("unit", "field")
        .order_by("unit__position", "name")
    )
    exemplars, commendations = [], []
    for r in honoured:
        row = {"id": r.pk, "name": r.name, "unit": r.unit.short_name or r.unit.name, "field": r.field.name}
        if r.is_exemplary:
            exemplars.append(row | {"level": r.get_recognition_level_display()})
        if r.commendation_form:
            commendations.append(
                row
                | {
                    "form": r.get_commendation_form_display(),
                    "decision": r.commendation_decision,
                    "date": day_text(r.commendation_date),
                }
            )
    return exemplars, commendations


def coverage(government: Unit, period: Period) -> list[dict]:
    """Return each campaign of the year with its coverage of eligible units and whether its target is reached."""
    rows = []
    for campaign in Campaign.objects.filter(issuing_unit=government, year=period.year).order_by("name"):
        c = campaign_coverage(campaign)
        rows.append(
            {
                "campaign_id": campaign.pk,
                "name": campaign.name,
                "eligible": c.eligible,
                "counted": c.counted,
                "pending": c.pending,
                "target_percent": c.target_percent,
                "target_units": c.target_units,
                "share": c.share,
                "target_reached": c.target_reached,
            }
        )
    return rows
