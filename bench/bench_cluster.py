"""The cluster on one box (scripts/cluster.sh) under load, with a burst of report jobs and two processes killed.

1. baseline: a fixed-length load on a list page (/plans/, logged in as canbo) through nginx, with `wrk` when it
   is installed, else a threaded Python client (the line `cluster_client` says which);
2. burst: the same load again while JOBS report jobs are enqueued (the report PDF job when the portal has one,
   else the report figures job: `jobs_kind` says which), one gunicorn instance killed (SIGKILL) halfway
   through the load, and one queue worker killed (SIGKILL) once a tenth of the jobs are done;
3. drain: wait (bounded) until every job has ended; the killed worker's job is requeued by the sweeper.

Prints `name: value` lines: cluster_baseline_p99_ms, cluster_burst_p99_ms, cluster_5xx, cluster_failed_requests
(5xx and connection errors while a gunicorn was killed), jobs_enqueued, jobs_done, jobs_lost, jobs_drain_s,
worker_rss_mb; a figure that could not be measured is printed as `name: skipped (reason)`. Goals: jobs_lost 0,
cluster_5xx 0, burst p99 at most twice the baseline's. Loopback only; every loop is bounded in count and time.

Run `scripts/cluster.sh up` first, then `python bench/bench_cluster.py [JOBS] [LOAD_SECONDS]`. It leaves the killed
gunicorn and worker stopped: `scripts/cluster.sh up` starts them again.
"""

import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / ".cluster"
JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 500
LOAD_SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
DRAIN_TIMEOUT = 1800  # seconds
CONNECTIONS = 8
PAGE = "/plans/"
FIGURES = [
    "cluster_baseline_p99_ms",
    "cluster_burst_p99_ms",
    "cluster_5xx",
    "cluster_failed_requests",
    "jobs_enqueued",
    "jobs_done",
    "jobs_lost",
    "jobs_drain_s",
    "worker_rss_mb",
]
printed: set[str] = set()


def report(name: str, value) -> None:
    printed.add(name)
    print(f"{name}: {value:.1f}" if isinstance(value, float) else f"{name}: {value}", flush=True)


def skip_rest(reason: str) -> None:
    for name in FIGURES:
        if name not in printed:
            report(name, f"skipped ({reason})")


