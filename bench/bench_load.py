"""Bounded load on the portal under gunicorn, on loopback only: requests per second, p99 latency, 5xx count.

It builds a throw-away SQLite database with the demo data (`seed_demo --scale 1`),
starts gunicorn with production settings (DEBUG off, plain HTTP on 127.0.0.1),
logs in once per demo role through the real login form, then sends a fixed
number of requests across the main pages of every role from a few threads.
The target is 0 server errors.

Run with `make bench` or `.venv/bin/python bench/bench_load.py [REQUESTS] [THREADS]`.
"""

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
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


def main():
    with tempfile.TemporaryDirectory() as folder:
        database, media = Path(folder) / "load.sqlite3", Path(folder) / "media"
        env = environment(database, media)
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [PYTHON, "manage.py", "seed_demo", "--scale", "1", "--force"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "danvan.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            openers = {username: login(base, username) for username in PAGES}
            work = [(openers[user], f"{base}{page}") for user, pages in PAGES.items() for page in pages]
            jobs = [work[i % len(work)] for i in range(REQUESTS)]
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=THREADS) as pool:
                results = list(pool.map(lambda job: fetch(*job), jobs))
            elapsed = time.perf_counter() - start
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    latencies = sorted(ms for _, ms in results)
    statuses = [status for status, _ in results]
    print(f"load_requests: {len(results)}")
    print(f"load_threads: {THREADS}")
    print(f"load_requests_per_second: {len(results) / elapsed:.1f}")
    print(f"load_median_ms: {statistics.median(latencies):.1f}")
    print(f"load_p99_ms: {latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]:.1f}")
    print(f"load_5xx: {sum(1 for s in statuses if s >= 500)}")
    print(f"load_non_200: {sum(1 for s in statuses if s != 200)}")


if __name__ == "__main__":
    main()
