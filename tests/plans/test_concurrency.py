"""Races that only a real database can show: run on PostgreSQL (CI), skipped on SQLite."""

import datetime
import threading

import pytest
from django.db import connection, connections

from plans import services
from plans.choices import PlanStatus
from tests.factories import PlanFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("select_for_update does nothing on SQLite; this race is checked on PostgreSQL in CI")


def test_two_leaders_issuing_at_once_get_different_numbers(world, official, leader):
    """Given two approved plans of one unit, when two leaders issue them at the same instant, the numbers differ."""
    plans = [
        PlanFactory(issuing_unit=world.commune, created_by=official, status=PlanStatus.APPROVED, title=f"Kế hoạch {i}")
        for i in range(2)
    ]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue(plan):
        try:
            barrier.wait()
            results.append(services.plan_issue(plan=plan, by=leader, on=datetime.date(2025, 9, 12)).number)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [1, 2]
