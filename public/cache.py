"""The public pages in Django's cache, one generation per government.

A page is stored under its government's current generation; invalidating a government
starts a new generation, so every page of it (the government page, each plan's page, the
feed) is built again on its next visit, and the all-governments search page with it. A
government is invalidated when one of its documents is issued, completed, published or
withdrawn, or a model of its campaigns is recognised. Task progress is not an event here:
a page lives at most `TIMEOUT` seconds, so reported progress shows within that time.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver

from danvan import generations
from danvan.lifecycle import moved
from models_registry.choices import RegistrationStatus
from models_registry.models import Registration
from plans.choices import PlanStatus
from plans.models import Plan
from reports.choices import ReportStatus
from reports.models import PeriodicReport
from units.models import Unit
from units.scope import government_of

# Seconds a built page is kept: the longest a reported progress waits before it shows.
TIMEOUT = 300
# A page that lists an issued document whose PDF is still being stored is kept only briefly.
SHORT_TIMEOUT = 15
ALL = "all"


def _generation_key(government_id) -> str:
    return f"public:generation:{government_id}"


def _generation(government_id) -> int:
    return generations.current(_generation_key(government_id))[0]


def cached(government_id, name: str, build: Callable[[], tuple[object, int]]):
    """Return the page `name` of a government (or of ALL) from the cache, building and storing it when missing.

    `build` returns the content and how many seconds it may be kept.
    """
    key = f"public:page:{government_id}:{_generation(government_id)}:{name}"
    content = cache.get(key)
    if content is None:
        content, timeout = build()
        cache.set(key, content, timeout)
    return content


def invalidate(government_id: int) -> None:
    """Start a new generation of the government's pages and of the all-governments page."""
    generations.renew(_generation_key(government_id), _generation_key(ALL))


def invalidate_on_commit(government_id: int) -> None:
    """Invalidate once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: invalidate(government_id))


# The statuses in which each kind of document is on a public page: a move into or out of them changes it.
PUBLIC_STATUSES = {
    Plan: {PlanStatus.ISSUED, PlanStatus.COMPLETED},
    PeriodicReport: {ReportStatus.ISSUED},
    Registration: {RegistrationStatus.RECOGNIZED},
}


def government_of_document(document) -> Unit:
    """Return the government whose public page lists `document` (a plan, report or registration)."""
    if isinstance(document, Plan):
        return government_of(Unit.objects.get(pk=document.issuing_unit_id))
    if isinstance(document, PeriodicReport):
        return government_of(Unit.objects.get(pk=document.unit_id))
    return Unit.objects.get(pk=document.campaign.issuing_unit_id)


@receiver(moved)
def invalidate_on_move(sender, move, document, by, **kwargs):
    """Invalidate the government of a document that moved into or out of a public status."""
    statuses = PUBLIC_STATUSES.get(type(document))
    if statuses and statuses & {*move.sources, move.target}:
        invalidate(government_of_document(document).pk)
