"""A document request never holds a web worker longer than a short interactive budget (issue 15, finding 1).

Three PDF requests for a huge draft once held three sync workers for the whole render limit
and with them every page of the portal. Inside `interactive(user)`, danvan.documents hands
each render to `Budget.render`, which:

* waits at most DOCUMENT_INTERACTIVE_SECONDS (4 s by default) for the child; a document
  estimated over DOCUMENT_BACKGROUND_PAGES (about 20 pages) is not waited for at all;
* lets a request for the same document (same HTML: same document, same version) join the
  render already running in this process rather than start another;
* allows one render at a time per person, across the worker processes of this machine (a
  lock file per person): a second request answers at once (`DocumentBusy`).

When the budget runs out it raises `DocumentDeferred`: the view then hands the document to
a background job (danvan/document_jobs.py) and cancels this render, or, for a document with
no job, answers 503 while the render goes on in this process, so the next request for it
gets the finished file at once.
"""

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from danvan.documents import INTERACTIVE, DocumentError, Limits, RenderRun

logger = logging.getLogger(__name__)

DEFAULT_INTERACTIVE_SECONDS = 4.0
DEFAULT_BACKGROUND_PAGES = 20
CHARS_PER_PAGE = 2500  # text of an A4 page in the state format (13-14 pt, 20/20/30/15 mm margins)
KEEP_FINISHED_SECONDS = 600  # a render finished after its request gave up is kept this long for the next one
KEEP_FINISHED_COUNT = 8
_TAG = re.compile(r"<[^>]*>")


class DocumentDeferred(DocumentError):
    """The document was not ready within the interactive budget; it goes on (or goes to a job)."""

    def __init__(self, shared: "SharedRender"):
        super().__init__(
            "Văn bản dài nên cần thêm thời gian để dựng. Hệ thống vẫn đang dựng văn bản; "
            "xin tải lại sau ít phút, bản đã dựng xong sẽ được giao ngay."
        )
        self.shared = shared

    def cancel(self) -> None:
        """Stop the render here: a background job takes the document over."""
        self.shared.cancel()


class DocumentBusy(DocumentError):
    """The person already has a render running; one at a time."""

    def __init__(self):
        super().__init__(
            "Bạn đang có một văn bản khác đang được dựng (mỗi người dựng một văn bản một lúc). "
            "Xin chờ văn bản đó xong rồi thử lại."
        )


def estimated_pages(html: str) -> int:
    """Return a rough page count of `html`: its text length over a page's worth of characters."""
    return len(_TAG.sub("", html)) // CHARS_PER_PAGE + 1


# --- one lock file per person, shared by the worker processes of this machine ---------------------


