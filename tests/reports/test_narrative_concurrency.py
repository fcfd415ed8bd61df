"""Two saves of the same report narrative at the same instant: exactly one wins. PostgreSQL only (CI)."""

import threading

import pytest
from django.db import connection, connections

from danvan.versioning import StaleEditError
from reports import services
from reports.models import PeriodicReport

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write, so two saves can never overlap; this race is checked on PostgreSQL")


def test_two_simultaneous_saves_of_a_report_let_exactly_one_through(world, official):
    """Given a draft report at version 1, when two officials save its results at the same instant, then one
    is stored and the other is refused as stale."""
    report = services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    barrier = threading.Barrier(2)
    saved, refused, errors = [], [], []

    def save(text):
        try:
            barrier.wait()
            services.report_update(report=report, by=official, expected_version=1, results=text)
            saved.append(text)
        except StaleEditError:
            refused.append(text)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(f"Kết quả của người thứ {n}.",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(saved) == 1 and len(refused) == 1
    stored = PeriodicReport.objects.get(pk=report.pk)
    assert (stored.results, stored.version) == (saved[0], 2)
