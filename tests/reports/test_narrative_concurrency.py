"""Two saves of the same report narrative at the same instant: exactly one wins. PostgreSQL only (CI)."""

import pytest

from reports import services
from reports.models import PeriodicReport
from tests.concurrency import postgres_only, run_at_once, the_one_saved

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    postgres_only("SQLite serialises every write, so two saves can never overlap; this race is checked on PostgreSQL")


def test_two_simultaneous_saves_of_a_report_let_exactly_one_through(world, official):
    """Given a draft report at version 1, when two officials save its results at the same instant, then one
    is stored and the other is refused as stale."""
    report = services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    texts = [f"Kết quả của người thứ {n}." for n in (1, 2)]
    outcomes = run_at_once(
        [
            lambda text=text: services.report_update(report=report, by=official, expected_version=1, results=text)
            for text in texts
        ],
        timeout=30,
    )

    saved = the_one_saved(texts, outcomes)
    stored = PeriodicReport.objects.get(pk=report.pk)
    assert (stored.results, stored.version) == (saved, 2)
