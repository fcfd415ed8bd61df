"""PDF documents for every app: the only module that imports WeasyPrint.

`render_pdf(template_name, context)` renders a Django template to HTML and lays it out as
PDF. Apps (plans, registrations, reports) call it with their own templates; the print
stylesheet and the bundled fonts come from the allow-list in `ASSETS`.

* Nothing is ever fetched from outside: `AssetFetcher` serves the files of `ASSETS` from
  disk, under an origin on the reserved `.invalid` domain, and refuses every other URL
  (`file:`, `data:`, `http(s):` to any host) without opening a socket.
* Layout runs in a child forked from a `forkserver` that has already imported WeasyPrint
  (layout is CPU-bound C and Python that no thread can interrupt, so only a process can be
  bounded), under `RLIMIT_AS` and `RLIMIT_CPU`; niced (BACKGROUND_NICENESS) unless a person waits for it.
  CPU time is the real bound (DOCUMENT_RENDER_TIMEOUT): a niced child on a loaded box takes longer by the
  clock but still finishes; the wall-clock limit (DOCUMENT_RENDER_WALL_SECONDS, 3 x) only catches one that waits.
  Every limit ends in `DocumentTooLargeError` with a Vietnamese message (a 503 page). The child holds none
  of the worker's connections or request data, and does not run the worker's main script again.
* Each worker keeps a warm child waiting (danvan/document_pool.py, DOCUMENT_RENDER_POOL, started with the
  gunicorn worker by `start_pool`): fonts and the print stylesheet's faces loaded, one page laid out. A child
  still renders one document and exits, so the limits above bound each render; the pool starts a replacement.
* No render outlives its worker: the forkserver leaves its loop when its worker dies, and
  each child, idle or rendering, dies with the forkserver (`PR_SET_PDEATHSIG`).
* A web request waits only its interactive budget (danvan/document_budget.py).

Limits: DOCUMENT_RENDER_TIMEOUT, DOCUMENT_RENDER_WALL_SECONDS, DOCUMENT_RENDER_MEMORY_MB,
DOCUMENT_MAX_HTML_BYTES, DOCUMENT_RENDER_POOL (docs/operations.md, "Documents and the web workers").
A download through a warm child costs about what laying out in the worker itself costs (bench/bench_anchors.py pdf).
"""

import contextvars
import logging
import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_ROOT = Path(__file__).resolve().parent.parent / "static"

# Our assets are addressed under this origin. `.invalid` is reserved (RFC 6761)
# and never resolves, so even a fetcher that forgot its allow-list could not
# reach a server with these URLs; the fetcher below only reads files from disk.
ASSET_ORIGIN = "https://assets.danvan.invalid/"

# The only resources a document may load: URL path under ASSET_ORIGIN -> media type.
# Paths are relative to static/. Add a print stylesheet or an emblem here, nowhere else.
ASSETS: dict[str, str] = {
    "css/print.css": "text/css",
    "fonts/LiberationSerif-Regular.ttf": "font/ttf",
    "fonts/LiberationSerif-Bold.ttf": "font/ttf",
    "fonts/LiberationSerif-Italic.ttf": "font/ttf",
    "fonts/LiberationSerif-BoldItalic.ttf": "font/ttf",
}

# Defaults of the render limits; settings DOCUMENT_RENDER_TIMEOUT (CPU seconds), DOCUMENT_RENDER_WALL_SECONDS,
# DOCUMENT_RENDER_MEMORY_MB and DOCUMENT_MAX_HTML_BYTES override them.
DEFAULT_TIMEOUT_SECONDS = 60  # of CPU time
WALL_FACTOR = 3  # default wall-clock limit: this many times the CPU limit
DEFAULT_MEMORY_MB = 2048
DEFAULT_MAX_HTML_BYTES = 8 * 1024 * 1024
# Renders nobody waits for (jobs, scripts) yield the CPU; a niced child took 2.9x a bare render on a busy box.
BACKGROUND_NICENESS = 5


class DocumentError(Exception):
    """A document could not be produced; `message` is shown to the user, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DocumentTooLargeError(DocumentError):
    """The document is too large to lay out within the time or memory allowed."""


class FetchRefused(ValueError):
    """A document asked for a URL outside the allow-list."""


def asset_url(name: str) -> str:
    """Return the URL under which the fetcher serves the allow-listed asset `name`."""
    if name not in ASSETS:
        raise KeyError(f"{name} is not in danvan.documents.ASSETS")
    return ASSET_ORIGIN + name


def _asset_name(url: str) -> str | None:
    """Return the allow-listed asset that `url` names exactly, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    origin = urlsplit(ASSET_ORIGIN)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc) or parts.query or parts.fragment:
        return None
    # Exact match only: "css/../fonts/x.ttf" or "%2e%2e" never name an asset.
    name = parts.path.removeprefix(origin.path)
    return name if name in ASSETS else None


@cache
def _asset_bytes(name: str) -> bytes:
    return (STATIC_ROOT / name).read_bytes()


