"""The portal against bare anchors in the same run: list pages against a bare Django list, PDFs against bare WeasyPrint.

Run with `make bench` or `.venv/bin/python bench/bench_anchors.py [SCALE] [lists|pdf]`.

Absolute times on a shared 2-core machine vary twofold between runs; a ratio
to an anchor measured in the same run, interleaved request by request, does
not. The anchors:

- a bare Django list (bench/bare_anchor.py): 50 of the same 100,000 task rows
  with one select_related, a plain template, Django's default middleware;
- a bare WeasyPrint render, in this process, of the very HTML the portal
  prints for a plan of about 5 pages and one of about 80 pages: the same linked
  print stylesheet, the same fetcher, and fonts prepared off the clock as the
  portal's warm render child prepares them (`plan_*_same_pdf_as_bare` checks the
  bytes are equal).
  Timed renders are a second apart (PDF_PAUSE), as one worker's downloads are.

Figures (issue 19): `task_list_vs_bare_ratio` (portal requests per second ÷
bare, 3 interleaved reps), the median and p95 of every list page beside the
bare list's, `plan_pdf_vs_bare_ratio` (whole portal path of a download:
template, child process at the worker's priority, layout) and
`pdf_per_page_vs_bare_ratio` (the cost of each page past the fifth); the same
with `pdf_niced` for a background job's render, whose child is niced. Through gunicorn and wrk when wrk is installed and the database
can be shared; otherwise with Django's test client in this process, which the
output says. A figure that cannot be measured prints `name: skipped (reason)`.
"""

import statistics
import sys
import time
import traceback

import served
from harness import bench_database, connection, logged_in_clients, one_commune, report, settle

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 9
# `lists`, `pdf` or both (the default): a second argument runs one half, when measuring a change to it.
PARTS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["lists", "pdf"]
REPS = 3
REP_SECONDS = 4.0
WRK_SECONDS = 10
# gunicorn and wrk need a database both servers can open: a SQLite file rather than memory, or PostgreSQL.
SERVED = "lists" in PARTS and served.unavailable() is None
PAGE_RUNS = 30
# Seconds between timed PDF renders: downloads from one worker come seconds apart, and the pool warms the next
# child (about 45 ms of CPU) meanwhile; without the pause that warm-up would land on whichever render came next.
PDF_PAUSE = 1.0
# The page a warm render child lays out before its job (danvan/document_child.py FONTS_WARM_UP_HTML), spelled out
# here so that this bench also runs against a renderer without a pool.
FONTS_PAGE = (
    '<html><head><link rel="stylesheet" href="css/print.css"></head>'
    "<body><p>Kế hoạch <b>đậm</b> <i>nghiêng</i> <b><i>đậm nghiêng</i></b></p></body></html>"
)


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


class AfterWrite:
    """A client whose every GET follows a write: the cached figures start a new generation first (microseconds)."""

    def __init__(self, client):
        self.client = client

    def get(self, url):
        from reports.selectors.cache import ALL, invalidate

        invalidate([ALL])
        return self.client.get(url)


def served_rates(user) -> tuple[list[float], list[float]]:
    """Requests per second of the portal's and the bare task list under gunicorn and wrk, REPS interleaved reps."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # a session row both servers read
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    env = served.server_env(settings, served.database_url(connection.settings_dict))
    connection.close()  # SQLite: nothing of this process holds the file while the servers read it
    portal_rates, bare_rates = [], []
    with served.gunicorn("danvan.wsgi", env) as portal, served.gunicorn("bare_wsgi", env) as bare:
        for base in (portal, bare):
            served.check(f"{base}/tasks/", cookie)
            served.wrk(f"{base}/tasks/", cookie, 2)  # warm: templates, connections
        for _ in range(REPS):
            for base, rates, name in ((portal, portal_rates, "task_list"), (bare, bare_rates, "bare_list")):
                figures = served.wrk(f"{base}/tasks/", cookie, WRK_SECONDS)
                if figures["errors"]:
                    raise RuntimeError(f"{name}: {figures['errors']} answers other than 2xx/3xx under wrk")
                rates.append(figures["rate"])
                report(f"{name}_wrk_p50_ms", figures["p50_ms"])
    return portal_rates, bare_rates


def client_rates(portal_client, bare) -> tuple[list[float], list[float]]:
    """Requests per second of both lists through Django's test client in this process, REPS interleaved reps."""
    portal_rates, bare_rates = [], []
    for _ in range(REPS):
        portal_rates.append(requests_per_second(portal_client, "/tasks/", REP_SECONDS))
        bare_rates.append(requests_per_second(bare, "/tasks/", REP_SECONDS))
    return portal_rates, bare_rates


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


