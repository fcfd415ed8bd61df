"""The figures of a closed period come from the cache, and a row of that period changed shows at once."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from models_registry.choices import RegistrationStatus
from models_registry.models import Registration
from plans.models import Task
from reports.choices import PeriodKind
from reports.selectors import Period
from reports.selectors.cache import ALL, _generation_key, _pending_ids, period_figures
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory

H2 = {"period": "second_half", "year": "2025"}
TODAY = datetime.date(2026, 3, 1)


def _get(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, params)
    assert page.status_code == 200
    return page, len(queries)


def _row(page, commune) -> dict:
    return next(row for row in page.context["rows"] if row["id"] == commune.pk)


def test_a_closed_periods_rollup_is_built_once(world, seeded):
    """Given the supervisor opened the roll-up of H2 2025, when it is opened again, then no figure is read again."""
    client = client_for(world.users["supervisor"])
    _page, built = _get(client, reverse("reports:rollup"), H2)
    page, cached = _get(client, reverse("reports:rollup"), H2 | {"sort": "-tasks_late"})
    assert cached <= built - 8
    assert _row(page, world.commune)["tasks_total"] == 5


def test_the_current_period_is_kept_until_a_row_of_its_year_changes(world, django_capture_on_commit_callbacks):
    """Given a plan running today, the roll-up of today's half-year is built once; a task added shows at once."""
    plan = IssuedPlanFactory(
        issuing_unit=world.commune, created_by=world.users["official"], issued_on=timezone.localdate(), period_end=None
    )
    TaskFactory(plan=plan, status="in_progress")
    client = client_for(world.users["supervisor"])
    first, built = _get(client, reverse("reports:rollup"), {})
    _page, cached = _get(client, reverse("reports:rollup"), {})
    assert cached <= built - 8
    with django_capture_on_commit_callbacks(execute=True):
        TaskFactory(plan=plan, status="in_progress")
    after, _queries = _get(client, reverse("reports:rollup"), {})
    assert _row(after, world.commune)["tasks_total"] == _row(first, world.commune)["tasks_total"] + 1 == 2


def test_a_task_done_late_in_a_closed_period_shows_on_the_rollup_and_the_dashboard(
    world, seeded, django_capture_on_commit_callbacks
):
    """Given the cached roll-up and dashboard of H2 2025, when a late task of its plan is marked done, then both
    pages show one more task done and one fewer late."""
    supervisor = client_for(world.users["supervisor"])
    rollup, dashboard = reverse("reports:rollup"), reverse("reports:commune_dashboard", args=[world.commune.pk])
    before = _row(_get(supervisor, rollup, H2)[0], world.commune)
    assert _get(supervisor, dashboard, H2)[0].context["figures"].summary == {
        k: v for k, v in before.items() if k not in {"id", "name"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        task = Task.objects.get(pk=seeded.tasks["late"].pk)
        task.status, task.progress = "done", 100
        task.save()
    after = _row(_get(supervisor, rollup, H2)[0], world.commune)
    assert (after["tasks_done"], after["tasks_late"]) == (before["tasks_done"] + 1, before["tasks_late"] - 1)
    summary = _get(supervisor, dashboard, H2)[0].context["figures"].summary
    assert summary == {k: v for k, v in after.items() if k not in {"id", "name"}}


def test_a_registration_recognised_in_a_closed_year_shows_on_the_rollup(
    world, seeded, django_capture_on_commit_callbacks
):
    """Given the cached roll-up of H2 2025, when a 2025 model is recognised, then the page counts it."""
    supervisor = client_for(world.users["supervisor"])
    before = _row(_get(supervisor, reverse("reports:rollup"), H2)[0], world.commune)["recognized"]
    registration = Registration.objects.exclude(status=RegistrationStatus.RECOGNIZED).first()
    with django_capture_on_commit_callbacks(execute=True):
        registration.status, registration.recognition_level = RegistrationStatus.RECOGNIZED, "commune"
        registration.save()
    after = _row(_get(supervisor, reverse("reports:rollup"), H2)[0], world.commune)["recognized"]
    assert after == before + 1


def test_a_task_starts_a_new_generation_of_its_plans_years_only(world, django_capture_on_commit_callbacks):
    """Given a plan of 2025 only, when one of its tasks changes, then 2025's figures are built again and 2024's kept."""
    plan = IssuedPlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        issued_on=datetime.date(2025, 7, 10),
        period_end=datetime.date(2025, 12, 31),
    )
    builds = []

    def figures(year):
        period = Period(PeriodKind.YEAR, year)
        return period_figures("test", period, TODAY, lambda: builds.append(year) or year)

    figures(2024), figures(2025)
    with django_capture_on_commit_callbacks(execute=True):
        TaskFactory(plan=plan)
    figures(2024), figures(2025)
    assert builds == [2024, 2025, 2025]
    assert not _pending_ids("plans")


@pytest.mark.parametrize("kind", ["unit", "campaign"])
def test_a_shared_row_starts_a_new_generation_of_every_year(world, seeded, kind, django_capture_on_commit_callbacks):
    """Given a unit renamed or a campaign edited, then every year's figures are built again."""
    from django.core.cache import cache

    before = cache.get(_generation_key(ALL))
    with django_capture_on_commit_callbacks(execute=True):
        row = world.department if kind == "unit" else seeded.campaign
        row.name = f"{row.name} (mới)"
        row.save()
    assert cache.get(_generation_key(ALL)) != before


def test_figures_built_just_after_a_write_are_kept_briefly(monkeypatch):
    """Given a generation started a second ago (a replica may still lag behind its write), the figures built now
    are kept YOUNG_GENERATION_SECONDS; a generation an hour old keeps them the full TIMEOUT."""
    from django.core.cache import cache

    from reports.selectors import cache as figures_cache

    stored = []
    real_set = cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        stored.append(timeout)
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    period = Period(PeriodKind.YEAR, 2024)
    figures_cache.invalidate([ALL, 2024])
    stored.clear()
    period_figures("young", period, TODAY, lambda: 1)
    assert stored == [figures_cache.YOUNG_GENERATION_SECONDS]
    hour_ago = time.time_ns() - 3600 * 1_000_000_000
    cache.set_many({_generation_key(ALL): hour_ago, _generation_key(2024): hour_ago}, None)
    stored.clear()
    period_figures("old", period, TODAY, lambda: 1)
    assert stored == [figures_cache.TIMEOUT]
