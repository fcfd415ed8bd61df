"""The portal and the bare list under gunicorn (2 sync workers each), driven by wrk, over one database file.

Used by bench/bench_anchors.py for `task_list_vs_bare_ratio` when wrk and gunicorn are
installed. Both servers read the database the bench built: a SQLite file (the bench then
builds its test database in a file instead of in memory) or the PostgreSQL test database.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent


def unavailable() -> str | None:
    """Return why the gunicorn and wrk run cannot happen here, or None when it can."""
    if not shutil.which("wrk"):
        return "wrk not installed (scripts/system_deps.sh bench)"
    if find_spec("gunicorn") is None:
        return "gunicorn not installed"
    return None


def sqlite_file() -> Path:
    """Return a path for the bench's SQLite database in a fresh temporary folder."""
    return Path(tempfile.mkdtemp(prefix="bench-anchors-")) / "bench.sqlite3"


@contextlib.contextmanager
def removed_after(database_file: str | None):
    """Remove the temporary folder of `database_file` (made by sqlite_file) when the block ends."""
    try:
        yield
    finally:
        if database_file and Path(database_file).parent.name.startswith("bench-anchors-"):
            shutil.rmtree(Path(database_file).parent, ignore_errors=True)


def database_url(settings_dict: dict) -> str:
    """Return a DATABASE_URL naming the database the bench process is connected to."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{settings_dict['NAME']}"


def free_port() -> int:
    """Return a free loopback port: the first free one of BENCH_PORTS (e.g. "8101-8109") when set, else any."""
    wanted = os.environ.get("BENCH_PORTS", "")
    if wanted:
        first, _, last = wanted.partition("-")
        for port in range(int(first), int(last or first) + 1):
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(application: str, env: dict[str, str]):
    """Serve `application` with gunicorn.conf.py and 2 sync workers on loopback; yield its base URL."""
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", application]
    server = subprocess.Popen(command, cwd=ROOT, env=server_env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                status(f"{base}/healthz", "")
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"gunicorn {application} exited with {server.returncode}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


def server_env(settings, url: str) -> dict[str, str]:
    """The environment of both servers: the bench's settings, database and secret, DEBUG off, plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings_test",
        "DATABASE_URL": url,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MANIFEST_STATIC": "0",
        "TWO_FACTOR_ENFORCED": "0",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
    }


def status(url: str, cookie: str) -> int:
    """Return the status of GET `url` with `cookie`, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", parts.path, headers={"Cookie": cookie} if cookie else {})
        return connection.getresponse().status
    finally:
        connection.close()


def check(url: str, cookie: str) -> None:
    """Raise unless `url` answers 200 to the session: wrk counts a redirect to the login page as a success."""
    if (answer := status(url, cookie)) != 200:
        raise RuntimeError(f"{url} answered {answer} to the bench's session")


def wrk(url: str, cookie: str, seconds: int) -> dict:
    """Run `wrk -t2 -c16` against `url` for `seconds`; return requests per second, p50 ms and non-2xx count."""
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", output).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit],
        "errors": int(errors.group(1)) if errors else 0,
    }
