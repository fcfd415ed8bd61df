"""The portal against bare anchors in the same run: list pages against a bare Django list, PDFs against bare WeasyPrint.

Run with `make bench` or `.venv/bin/python bench/bench_anchors.py [SCALE] [lists|pdf]`.

Absolute times on a shared 2-core machine vary twofold between runs; a ratio
to an anchor measured in the same run, interleaved request by request, does
not. The anchors:

- a bare Django list (bench/bare_anchor.py): 50 of the same 100,000 task rows
  with one select_related, a plain template, Django's default middleware;
- a bare WeasyPrint render, in this process, of the very HTML the portal
  prints for a plan of about 5 pages and one of about 80 pages.

Figures (issue 19): `task_list_vs_bare_ratio` (portal requests per second ÷
bare, 3 interleaved reps), the median and p95 of every list page beside the
bare list's, `plan_pdf_vs_bare_ratio` (whole portal path: template, child
process, layout) and `pdf_per_page_vs_bare_ratio` (the cost of each page past
the fifth). Through gunicorn and wrk when wrk is installed and the database
can be shared; otherwise with Django's test client in this process, which the
output says. A figure that cannot be measured prints `name: skipped (reason)`.
"""

import shutil
import statistics
import sys
import time
import traceback

from harness import bench_database, connection, report, settle

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 9
# `lists`, `pdf` or both (the default): a second argument runs one half, when measuring a change to it.
PARTS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["lists", "pdf"]
REPS = 3
REP_SECONDS = 4.0
PAGE_RUNS = 30


