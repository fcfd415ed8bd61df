"""The API's task list (50 of up to 100,000 tasks) with a personal token: query count, median and p95 server time.

Run with `make bench` or `.venv/bin/python bench/bench_api.py [SMALL_SCALE LARGE_SCALE]`.

The data are those of bench/bench_tasks.py (`build(scale)`: the demo units at scale, SCALE × 10,000
spread tasks with progress, and 10,000 tasks concentrated in the commune "Mẫu 001"), built twice in
a throw-away database: at SCALE 1 (20,000 tasks) and at SCALE 9 (100,000 tasks). The same calls at
both sizes must cost the same number of queries. Each caller holds a read-only token; the rate
limit is raised out of the way (its cache check stays in the timing). A call that fails prints
`<name>: failed (…)` and the script goes on.

Target (issue 20): median under 30 ms, constant queries.
"""

import sys
import time

from harness import bench_database, measure_page, report, report_page, settle

SCALES = [int(arg) for arg in sys.argv[1:3]] if len(sys.argv) > 2 else [1, 9]


def token_client(user):
    """Return a test client sending a fresh read-only token of `user`."""
    import datetime

    from django.test import Client
    from django.utils import timezone

    from api.services import token_create

    _token, text = token_create(
        user=user, name="Đo hiệu năng", expires_on=timezone.localdate() + datetime.timedelta(days=7), read_only=True
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {text}")


def measure(name: str, client, url: str) -> dict | None:
    """Print the figures of GET `url` under `name`, or `<name>: failed (…)`; never raise."""
    try:
        figures = measure_page(client, url)
    except Exception as error:  # a benchmark reports a failure and goes on
        report(name, f"failed ({type(error).__name__}: {error})")
        return None
    report_page(name, figures)
    return figures


def run(scale: int) -> dict[str, int]:
    from bench_tasks import build
    from django.test import Client
    from django.test.utils import teardown_test_environment

    from api.throttling import TokenRateThrottle
    from plans.models import Task

    TokenRateThrottle.THROTTLE_RATES = {"api": "1000000/min"}
    queries = {}
    with bench_database():
        users = build(scale)
        settle()
        tasks = Task.objects.count()
        report(f"api_tasks_at_scale_{scale}", tasks)
        clients = {name: token_client(users[name]) for name in ("supervisor", "official", "head")}
        first = clients["supervisor"].get("/api/tasks/").json()
        calls = {
            # The city's supervisor: 50 of every task, then the next page by its cursor.
            "task_list": (clients["supervisor"], "/api/tasks/"),
            "task_list_next_page": (clients["supervisor"], first["next"].split("testserver", 1)[-1]),
            "task_list_in_progress": (clients["supervisor"], "/api/tasks/?status=in_progress"),
            # An official of the concentrated commune, and the head of its Văn phòng (10,000 tasks of their unit).
            "task_list_commune": (clients["official"], "/api/tasks/"),
            "task_list_unit_head": (clients["head"], "/api/tasks/"),
            "task_detail": (clients["supervisor"], f"/api/tasks/{first['results'][0]['id']}/"),
        }
        for name, (client, url) in calls.items():
            figures = measure(f"api_{name}_{tasks}", client, url)
            queries[name] = figures["queries"] if figures else None
        # The web page of the same list, for comparison on the same machine at the same moment.
        browser = Client()
        browser.force_login(users["supervisor"], backend="django.contrib.auth.backends.ModelBackend")
        measure(f"web_task_list_{tasks}", browser, "/tasks/")
    teardown_test_environment()  # bench_database() sets it up again for the next size
    return queries


def main():
    runs = {}
    for scale in SCALES:
        try:
            runs[scale] = run(scale)
        except Exception as error:  # a benchmark reports a failure and goes on
            report(f"api_scale_{scale}", f"failed ({type(error).__name__}: {error})")
    if len(runs) == 2:
        small, large = runs.values()
        constant = all(small[name] is not None and small[name] == large.get(name) for name in small)
        report("api_queries_constant", "yes" if constant else "no")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    report("bench_api_seconds", time.perf_counter() - started)
