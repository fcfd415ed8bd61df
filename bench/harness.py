"""Shared set-up for the benchmark scripts: a throw-away database and a timer for pages.

Each script builds its data in a test database (SQLite in memory by default, or
a temporary PostgreSQL database when DATABASE_URL points at PostgreSQL), then
prints its figures as `name: value` lines.
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


@contextmanager
def bench_database():
    """Create a fresh test database for the benchmark and drop it afterwards."""
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def settle() -> None:
    """Give the planner the statistics a live database has after bulk loading (autovacuum would, in time)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def report(name: str, value) -> None:
    """Print one figure as `name: value`."""
    if isinstance(value, float):
        value = f"{value:.2f}"
    print(f"{name}: {value}", flush=True)


def measure_page(client: Client, url: str, *, runs: int = 30, warmup: int = 3, prepare=None) -> dict:
    """Return the query count and the median and 95th-percentile server time (ms) of GET `url`.

    `prepare`, when given, is called before every measured request, outside the timing (say, to
    invalidate what the page caches, for the cost of the first visit after a change).
    """
    prepare = prepare or (lambda: None)

    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    # The log is a bounded deque: once full, CaptureQueriesContext's index slicing sees nothing.
    connection.queries_log.clear()
    prepare()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # now: the log is cleared again by the next request
    timings = []
    for _ in range(runs):
        prepare()
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "queries": query_count,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[min(len(timings) - 1, int(len(timings) * 0.95))],
    }


def logged_in_clients(users: dict) -> dict:
    """Return a test client per user of `users` ({name: user}), logged in without the login form."""
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return clients


def report_page(prefix: str, figures: dict) -> None:
    for key, value in figures.items():
        report(f"{prefix}_{key}", value)


def one_commune(*, username: str = "canbo", city_name: str = "Thành phố Hải Phòng"):
    """Create Thượng Hồng under a city, with its Phòng Văn hóa - Xã hội and one official of it (password "x").

    Return (commune, department, official): what the document and plan benchmarks build their plans on.
    """
    from django.contrib.auth import get_user_model

    from units.choices import Role, UnitKind
    from units.models import Unit

    city = Unit.objects.create(name=city_name, kind=UnitKind.CITY, abbreviation="UBND")
    commune = Unit.objects.create(
        parent=city,
        name="Ủy ban nhân dân xã Thượng Hồng",
        kind=UnitKind.COMMUNE,
        abbreviation="UBND",
        place_name="Thượng Hồng",
    )
    department = Unit.objects.create(parent=commune, name="Phòng Văn hóa - Xã hội", kind=UnitKind.DEPARTMENT)
    official = get_user_model().objects.create_user(
        username, password="x", unit=department, role=Role.OFFICIAL, full_name="Cán bộ"
    )
    return commune, department, official