def bare_client(user):
    """Return a test client that serves bench/bare_anchor.py behind Django's default middleware only."""
    from bare_anchor import DEFAULT_MIDDLEWARE
    from django.test import Client, override_settings
    from django.test.client import ClientHandler

    class BareHandler(ClientHandler):
        def load_middleware(self, is_async=False):
            with override_settings(MIDDLEWARE=DEFAULT_MIDDLEWARE):
                super().load_middleware(is_async)

        def get_response(self, request):
            request.urlconf = "bare_anchor"  # Django resets the URLconf when the request finishes
            return super().get_response(request)

    client = Client()
    client.handler = BareHandler(enforce_csrf_checks=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def throughput_method() -> tuple[str, str | None]:
    """Return how requests per second are measured, and why not through gunicorn when it is not."""
    if not shutil.which("wrk"):
        return "in-process test client", "wrk not installed"
    if connection.vendor == "sqlite":
        return "in-process test client", "the bench database is SQLite in memory, which gunicorn cannot share"
    return "in-process test client", "the gunicorn run is not written yet"


def requests_per_second(client, url: str, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count += 1
    return count / (time.perf_counter() - start)


def interleaved_pages(pages: dict, runs: int) -> dict[str, dict]:
    """Time GET of every page once per round, `runs` rounds, so load changes hit every page alike."""
    timings = {name: [] for name in pages}
    for client, url in pages.values():
        for _ in range(3):
            assert client.get(url).status_code == 200, url
    for _ in range(runs):
        for name, (client, url) in pages.items():
            start = time.perf_counter()
            client.get(url)
            timings[name].append((time.perf_counter() - start) * 1000)
    figures = {}
    for name, values in timings.items():
        values.sort()
        figures[name] = {
            "median": statistics.median(values),
            "p95": values[min(len(values) - 1, int(len(values) * 0.95))],
        }
    return figures


def list_anchors(users) -> None:
    from django.test import Client

    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    bare = bare_client(users["supervisor"])

    method, reason = throughput_method()
    report("task_list_vs_bare_method", method + (f" ({reason})" if reason else ""))
    portal_rates, bare_rates = [], []
    for _ in range(REPS):
        portal_rates.append(requests_per_second(clients["supervisor"], "/tasks/", REP_SECONDS))
        bare_rates.append(requests_per_second(bare, "/tasks/", REP_SECONDS))
    report("task_list_req_per_s", statistics.median(portal_rates))
    report("bare_list_req_per_s", statistics.median(bare_rates))
    report("task_list_vs_bare_ratio", sum(portal_rates) / sum(bare_rates))

    pages = {
        "bare_list": (bare, "/tasks/"),
        "task_list": (clients["supervisor"], "/tasks/"),
        "task_list_overdue": (clients["supervisor"], "/tasks/?overdue=on"),
        "task_list_commune": (clients["official"], "/tasks/"),
        "unit_inbox": (clients["typical_head"], "/tasks/mine/"),
        "unit_inbox_heavy": (clients["head"], "/tasks/mine/"),
        "plan_list": (clients["supervisor"], "/plans/"),
        "plan_list_commune": (clients["official"], "/plans/"),
    }
    figures = interleaved_pages(pages, PAGE_RUNS)
    anchor = figures["bare_list"]
    report("bare_list_median_ms", anchor["median"])
    report("bare_list_p95_ms", anchor["p95"])
    for name, figure in figures.items():
        if name == "bare_list":
            continue
        report(f"{name}_median_ms", figure["median"])
        report(f"{name}_p95_ms", figure["p95"])
        report(f"{name}_median_vs_bare", figure["median"] / anchor["median"])


def median_seconds(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def bare_weasyprint(html: str) -> bytes:
    """Lay out `html` with WeasyPrint in this process: no template, no child, no limits (assets from the allow-list)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from danvan.documents import ASSET_ORIGIN, AssetFetcher

    return HTML(string=html, base_url=ASSET_ORIGIN, url_fetcher=AssetFetcher()).write_pdf(
        font_config=FontConfiguration()
    )


def pdf_anchors() -> None:
    from bench_documents import build_plan, page_count
    from django.contrib.auth import get_user_model
    from django.template.loader import render_to_string
    from django.test import override_settings

    from plans.document import plan_document
    from plans.exports import render_plan_pdf
    from plans.exports.pdf import TEMPLATE
    from plans.exports.printed import printed_plan
    from units.choices import Role, UnitKind
    from units.models import Unit

    city = Unit.objects.create(name="Thành phố Mẫu PDF", kind=UnitKind.CITY, abbreviation="UBND")
    commune = Unit.objects.create(
        parent=city,
        name="Ủy ban nhân dân xã Thượng Hồng",
        kind=UnitKind.COMMUNE,
        abbreviation="UBND",
        place_name="Thượng Hồng",
    )
    department = Unit.objects.create(parent=commune, name="Phòng Văn hóa - Xã hội", kind=UnitKind.DEPARTMENT)
    official = get_user_model().objects.create_user(
        "canbo.pdf", unit=department, role=Role.OFFICIAL, full_name="Cán bộ"
    )
    plans = {
        "short": build_plan(official=official, commune=commune, department=department, blocks=6, title="Kế hoạch ngắn"),
        "long": build_plan(official=official, commune=commune, department=department, blocks=168, title="Kế hoạch dài"),
    }
    figures = {}
    # A busy machine must not turn the 80-page figure into a timeout: the limits are the views', not the subject.
    with override_settings(DOCUMENT_RENDER_TIMEOUT=600):
        for name, plan in plans.items():
            html = render_to_string(TEMPLATE, {"plan": plan, "printed": printed_plan(plan_document(plan))})
            pages = page_count(bare_weasyprint(html))
            render_plan_pdf(plan)  # warm: templates, forkserver, fonts
            runs = 5 if name == "short" else 3
            portal, bare = [], []
            for _ in range(runs):  # interleaved
                portal.append(median_seconds(lambda plan=plan: render_plan_pdf(plan), 1))
                bare.append(median_seconds(lambda html=html: bare_weasyprint(html), 1))
            figures[name] = (pages, statistics.median(portal), statistics.median(bare))
            report(f"plan_{name}_pages", pages)
            report(f"plan_{name}_pdf_median_ms", figures[name][1] * 1000)
            report(f"plan_{name}_bare_median_ms", figures[name][2] * 1000)
    pages, portal, bare = figures["short"]
    report("plan_pdf_vs_bare_ratio", portal / bare)
    long_pages, long_portal, long_bare = figures["long"]
    extra = long_pages - pages
    report("pdf_ms_per_page", (long_portal - portal) * 1000 / extra)
    report("bare_ms_per_page", (long_bare - bare) * 1000 / extra)
    report("pdf_per_page_vs_bare_ratio", (long_portal - portal) / (long_bare - bare))


def section(names: list[str], function, *args) -> None:
    """Run one part; on failure print every figure it owns as skipped, so the others still run."""
    try:
        function(*args)
    except Exception as error:
        traceback.print_exc()
        for name in names:
            report(name, f"skipped ({type(error).__name__}: {str(error)[:120]})")


def main():
    from bench_tasks import build

    with bench_database():
        users = build(SCALE)
        settle()
        report("database", connection.vendor)
        if "lists" in PARTS:
            section(["task_list_vs_bare_ratio"], list_anchors, users)
        if "pdf" in PARTS:
            section(["plan_pdf_vs_bare_ratio", "pdf_per_page_vs_bare_ratio"], pdf_anchors)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    report("total_seconds", time.perf_counter() - started)
