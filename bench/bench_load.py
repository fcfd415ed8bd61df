"""Bounded load on the portal under gunicorn, on loopback only: requests per second, p99 latency, 5xx count.

It builds a throw-away SQLite database with the demo data (`seed_demo --scale 1`),
starts gunicorn with the shipped gunicorn.conf.py and production settings (DEBUG
off, plain HTTP on 127.0.0.1) and one queue worker, logs in once per demo role
through the real login form, then sends a fixed number of requests across the
main pages of every role from a few threads. The target is 0 server errors.

The "stall" scenario (issue 15): while list pages are driven (by `wrk` when it is
installed, else by threads here), one person asks for the PDFs of three drafts of
4.5 MB of text each at once. It prints `stall_p99_ms` and `stall_5xx` of the list
pages (goal: p99 under 2 s, no 5xx) and how the PDF requests were answered. A
scenario that cannot run prints `name: skipped (reason)`; the bench never stops.

The "memory" scenario (issue 19, bound: 250 MB): a gunicorn with one worker that is never
recycled answers 1,000 mixed requests and the PDF of a plan of about 80 pages, then a
second 1,000; it prints that worker's RSS (VmRSS) at the start (`worker_rss_mb_start`),
after the first 1,000 and the PDF (`worker_rss_mb_after`) and after the second 1,000
(`worker_rss_mb_after_second`: no growth expected).

Run with `make bench` or `.venv/bin/python bench/bench_load.py [REQUESTS] [THREADS] [load,stall,memory]`.
"""