class AssetFetcher(URLFetcher):
    """Serve the files of `ASSETS` from disk and refuse every other URL.

    Deny by default: `file:`, `data:`, `http:` and `https:` to any host
    (loopback, private ranges, cloud metadata), and the asset origin with a
    path not in the list, all raise `FetchRefused`; WeasyPrint then leaves the
    resource out. No socket is ever opened, so no redirect can be followed.
    """

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        name = _asset_name(url)
        if name is None:
            self.refused.append(url)
            logger.warning("Document asked for a URL outside the allow-list: %.200s", url)
            raise FetchRefused(f"URL not allowed in documents: {url[:200]}")
        return URLFetcherResponse(ASSET_ORIGIN + name, body=_asset_bytes(name), headers={"Content-Type": ASSETS[name]})

    def open(self, url, data=None, timeout=None):
        return self.fetch(getattr(url, "full_url", url))


def html_to_pdf(
    html: str,
    *,
    stylesheets: tuple[str, ...] = (),
    fetcher: AssetFetcher | None = None,
    font_config: FontConfiguration | None = None,
) -> bytes:
    """Lay out `html` as PDF in this process, loading only allow-listed assets.

    Relative URLs resolve against ASSET_ORIGIN. Prefer `render_pdf` (time and memory limits); this runs in the child.
    `font_config`: a warm child's, which already holds the print stylesheet's faces (danvan/document_child.py).
    """
    fetcher = fetcher or AssetFetcher()
    font_config = font_config or FontConfiguration()
    extra = [CSS(url=asset_url(name), url_fetcher=fetcher, font_config=font_config) for name in stylesheets]
    document = HTML(string=html, base_url=ASSET_ORIGIN, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=extra, font_config=font_config)


@cache
def _context():
    context = multiprocessing.get_context("forkserver")
    # Children fork from a single-threaded server that imported WeasyPrint and laid out a page once.
    # Python 3.11's forkserver imports these from its working directory (the project root), and
    # silently skips them if it cannot: children then import WeasyPrint themselves, just slower.
    context.set_forkserver_preload([__name__, "danvan.document_child", "danvan.documents_forkserver"])
    return context


def start_pool() -> None:
    """Start the renderer's forkserver and warm children now (gunicorn's post_worker_init), not at the first download.

    Takes about a second of the worker's start (the forkserver imports WeasyPrint and lays out a page).
    """
    from danvan.document_pool import render_pool

    render_pool(_context()).fill()


@dataclass(frozen=True)
class Limits:
    """The bounds of one render: CPU seconds (the real bound), memory, input size and wall-clock seconds."""

    timeout_seconds: float
    memory_mb: int
    max_html_bytes: int
    wall_seconds: float | None = None  # None: WALL_FACTOR times timeout_seconds

    @property
    def wall(self) -> float:
        return self.wall_seconds or self.timeout_seconds * WALL_FACTOR

    @classmethod
    def from_settings(cls, timeout_seconds: float | None = None, memory_mb: int | None = None) -> "Limits":
        from django.conf import settings

        return cls(
            timeout_seconds=timeout_seconds or getattr(settings, "DOCUMENT_RENDER_TIMEOUT", DEFAULT_TIMEOUT_SECONDS),
            memory_mb=memory_mb or getattr(settings, "DOCUMENT_RENDER_MEMORY_MB", DEFAULT_MEMORY_MB),
            max_html_bytes=getattr(settings, "DOCUMENT_MAX_HTML_BYTES", DEFAULT_MAX_HTML_BYTES),
            wall_seconds=None if timeout_seconds else getattr(settings, "DOCUMENT_RENDER_WALL_SECONDS", None),
        )


def too_large(detail: str) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        f"Văn bản quá lớn nên không xuất được PDF ({detail}). "
        "Hãy tách văn bản thành nhiều phần hoặc chuyển bớt nội dung sang phụ lục, rồi thử lại."
    )


def check_html_size(html: str, limits: Limits) -> int:
    """Return the size of `html` in bytes; raise DocumentTooLargeError when it is over the limit."""
    size = len(html.encode("utf-8"))
    if size > limits.max_html_bytes:
        raise too_large(f"nội dung {size // 1024:,} KB, tối đa {limits.max_html_bytes // 1024:,} KB".replace(",", "."))
    return size


