"""Races that only a real database can show: run on PostgreSQL (CI), skipped on SQLite."""

import datetime

import pytest

from plans import services
from plans.choices import PlanStatus
from tests.concurrency import postgres_only, run_at_once
from tests.factories import PlanFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    postgres_only("select_for_update does nothing on SQLite; this race is checked on PostgreSQL in CI")


def test_two_leaders_issuing_at_once_get_different_numbers(world, official, leader):
    """Given two approved plans of one unit, when two leaders issue them at the same instant, the numbers differ."""
    plans = [
        PlanFactory(issuing_unit=world.commune, created_by=official, status=PlanStatus.APPROVED, title=f"Kế hoạch {i}")
        for i in range(2)
    ]
    outcomes = run_at_once(
        [lambda plan=plan: services.plan_issue(plan=plan, by=leader, on=datetime.date(2025, 9, 12)) for plan in plans],
        timeout=30,
    )
    assert [outcome for outcome in outcomes if isinstance(outcome, Exception)] == []
    results = [issued.number for issued in outcomes]
    assert sorted(results) == [1, 2]