def cluster_env() -> dict[str, str]:
    lines = (RUN / "env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def login(base: str) -> str:
    """Log in as canbo through nginx; return the session cookie's value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "canbo", "password": "danvan-demo", "csrfmiddlewaretoken": token})
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data.encode(), headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=30).read()
    session = next((cookie.value for cookie in jar if cookie.name == "sessionid"), None)
    if session is None:
        raise RuntimeError("đăng nhập canbo không thành công")
    return session


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0 end
function response(status, headers, body) if status >= 500 then server_errors = server_errors + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("server_errors") end
  local e = summary.errors
  io.write(string.format("requests %d\\n5xx %d\\nsocket_errors %d\\np99_ms %.1f\\n", summary.requests, total,
    e.connect + e.read + e.write + e.timeout, latency:percentile(99) / 1000))
end
"""


def load_with_wrk(url: str, session: str, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "-s",
                script.name,
                "-H",
                f"Cookie: sessionid={session}",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    figures = dict(re.findall(r"^(requests|5xx|socket_errors|p99_ms) (\S+)$", output, re.M))
    return {
        "requests": int(figures["requests"]),
        "5xx": int(figures["5xx"]),
        "socket_errors": int(figures["socket_errors"]),
        "p99_ms": float(figures["p99_ms"]),
    }


def load_with_threads(url: str, session: str, seconds: int) -> dict:
    """The same load without wrk: CONNECTIONS threads, each GET after GET until the time is up."""
    deadline = time.monotonic() + seconds

    def client():
        latencies, server_errors, socket_errors = [], 0, 0
        while time.monotonic() < deadline:
            request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
            except urllib.error.HTTPError as error:
                server_errors += error.code >= 500
            except OSError:
                socket_errors += 1
                continue
            latencies.append((time.perf_counter() - start) * 1000)
        return latencies, server_errors, socket_errors

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        results = list(pool.map(lambda _: client(), range(CONNECTIONS)))
    latencies = sorted(ms for result in results for ms in result[0])
    return {
        "requests": len(latencies),
        "5xx": sum(r[1] for r in results),
        "socket_errors": sum(r[2] for r in results),
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan"),
    }


def load(url: str, session: str, seconds: int) -> dict:
    return (load_with_wrk if shutil.which("wrk") else load_with_threads)(url, session, seconds)


def pid_of(name: str) -> int:
    return int((RUN / f"{name}.pid").read_text().strip())


def kill_tree(pid: int) -> None:
    """SIGKILL the process `pid` and its children (a gunicorn master and its workers)."""
    children = [int(stat.parent.name) for stat in Path("/proc").glob("[0-9]*/stat") if _parent(stat) == pid]
    for target in [pid, *children]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(target, signal.SIGKILL)


def _parent(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def setup_django(env: dict[str, str]):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def bench_reports(count: int):
    """Return up to `count` draft reports the bench owns (years 2090-2099 of the seeded communes), made once."""
    from reports import services
    from reports.choices import PeriodKind
    from reports.models import PeriodicReport
    from units.choices import UnitKind
    from units.models import Unit, User

    official = User.objects.get(username="canbo")
    reports = list(PeriodicReport.objects.filter(year__gte=2090)[:count])
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE)[:count])
    for year in range(2090, 2100):
        for commune in communes:
            for kind in PeriodKind.values:
                if len(reports) >= count:
                    return reports, official
                if not PeriodicReport.objects.filter(unit=commune, period_kind=kind, year=year).exists():
                    reports.append(
                        services.report_create(unit=commune, period_kind=kind, year=year, by=official, fill=False)
                    )
    return reports, official


def enqueue(count: int, run: str) -> tuple[str, list[str]]:
    """Start `count` report jobs keyed for this run; return the kind and the job ids."""
    from danvan.jobs import start_job
    from danvan.jobs.registry import kind_or_none

    kind = "report_pdf" if kind_or_none("report_pdf") else "report_figures"
    reports, official = bench_reports(50)
    ids = []
    for i in range(count):
        report = reports[i % len(reports)]
        job = start_job(kind, target=report, user=official, key=f"bench-cluster:{run}:{i}")
        ids.append(str(job.pk))
    return kind, ids


def main() -> None:
    try:
        env = cluster_env()
        base = env["CLUSTER_URL"]
        urllib.request.urlopen(f"{base}/healthz", timeout=5).read()
        session = login(base)
    except Exception as error:
        skip_rest(f"cụm không chạy: scripts/cluster.sh up ({type(error).__name__}: {error})")
        return
    report("cluster_client", "wrk" if shutil.which("wrk") else "python-threads")
    report("cluster_load_average", f"{os.getloadavg()[0]:.1f}")  # other work on the box skews every figure
    url = f"{base}{PAGE}"

    try:
        load(url, session, 5)  # warm-up, not counted: every gunicorn worker imports the portal on its first requests
        baseline = load(url, session, LOAD_SECONDS)
        report("cluster_baseline_requests", baseline["requests"])
        report("cluster_baseline_p99_ms", baseline["p99_ms"])
    except Exception as error:
        baseline = {"5xx": 0}
        report("cluster_baseline_p99_ms", f"skipped ({type(error).__name__}: {error})")

    try:
        setup_django(env)
        from danvan.jobs.models import ACTIVE_STATUSES, Job, JobStatus
    except Exception as error:
        skip_rest(f"Django: {type(error).__name__}: {error}")
        return

    burst: dict = {}
    gunicorn_killed = threading.Event()

    def burst_load():
        try:
            burst.update(load(url, session, LOAD_SECONDS))
        except Exception as error:
            burst["error"] = f"{type(error).__name__}: {error}"

    def kill_one_gunicorn():
        time.sleep(LOAD_SECONDS / 2)
        try:
            kill_tree(pid_of("web-2"))
            gunicorn_killed.set()
        except (OSError, ValueError):
            pass

    load_thread = threading.Thread(target=burst_load)
    killer = threading.Thread(target=kill_one_gunicorn)
    start = time.monotonic()
    load_thread.start()
    killer.start()
    try:
        kind, ids = enqueue(JOBS, uuid.uuid4().hex[:8])
    except Exception as error:
        kind, ids = "", []
        report("jobs_enqueued", f"skipped ({type(error).__name__}: {error})")
    report("jobs_kind", kind or "skipped")
    if ids:
        report("jobs_enqueued", len(ids))

    # The drain: kill one worker once a tenth of the jobs are done; sample the survivors' peak memory.
    jobs = Job.objects.filter(pk__in=ids)
    worker_killed, rss = False, []
    deadline = time.monotonic() + DRAIN_TIMEOUT
    finished_at = None
    while ids and time.monotonic() < deadline:
        done = jobs.filter(status=JobStatus.DONE).count()
        if not worker_killed and done >= len(ids) // 10:
            try:
                os.kill(pid_of("worker-1"), signal.SIGKILL)
                worker_killed = True
                report("worker_killed_after_jobs", done)
            except (OSError, ValueError):
                worker_killed = True
        for name in ("worker-1", "worker-2"):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                rss.append(peak_rss_mb(pid_of(name)))
        if not jobs.filter(status__in=ACTIVE_STATUSES).exists():
            finished_at = time.monotonic()
            break
        time.sleep(1)
    load_thread.join()
    killer.join()

    if "error" in burst or not burst:
        report("cluster_burst_p99_ms", f"skipped ({burst.get('error', 'no load')})")
    else:
        report("cluster_burst_requests", burst["requests"])
        report("cluster_burst_p99_ms", burst["p99_ms"])
        report("cluster_5xx", baseline.get("5xx", 0) + burst["5xx"])
        if gunicorn_killed.is_set():
            report("cluster_failed_requests", burst["5xx"] + burst["socket_errors"])
        else:
            report("cluster_failed_requests", "skipped (no gunicorn was killed)")
    if ids:
        done = jobs.filter(status=JobStatus.DONE).count()
        failed = jobs.filter(status=JobStatus.FAILED).count()
        report("jobs_done", done)
        report("jobs_failed", failed)
        report("jobs_lost", len(ids) - done)
        report("jobs_requeued", jobs.filter(attempts__gt=1).count())
        if finished_at is not None:
            report("jobs_drain_s", finished_at - start)
        else:
            report("jobs_drain_s", f"skipped (not drained within {DRAIN_TIMEOUT} s)")
    if rss:
        report("worker_rss_mb", max(rss))
        report("worker_rss_median_mb", statistics.median(rss))
    skip_rest("not measured")


if __name__ == "__main__":
    main()