def _lock_folder() -> Path:
    database = str(settings.DATABASES["default"].get("NAME", ""))
    if "mode=memory" in database:  # an in-memory database (the tests') is private to its process, as its ids are
        database += f"/{os.getpid()}"
    namespace = hashlib.sha256(database.encode()).hexdigest()[:12]  # two portals never share a person's lock
    folder = Path(getattr(settings, "DOCUMENT_LOCK_DIR", "") or tempfile.gettempdir()) / f"danvan-renders-{namespace}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def user_lock(user_id) -> int | None:
    """Take the render lock of `user_id` without waiting; return its file descriptor, or None when taken.

    The kernel drops the lock when the holder closes it or dies, so a killed worker leaves none behind.
    """
    fd = os.open(_lock_folder() / f"user-{user_id}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def person_section(user_id, name: str):
    """Hold, waiting if need be, the lock `name` of `user_id`: a short section the person's requests take in turn."""
    fd = os.open(_lock_folder() / f"user-{user_id}-{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# --- renders running in this process, joined by key -----------------------------------------------


@dataclass
class SharedRender:
    """A render that requests may join: the child, and the thread that waits for it and keeps the result."""

    key: str
    run: RenderRun
    lock_fd: int | None
    done: threading.Event = field(default_factory=threading.Event)
    pdf: bytes | None = None
    error: DocumentError | None = None
    finished_at: float | None = None
    cancelled: bool = False

    def start(self) -> None:
        threading.Thread(target=self._wait, name=f"render-{self.key[:8]}", daemon=True).start()

    def _wait(self) -> None:
        try:
            self.pdf = self.run.result()
        except DocumentError as error:
            # Stopped because a job took the document over: whoever joined goes to the job too.
            self.error = DocumentDeferred(self) if self.cancelled else error
        except Exception:  # pragma: no cover - logged; the requests waiting get a clean error
            logger.exception("PDF render thread failed")
            self.error = DocumentError("Không dựng được tệp PDF. Xin báo quản trị hệ thống.")
        finally:
            if self.lock_fd is not None:
                os.close(self.lock_fd)  # releases the person's lock
            self.finished_at = time.monotonic()
            self.done.set()

    def outcome(self) -> bytes:
        if self.error is not None:
            raise self.error
        return self.pdf

    def cancel(self) -> None:
        self.cancelled = True
        with _RUNS_LOCK:
            if _RUNS.get(self.key) is self:
                del _RUNS[self.key]
        self.run.kill()


_RUNS: dict[str, SharedRender] = {}
_RUNS_LOCK = threading.Lock()


def _joinable(key: str) -> SharedRender | None:
    """Return the render of `key` running or recently finished here; forget old finished ones."""
    now = time.monotonic()
    finished = [s for s in _RUNS.values() if s.finished_at is not None]
    for stale in finished:
        if now - stale.finished_at > KEEP_FINISHED_SECONDS or stale.error is not None:
            _RUNS.pop(stale.key, None)
    finished = sorted((s for s in _RUNS.values() if s.finished_at is not None), key=lambda s: s.finished_at)
    for old in finished[:-KEEP_FINISHED_COUNT]:
        _RUNS.pop(old.key, None)
    return _RUNS.get(key)


@dataclass
class Budget:
    """The interactive budget of one request by one person."""

    user_id: object
    deadline: float
    background_pages: int

    def render(self, html: str, *, stylesheets: tuple[str, ...], limits: Limits, niceness: int = 0) -> bytes:
        key = hashlib.sha256(html.encode("utf-8") + repr(stylesheets).encode()).hexdigest()
        large = estimated_pages(html) > self.background_pages
        with _RUNS_LOCK:
            shared = _joinable(key)
            if shared is None:
                lock_fd = user_lock(self.user_id)
                if lock_fd is None:
                    raise DocumentBusy()
                try:
                    shared = SharedRender(
                        key=key,
                        run=RenderRun(html, stylesheets=stylesheets, limits=limits, niceness=niceness),
                        lock_fd=lock_fd,
                    )
                except BaseException:
                    os.close(lock_fd)
                    raise
                _RUNS[key] = shared
                shared.start()
        wait = 0 if large and not shared.done.is_set() else max(0.0, self.deadline - time.monotonic())
        if shared.done.wait(wait):
            return shared.outcome()
        raise DocumentDeferred(shared)


@contextlib.contextmanager
def interactive(user, *, seconds: float | None = None):
    """Within this block, renders by `user` wait at most the interactive budget (see the module docstring)."""
    seconds = (
        seconds
        if seconds is not None
        else getattr(settings, "DOCUMENT_INTERACTIVE_SECONDS", DEFAULT_INTERACTIVE_SECONDS)
    )
    budget = Budget(
        user_id=getattr(user, "pk", None) or "anonymous",
        deadline=time.monotonic() + seconds,
        background_pages=getattr(settings, "DOCUMENT_BACKGROUND_PAGES", DEFAULT_BACKGROUND_PAGES),
    )
    token = INTERACTIVE.set(budget)
    try:
        yield budget
    finally:
        INTERACTIVE.reset(token)