class RenderRun:
    """One layout running in a bounded child: started at once, waited for in steps, killed on demand.

    `wait(seconds)` lets a web request give up after its interactive budget while
    the child goes on; `result()` waits until the wall-clock limit at most. Niceness 0: the caller's priority.
    """

    def __init__(self, html: str, *, stylesheets: tuple[str, ...] = (), limits: Limits, niceness: int = 0):
        from danvan.document_pool import render_pool, send_job

        self.size = check_html_size(html, limits)
        self.limits = limits
        cpu_seconds = max(1, int(limits.timeout_seconds))
        job = (html, stylesheets, limits.memory_mb * 1024 * 1024, cpu_seconds, niceness)
        # A warm child of the pool when there is one (the first render of a process also starts the forkserver).
        self._pool = render_pool(_context())
        child = send_job(self._pool, job)
        self.started = time.monotonic()
        self.warm = child.warm
        self._process, self._receiver = child.process, child.connection
        self._answer = None

    def wait(self, seconds: float) -> bool:
        """Wait up to `seconds` (never past the wall-clock limit); return whether the child has answered."""
        if self._answer is not None:
            return True
        remaining = self.limits.wall - (time.monotonic() - self.started)
        if not self._receiver.poll(max(0.0, min(seconds, remaining))):
            return False
        try:
            self._answer = self._receiver.recv()
        except EOFError:  # the child died without answering: RLIMIT_CPU, out of memory in C code, or killed
            self._process.join(5)
            self._answer = ("died", self._process.exitcode)
        return True

    def kill(self) -> None:
        """Stop the child now (nobody waits for this render any more); whoever waits in `result()` cleans up."""
        self._process.kill()

    def _finish(self) -> None:
        from danvan.document_pool import reap_and_refill

        self._receiver.close()
        if self._answer is not None and self._answer[0] == "ok":
            # A PDF is in: the child's exit and its warm replacement are not the caller's wait.
            threading.Thread(target=reap_and_refill, args=(self._process, self._pool), daemon=True).start()
        else:  # a failed render is over only once its child is gone (a job then reports it, a test checks it)
            reap_and_refill(self._process, self._pool)

    def result(self) -> bytes:
        """Wait for the child until the wall-clock limit and return the PDF; raise DocumentError otherwise."""
        if not self.wait(self.limits.wall):
            self.kill()
            self._finish()
            raise too_large(f"quá {self.limits.wall:g} giây chờ, máy chủ đang quá tải")
        self._finish()
        kind, payload = self._answer
        if kind == "ok":
            pdf, peak_mb, niceness, cpu = payload
            seconds = time.monotonic() - self.started
            extra = {"render_seconds": seconds, "render_cpu_seconds": cpu, "peak_rss_mb": peak_mb}
            extra |= {"niceness": niceness, "warm": self.warm}
            message = "PDF rendered in %.2f s (%.2f s of CPU), %d KB of HTML, peak memory %d MB, %s child at nice %d"
            warmth = "warm" if self.warm else "cold"
            logger.info(message, seconds, cpu, self.size // 1024, peak_mb, warmth, niceness, extra=extra)
            return pdf
        if kind == "memory":
            raise too_large(f"cần hơn {self.limits.memory_mb} MB bộ nhớ")
        if kind == "died":
            logger.warning("PDF render child died with exit code %s", payload)
            if payload in (-signal.SIGXCPU, -signal.SIGKILL):
                raise too_large(f"quá {self.limits.timeout_seconds:g} giây xử lý")
            raise too_large("vượt giới hạn tài nguyên khi dựng trang")
        logger.error("PDF render failed: %s", payload)
        raise DocumentError("Không dựng được tệp PDF do lỗi trong mẫu văn bản. Xin báo quản trị hệ thống.")


# The interactive budget of the current request, if any (set by danvan.document_budget.interactive):
# an object whose `render(html, stylesheets=..., limits=...)` returns the PDF or raises in time.
INTERACTIVE: contextvars.ContextVar = contextvars.ContextVar("document_interactive_budget", default=None)


def html_to_pdf_limited(html: str, *, stylesheets: tuple[str, ...] = (), limits: Limits, niceness: int | None = None):
    """Lay out `html` as PDF in a child process bounded in CPU time, wall-clock time and memory.

    Raise DocumentTooLargeError when the HTML is over the size limit, or the
    child runs out of time or memory; DocumentError when layout fails otherwise.
    Inside a web request's interactive budget, the budget decides how long to wait and the child runs
    at the worker's priority (a person waits); otherwise BACKGROUND_NICENESS, unless `niceness` is given.
    """
    budget = INTERACTIVE.get()
    if budget is not None:
        check_html_size(html, limits)
        return budget.render(html, stylesheets=stylesheets, limits=limits, niceness=niceness or 0)
    niceness = BACKGROUND_NICENESS if niceness is None else niceness
    return RenderRun(html, stylesheets=stylesheets, limits=limits, niceness=niceness).result()


def render_pdf(
    template_name: str,
    context: dict,
    *,
    timeout_seconds: float | None = None,
    memory_mb: int | None = None,
    stylesheets: tuple[str, ...] = (),
    niceness: int | None = None,
) -> bytes:
    """Render the Django template `template_name` with `context` and return the PDF bytes.

    The template links its print stylesheet by a path relative to the asset
    origin (`<link rel="stylesheet" href="css/print.css">`); `stylesheets`
    adds more allow-listed ones. Raise DocumentTooLargeError when layout
    would exceed `timeout_seconds` of CPU (default: settings.DOCUMENT_RENDER_TIMEOUT)
    or `memory_mb`. `niceness`: see html_to_pdf_limited.
    """
    from django.template.loader import render_to_string

    html = render_to_string(template_name, context)
    limits = Limits.from_settings(timeout_seconds=timeout_seconds, memory_mb=memory_mb)
    return html_to_pdf_limited(html, stylesheets=stylesheets, limits=limits, niceness=niceness)
