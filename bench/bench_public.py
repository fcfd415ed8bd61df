"""The public page of a government at two data sizes: median and p95 server time and query count.

Run with `.venv/bin/python bench/bench_public.py`. For each size (issued plans of one commune, each with
ten tasks, and recognised models) it prints the government page and an issued plan's page served from
the cache (what visitors get) and built afresh (the cache emptied before each request), as `name: value`
lines. A size that fails prints `public_<size>: failed (<error>)` and the script goes on.
Target: the cached page under 30 ms median, and a query count that does not grow with the data.
"""

import datetime
import statistics
import time

from harness import bench_database, measure_page, report, report_page

SIZES = (50, 1000)
MODELS = {50: 10, 1000: 100}


def build(size: int):
    """Create a commune with `size` issued plans of ten tasks each and some recognised models; return it."""
    from plans.models import Plan, Task
    from tests.factories import CommuneFactory, DepartmentFactory, UserFactory
    from tests.public.public_helpers import recognized_model

    commune = CommuneFactory(name=f"Ủy ban nhân dân xã Đo Lường {size}")
    department = DepartmentFactory(parent=commune, name="Phòng Văn hóa - Xã hội")
    author = UserFactory(unit=department)
    plans = Plan.objects.bulk_create(
        Plan(
            issuing_unit=commune,
            title=f"Kế hoạch tuyên truyền công tác dân vận số {n}",
            symbol="KH-UBND",
            status="issued",
            number=n,
            year=2025,
            issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 365),
            issued_pdf=f"plans/issued/bench-{n}.pdf",
            issued_pdf_sha256="0" * 64,
            signer_name="Hà Thị Thủy",
            created_by=author,
        )
        for n in range(1, size + 1)
    )
    Task.objects.bulk_create(
        Task(plan=plan, position=i, content=f"Nhiệm vụ {i} của kế hoạch", status="in_progress", progress=10 * i)
        for plan in plans
        for i in range(10)
    )
    world = type("World", (), {})()
    world.commune, world.department = commune, department
    world.users = {"official": author, "unit_head": author}
    for n in range(MODELS[size]):
        recognized_model(world, name=f"Mô hình dân vận khéo số {n}")
    return commune, plans[0]


def measure_uncached(client, url: str, runs: int = 20) -> dict:
    """Return the median and p95 time (ms) of GET `url` with the cache emptied before each request."""
    from django.core.cache import cache

    timings = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"median_ms": statistics.median(timings), "p95_ms": timings[min(len(timings) - 1, int(len(timings) * 0.95))]}


def bench_size(size: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    commune, plan = build(size)
    client = Client()
    pages = {
        "government": reverse("public:government", args=[commune.pk]),
        "plan": reverse("public:plan", args=[commune.pk, plan.pk]),
    }
    report(f"public_{size}_plans", size)
    for name, url in pages.items():
        report_page(f"public_{size}_{name}_cached", measure_page(client, url))
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        report(f"public_{size}_{name}_uncached_queries", len(queries))
        report_page(f"public_{size}_{name}_uncached", measure_uncached(client, url))


def main() -> None:
    for size in SIZES:
        try:
            bench_size(size)
        except Exception as error:  # a benchmark reports and goes on to the next size
            report(f"public_{size}", f"failed ({type(error).__name__}: {error})")


if __name__ == "__main__":
    with bench_database():
        main()