def list_anchors(users, built: dict) -> None:
    from anchor_pages import more_pages

    clients = logged_in_clients(users)
    bare = bare_client(users["supervisor"])

    reason = served.unavailable() or (None if SERVED else "the database is SQLite in memory")
    if reason is None:
        try:
            portal_rates, bare_rates = served_rates(users["supervisor"])
            report("task_list_vs_bare_method", "gunicorn, 2 sync workers each, wrk -t2 -c16")
        except Exception as error:  # the fallback still gives the figure, and says why
            traceback.print_exc()
            reason = f"{type(error).__name__}: {str(error)[:120]}"
    if reason is not None:
        portal_rates, bare_rates = client_rates(clients["supervisor"], bare)
        report("task_list_vs_bare_method", f"in-process test client ({reason})")
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
        # The supervisor's roll-up, a commune's dashboard (10,400 tasks) and the supervisor's home, for the
        # current half-year: as the first visit after a write reads them (`_fresh`, every figure built) and,
        # just after, as a repeat visit does (cached). Each cached page follows its own fresh one in the round.
        "rollup_fresh": (AfterWrite(clients["supervisor"]), "/dashboard/communes/"),
        "rollup": (clients["supervisor"], "/dashboard/communes/"),
        "commune_dashboard_fresh": (AfterWrite(clients["official"]), "/dashboard/"),
        "commune_dashboard": (clients["official"], "/dashboard/"),
        "supervisor_home_fresh": (AfterWrite(clients["supervisor"]), "/"),
        "supervisor_home": (clients["supervisor"], "/"),
        **more_pages(clients, built),  # the registry, reports, notifications, calendar and a big plan
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


