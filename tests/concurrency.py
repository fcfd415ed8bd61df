"""Running work really at once: one thread and one database connection per job, all released together.

Races need PostgreSQL: SQLite serialises every write and ignores `select_for_update`, so the tests that use
`run_at_once` to overlap writes skip there through `postgres_only`.
"""

import threading

import pytest
from django.db import connection, connections


def postgres_only(reason: str) -> None:
    """Skip the calling test on any engine other than PostgreSQL, saying why."""
    if connection.vendor != "postgresql":
        pytest.skip(reason)


def run_at_once(jobs, *, timeout: float = 120) -> list:
    """Run each job in its own thread with its own connection, all released together; return results or errors."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes


def the_one_saved(texts: list[str], outcomes: list) -> str:
    """Return the text whose save went through, checking that every other save was refused as stale, not failed."""
    from danvan.versioning import StaleEditError

    refused = [outcome for outcome in outcomes if isinstance(outcome, StaleEditError)]
    failed = [outcome for outcome in outcomes if isinstance(outcome, Exception) and outcome not in refused]
    saved = [text for text, outcome in zip(texts, outcomes, strict=True) if not isinstance(outcome, Exception)]
    assert failed == []
    assert (len(saved), len(refused)) == (1, len(texts) - 1)
    return saved[0]
