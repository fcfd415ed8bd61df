"""The figures of a period in Django's cache, one generation per year.

A closed period (ended before today) still changes when one of its rows changes: a task
of a plan that ran in it is done late, a registration of its year is recognised, a unit
is renamed. So its figures are stored under the generation of its year and of "all", and
a write to a row of that year starts a new generation of the year (after the commit, as
public/cache.py does per government): the next visit builds the figures again.

The current period is stored the same way, under the day as well (lateness is judged on
today) and for at most `OPEN_TIMEOUT`: its rows change all day, and each change of its year
starts a new generation, so it saves the repeat visits between two writes (a supervisor's
home, the roll-up opened again after a commune's dashboard), never a stale figure.

What starts a new generation (signals, so writes from services, the admin and the API alike):
- a task, or its lead units or groups: the years its plan runs in, up to this year;
- a registration: the year of its campaign;
- an eligible-units change of a campaign: the campaign's year;
- a plan that is or was issued, a campaign, a unit, a unit group's members, a field: every year.

Bulk writes that bypass signals (a restore, a bench's bulk load) are bounded by the timeouts.
"""

import datetime
import threading
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from danvan import generations
from danvan.lifecycle import moved
from models_registry.models import Campaign, Field, Registration
from plans.choices import PlanStatus
from plans.models import Plan, Task
from reports.selectors.periods import Period
from units.models import Unit, UnitGroup

# Seconds the figures are kept at most, closed and current periods: the bound for writes no signal sees.
TIMEOUT = 6 * 3600
OPEN_TIMEOUT = 300
# The roll-up and dashboards may read a streaming replica (danvan/replicas.py), which can lag behind the write
# that started a generation: figures built within this many seconds of it are kept only that long.
YOUNG_GENERATION_SECONDS = 30
ALL = "all"
ISSUED = {PlanStatus.ISSUED, PlanStatus.COMPLETED}


def is_closed(period: Period, today: datetime.date) -> bool:
    """Return whether the period ended before `today`: its figures no longer depend on the day."""
    return period.end < today


def _generation_key(year) -> str:
    return f"reports:figures:generation:{year}"


def _generations(year: int) -> tuple:
    return generations.current(_generation_key(ALL), _generation_key(year))


def period_figures(name: str, period: Period, today: datetime.date, build: Callable[[], object]):
    """Return `build()` from the cache, building and storing it when missing.

    `name` tells the figures apart (the roll-up of a root, the dashboard of a commune). The
    generation is read before the figures are, so figures read while a write commits are
    stored under the old generation and never served after it.
    """
    generation_all, generation_year = _generations(period.year)
    closed = is_closed(period, today)
    day = "closed" if closed else today.isoformat()
    key = f"reports:figures:{name}:{period.kind}:{period.year}:{day}:{generation_all}:{generation_year}"
    figures = cache.get(key)
    if figures is None:
        figures = build()
        timeout = TIMEOUT if closed else OPEN_TIMEOUT
        if time.time_ns() - max(generation_all, generation_year) < YOUNG_GENERATION_SECONDS * 1_000_000_000:
            timeout = YOUNG_GENERATION_SECONDS
        cache.set(key, figures, timeout)
    return figures


def invalidate(years) -> None:
    """Start a new generation of the figures of `years` (ALL for every year)."""
    generations.renew(*(_generation_key(year) for year in years))


# Plans and campaigns whose years are looked up once the writes commit, one query for each kind.
_pending = threading.local()


def _pending_ids(kind: str) -> set:
    if not hasattr(_pending, kind):
        setattr(_pending, kind, set())
    return getattr(_pending, kind)


def _flush() -> None:
    """Invalidate the years of the plans and campaigns written since the last flush."""
    plan_ids, campaign_ids = set(_pending_ids("plans")), set(_pending_ids("campaigns"))
    _pending_ids("plans").clear()
    _pending_ids("campaigns").clear()
    this_year = timezone.localdate().year
    years: set = set()
    if plan_ids:
        # A plan no longer found was deleted, which its own signal answers (or rolled back: nothing changed).
        found = Plan.objects.filter(pk__in=plan_ids).values_list("status", "issued_on", "period_end")
        for status, issued_on, period_end in found:
            if status not in ISSUED:
                continue
            if issued_on is None:
                years.add(ALL)
                continue
            last = min(period_end.year if period_end else this_year, this_year)
            years.update(range(issued_on.year, last + 1))
    if campaign_ids:
        years.update(Campaign.objects.filter(pk__in=campaign_ids).values_list("year", flat=True))
    if years:
        invalidate(years)


# Robust: a cache or database hiccup after the commit is logged, never turned into an error of the write
# that succeeded; the figures then wait at most TIMEOUT.
def _later(kind: str, pk) -> None:
    _pending_ids(kind).add(pk)
    transaction.on_commit(_flush, robust=True)


def _everything() -> None:
    transaction.on_commit(lambda: invalidate([ALL]), robust=True)


@receiver([post_save, post_delete], sender=Task)
def _task_written(sender, instance, **kwargs):
    _later("plans", instance.plan_id)


@receiver(m2m_changed, sender=Task.lead_units.through)
@receiver(m2m_changed, sender=Task.lead_groups.through)
def _task_leads_changed(sender, instance, reverse, **kwargs):
    if kwargs["action"].startswith("post_"):
        if isinstance(instance, Task):
            _later("plans", instance.plan_id)
        else:
            _everything()


@receiver([post_save, post_delete], sender=Registration)
def _registration_written(sender, instance, **kwargs):
    _later("campaigns", instance.campaign_id)


@receiver(m2m_changed, sender=Campaign.eligible_units.through)
def _eligible_units_changed(sender, instance, **kwargs):
    if kwargs["action"].startswith("post_"):
        if isinstance(instance, Campaign):
            _later("campaigns", instance.pk)
        else:
            _everything()


@receiver([post_save, post_delete], sender=Plan)
def _plan_written(sender, instance, **kwargs):
    # A draft is in no figure; an issued plan's dates may have moved, so every year is built again.
    if instance.status in ISSUED:
        _everything()


@receiver(moved)
def _document_moved(sender, move, document, **kwargs):
    if isinstance(document, Plan) and ISSUED & {*move.sources, move.target}:
        invalidate([ALL])  # already after the commit
    elif isinstance(document, Registration):
        _later("campaigns", document.campaign_id)


@receiver([post_save, post_delete], sender=Campaign)
@receiver([post_save, post_delete], sender=Unit)
@receiver([post_save, post_delete], sender=Field)
def _shared_row_written(sender, **kwargs):
    _everything()


@receiver(m2m_changed, sender=UnitGroup.members.through)
def _group_members_changed(sender, **kwargs):
    if kwargs["action"].startswith("post_"):
        _everything()