import contextlib
import http.cookiejar
import io
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 600
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 4
SCENARIOS = sys.argv[3].split(",") if len(sys.argv) > 3 else ["load", "stall", "memory"]
PAGES = {
    "canbo": ["/", "/plans/", "/plans/?q=dan+van", "/units/", "/models/"],
    "truongphong": ["/", "/plans/", "/units/"],
    "lanhdao": ["/", "/plans/?status=submitted", "/plans/"],
    "giamsat": ["/", "/plans/", "/units/?kind=commune"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database: Path, media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(media.parent),
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "MANIFEST_STATIC": "0",
        "AXES_FAILURE_LIMIT": "50",
        # The leader's second factor is tested in tests/units/test_two_factor.py; here it would only need a phone.
        "TWO_FACTOR_ENFORCED": "0",
        "LOG_LEVEL": "WARNING",
    }


def login(base: str, username: str) -> urllib.request.OpenerDirector:
    """Return an opener holding the session of `username`, logged in through the form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": "danvan-demo", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=30).read()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise RuntimeError(f"login failed for {username}")
    opener.cookie_jar = jar  # wrk sends the same session
    return opener


def fetch(opener, url: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with opener.open(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - start) * 1000


STALL_SECONDS = 20  # how long list pages are driven in the stall scenario
STALL_PAGES = ["/plans/", "/plans/?q=dan+van", "/units/", "/models/"]
HUGE_PLANS = """
from plans.choices import Numbering
from plans.models import Plan, Section
from plans.services import plan_create, section_add
from units.models import User

official = User.objects.get(username="canbo")
text = ("Vận động Nhân dân tham gia bảo vệ môi trường, trồng, chăm sóc cây xanh trên địa bàn xã. " * 600)[:50000]
for n in range(3):
    plan = plan_create(by=official, issuing_unit=official.unit, title=f"Kế hoạch rất dài số {n + 1}")
    top = section_add(plan=plan, numbering=Numbering.ROMAN, heading="Nội dung")
    # Rows written directly, as a plan made before the size limit (PLAN_MAX_TEXT_CHARS) was.
    Section.objects.bulk_create(
        Section(plan=plan, parent=top, position=i + 1, numbering=Numbering.DASH, text=text) for i in range(90)
    )
    print(f"huge-plan {plan.pk}")
"""


LONG_PLAN = """
from plans.choices import Numbering
from plans.models import Section
from plans.services import plan_create, section_add
from units.models import User

official = User.objects.get(username="canbo")
text = ("Vận động Nhân dân tham gia bảo vệ môi trường, trồng, chăm sóc cây xanh trên địa bàn xã. " * 30)[:2400]
plan = plan_create(by=official, issuing_unit=official.unit, title="Kế hoạch khoảng 80 trang")
top = section_add(plan=plan, numbering=Numbering.ROMAN, heading="Nội dung")
Section.objects.bulk_create(
    Section(plan=plan, parent=top, position=i + 1, numbering=Numbering.DASH, text=text) for i in range(110)
)
print(f"long-plan {plan.pk}")
"""
MEMORY_REQUESTS = 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def drive(openers, urls: list[str], seconds: float, threads: int) -> list[tuple[int, float]]:
    """Request `urls` round-robin from `threads` threads for `seconds`; return (status, ms) of each."""
    results: list[tuple[int, float]] = []
    stop = time.monotonic() + seconds

    def loop(index: int):
        opener = openers[index % len(openers)]
        n = index
        while time.monotonic() < stop:
            results.append(fetch(opener, urls[n % len(urls)]))
            n += threads

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def drive_wrk(opener, base: str, seconds: float, threads: int) -> tuple[float, int]:
    """Drive the plan list with wrk; return its p99 in ms and its non-2xx/3xx count (counted as 5xx)."""
    cookie = "; ".join(f"{c.name}={c.value}" for c in opener.cookie_jar)
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(threads * 2),
            "-d",
            f"{int(seconds)}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            f"{base}/plans/",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return p99, int(errors.group(1)) if errors else 0


def stall(base: str, env: dict[str, str], threads: int) -> None:
    """Drive list pages while one person asks for three huge PDFs at once; print the stall figures."""
    created = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", HUGE_PLANS], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    huge = [int(pk) for pk in re.findall(r"^huge-plan (\d+)$", created.stdout, re.MULTILINE)]
    readers = [login(base, user) for user in ("truongphong", "giamsat", "lanhdao")]
    asker = login(base, "canbo")
    pdfs: list[tuple[int, float]] = []

    def ask(pk: int):
        try:
            pdfs.append(fetch(asker, f"{base}/plans/{pk}/pdf/"))
        except OSError as error:  # no answer at all (reset, timeout): counted, not raised
            pdfs.append((0, float("nan")))
            print(f"stall_pdf_error: {type(error).__name__}")

    def ask_three():
        time.sleep(2)
        askers = [threading.Thread(target=ask, args=(pk,)) for pk in huge]
        for thread in askers:
            thread.start()
        for thread in askers:
            thread.join()

    burst = threading.Thread(target=ask_three)
    burst.start()
    try:
        if shutil.which("wrk"):
            p99, errors = drive_wrk(readers[0], base, STALL_SECONDS, threads)
            print("stall_driver: wrk")
        else:
            results = drive(readers, [f"{base}{page}" for page in STALL_PAGES], STALL_SECONDS, threads)
            p99 = percentile([ms for _, ms in results], 0.99)
            errors = sum(1 for status, _ in results if status >= 500)
            print("stall_driver: threads")
            print(f"stall_requests: {len(results)}")
    finally:
        burst.join()
    print(f"stall_p99_ms: {p99:.1f}")
    print(f"stall_5xx: {errors}")
    print(f"stall_pdf_statuses: {','.join(str(status) for status, _ in sorted(pdfs))}")
    print(f"stall_pdf_max_ms: {max(ms for _, ms in pdfs):.1f}")


def scenario(name: str, run, *args) -> None:
    """Run one scenario; on any failure print `name: skipped (reason)` and go on."""
    try:
        run(*args)
    except Exception as error:  # the bench reports and goes on, whatever broke
        print(f"{name}: skipped ({type(error).__name__}: {str(error)[:200]})")


def rss_mb(pid: int) -> float:
    """Return the resident set size of process `pid` in MB, from /proc/<pid>/status."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


def only_worker(arbiter: int) -> int:
    """Return the pid of the single gunicorn worker of `arbiter`."""
    for _ in range(100):
        children = Path(f"/proc/{arbiter}/task/{arbiter}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def memory(env: dict[str, str]) -> None:
    """Print one web worker's RSS before and after 1,000 mixed requests and an 80-page PDF, and a second 1,000."""
    created = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", LONG_PLAN], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    plan = int(re.search(r"^long-plan (\d+)$", created.stdout, re.MULTILINE).group(1))
    # One worker, never recycled; the PDF is rendered in the request rather than handed to a job.
    overrides = {"GUNICORN_WORKERS": "1", "GUNICORN_MAX_REQUESTS": "0", "DOCUMENT_BACKGROUND_PAGES": "1000"}
    overrides |= {"DOCUMENT_INTERACTIVE_SECONDS": "600", "DOCUMENT_RENDER_TIMEOUT": "600"}
    with gunicorn({**env, **overrides}) as (server, base):
        worker = only_worker(server.pid)
        openers = {username: login(base, username) for username in PAGES}
        work = [(openers[user], f"{base}{page}") for user, pages in PAGES.items() for page in pages]
        print(f"worker_rss_mb_start: {rss_mb(worker):.1f}")
        statuses = [fetch(*work[i % len(work)])[0] for i in range(MEMORY_REQUESTS)]
        with openers["canbo"].open(f"{base}/plans/{plan}/pdf/", timeout=1200) as response:
            pdf = response.read()
        from pypdf import PdfReader  # raises on anything but a PDF: the scenario then says why

        print(f"worker_rss_pdf_pages: {len(PdfReader(io.BytesIO(pdf)).pages)}")
        print(f"worker_rss_mb_after: {rss_mb(worker):.1f}")
        statuses += [fetch(*work[i % len(work)])[0] for i in range(MEMORY_REQUESTS)]
        print(f"worker_rss_mb_after_second: {rss_mb(worker):.1f}")
        print(f"worker_rss_non_200: {sum(1 for status in statuses if status != 200)}")
        if only_worker(server.pid) != worker:
            print("worker_rss_note: the worker was replaced during the run; the figures are of two processes")


def load(base: str) -> None:
    openers = {username: login(base, username) for username in PAGES}
    work = [(openers[user], f"{base}{page}") for user, pages in PAGES.items() for page in pages]
    jobs = [work[i % len(work)] for i in range(REQUESTS)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda job: fetch(*job), jobs))
    elapsed = time.perf_counter() - start
    latencies = sorted(ms for _, ms in results)
    statuses = [status for status, _ in results]
    print(f"load_requests: {len(results)}")
    print(f"load_threads: {THREADS}")
    print(f"load_requests_per_second: {len(results) / elapsed:.1f}")
    print(f"load_median_ms: {statistics.median(latencies):.1f}")
    print(f"load_p99_ms: {percentile(latencies, 0.99):.1f}")
    print(f"load_5xx: {sum(1 for s in statuses if s >= 500)}")
    print(f"load_non_200: {sum(1 for s in statuses if s != 200)}")


@contextlib.contextmanager
def gunicorn(env: dict[str, str]):
    """Run gunicorn with gunicorn.conf.py on a free loopback port; yield (process, base URL) once it answers."""
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "danvan.wsgi"], cwd=ROOT, env=server_env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield server, base
    finally:
        stop(server)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def main():
    with tempfile.TemporaryDirectory() as folder:
        database, media = Path(folder) / "load.sqlite3", Path(folder) / "media"
        env = environment(database, media)
        try:
            subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
            subprocess.run(
                [PYTHON, "manage.py", "seed_demo", "--scale", "1", "--force"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"load: skipped (the demo database could not be built: {error})")
            return
        if "memory" in SCENARIOS:  # first, on its own one-worker gunicorn over the demo data
            scenario("memory", memory, env)
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with gunicorn(env) as (_, base):
                if "load" in SCENARIOS:
                    scenario("load", load, base)
                if "stall" in SCENARIOS:
                    scenario("stall", stall, base, env, THREADS)
        finally:
            stop(worker)


if __name__ == "__main__":
    main()
