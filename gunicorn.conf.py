"""gunicorn settings for the portal: `gunicorn -c gunicorn.conf.py danvan.wsgi` (README "Chạy thật (production)").

Every value can be overridden on the command line or with GUNICORN_* variables below.

* timeout: above the longest a request may legitimately take. Downloads give the worker
  back after DOCUMENT_INTERACTIVE_SECONDS, but issuing renders the official PDF inside the
  request (render first, then number: danvan/issued.py), which may take the renderer's
  wall-clock limit (DOCUMENT_RENDER_WALL_SECONDS, three times DOCUMENT_RENDER_TIMEOUT).
  gunicorn's default of 30 s killed such a worker mid-render ("WORKER TIMEOUT"), so the
  client got an empty reply instead of the 503 page.
* graceful_timeout: on reload or stop, requests in flight get this long to finish.
* workers: 2 x cores + 1 (gunicorn's advice for sync workers), threads 1: a worker is a
  process, so one long request never blocks another's Python.
* worker_tmp_dir: the heartbeat file on a RAM disk when there is one, so a slow disk
  never makes the arbiter think a worker hung.
* access log to stdout (journald or the container collects it), errors to stderr.
* post_worker_init: each worker starts its PDF renderer (forkserver and a warm render child,
  danvan/document_pool.py) as it boots, so the first download does not wait for them.
"""

import multiprocessing
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


_render_cpu = _int("DOCUMENT_RENDER_TIMEOUT", 60)
_render_wall = _int("DOCUMENT_RENDER_WALL_SECONDS", 3 * _render_cpu)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", _render_wall + 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)  # recycle workers now and then: bounded memory growth
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Start this worker's PDF renderer now: its first download then takes a warm child."""
    from danvan.documents import start_pool

    try:
        start_pool()
    except Exception:  # the renderer starts again at the first download; the worker must boot regardless
        worker.log.exception("Could not start the PDF renderer's warm child")