def bare_fonts():
    """Return fonts for one bare render, prepared as the portal's warm child prepares its own before its job.

    A fresh FontConfiguration that has laid out the child's one-line page (FONTS_WARM_UP_HTML in
    danvan/document_child.py), made before the clock starts: the same fonts in the same state on both
    sides. One FontConfiguration reused for every bare render would also keep this very document's
    shaping caches warm, which no render child has (a 5-page plan took 0.16 s of CPU instead of 0.18 s).
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from danvan.documents import ASSET_ORIGIN, AssetFetcher

    fonts = FontConfiguration()
    HTML(string=FONTS_PAGE, base_url=ASSET_ORIGIN, url_fetcher=AssetFetcher()).write_pdf(font_config=fonts)
    return fonts


def bare_weasyprint(html: str, fonts=None) -> bytes:
    """Lay out `html` with WeasyPrint in this process: no template, no child, no limits (assets from the allow-list).

    The same HTML, the same linked print stylesheet, the same fetcher and fonts as the portal's child.
    """
    from weasyprint import HTML

    from danvan.documents import ASSET_ORIGIN, AssetFetcher

    fonts = fonts or bare_fonts()
    return HTML(string=html, base_url=ASSET_ORIGIN, url_fetcher=AssetFetcher()).write_pdf(font_config=fonts)


def timed_bare(html: str) -> float:
    """Return the seconds of one bare render, its fonts prepared before the clock starts."""
    fonts = bare_fonts()
    start = time.perf_counter()
    bare_weasyprint(html, fonts)
    return time.perf_counter() - start


def pdf_anchors() -> None:
    from bench_documents import build_plan, page_count
    from django.template.loader import render_to_string
    from django.test import override_settings

    from danvan.documents import BACKGROUND_NICENESS, render_pdf
    from plans.document import plan_document
    from plans.exports.pdf import TEMPLATE
    from plans.exports.printed import printed_plan

    commune, department, official = one_commune(username="canbo.pdf", city_name="Thành phố Mẫu PDF")
    plans = {
        "short": build_plan(official=official, commune=commune, department=department, blocks=6, title="Kế hoạch ngắn"),
        "long": build_plan(official=official, commune=commune, department=department, blocks=168, title="Kế hoạch dài"),
    }

    def portal(plan, niceness):
        """The plan's whole PDF path (plans/exports/pdf.py) with the child at `niceness`."""
        return render_pdf(TEMPLATE, {"plan": plan, "printed": printed_plan(plan_document(plan))}, niceness=niceness)

    # The portal path twice: a download a person waits for (the worker's priority) and a background job
    # (niced, as every render was before issue 19), interleaved with the bare render.
    paths = {"pdf": 0, "pdf_niced": BACKGROUND_NICENESS}
    figures = {}
    # A busy machine must not turn the 80-page figure into a timeout: the limits are the views', not the subject.
    with override_settings(DOCUMENT_RENDER_TIMEOUT=600):
        for name, plan in plans.items():
            html = render_to_string(TEMPLATE, {"plan": plan, "printed": printed_plan(plan_document(plan))})
            bare_pdf = bare_weasyprint(html)
            pages = page_count(bare_pdf)
            # Warm: templates, forkserver, the pool. Same HTML, same stylesheet, same fonts: the same bytes.
            report(f"plan_{name}_same_pdf_as_bare", portal(plan, 0) == bare_pdf)
            runs = 9 if name == "short" else 3  # the short figures are the noisier
            timings = {path: [] for path in [*paths, "bare"]}
            for _ in range(runs):  # interleaved
                for path, niceness in paths.items():
                    time.sleep(PDF_PAUSE)
                    timings[path].append(median_seconds(lambda plan=plan, n=niceness: portal(plan, n), 1))
                time.sleep(PDF_PAUSE)
                timings["bare"].append(timed_bare(html))
            figures[name] = {path: statistics.median(values) for path, values in timings.items()}
            report(f"plan_{name}_pages", pages)
            for path, seconds in figures[name].items():
                report(f"plan_{name}_{path}_median_ms", seconds * 1000)
            figures[name]["pages"] = pages
    short, long = figures["short"], figures["long"]
    extra = long["pages"] - short["pages"]
    report("bare_ms_per_page", (long["bare"] - short["bare"]) * 1000 / extra)
    for path in paths:
        report(f"plan_{path}_vs_bare_ratio", short[path] / short["bare"])
        report(f"{path}_ms_per_page", (long[path] - short[path]) * 1000 / extra)
        report(f"{path}_per_page_vs_bare_ratio", (long[path] - short[path]) / (long["bare"] - short["bare"]))


def section(names: list[str], function, *args) -> None:
    """Run one part; on failure print every figure it owns as skipped, so the others still run."""
    try:
        function(*args)
    except Exception as error:
        traceback.print_exc()
        for name in names:
            report(name, f"skipped ({type(error).__name__}: {str(error)[:120]})")


def main():
    from anchor_pages import build_more
    from bench_tasks import build

    if SERVED and connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(served.sqlite_file())
    with served.removed_after(connection.settings_dict.get("TEST", {}).get("NAME")), bench_database():
        users = build(SCALE)
        built = build_more(SCALE) if "lists" in PARTS else {}
        users["canbo"] = built.pop("canbo", None)
        settle()
        report("database", connection.vendor)
        if "lists" in PARTS:
            section(["task_list_vs_bare_ratio"], list_anchors, users, built)
        if "pdf" in PARTS:
            names = ["plan_pdf_vs_bare_ratio", "pdf_per_page_vs_bare_ratio", "plan_pdf_niced_vs_bare_ratio"]
            section(names, pdf_anchors)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    report("total_seconds", time.perf_counter() - started)
