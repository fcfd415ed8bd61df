"""Warm render children kept by each web worker, so a download does not wait for a child to start.

Issue 19: a 5-page plan took 3.7 times a bare WeasyPrint render of the same HTML. Layout in
the child costs what it costs in process (same CPU seconds per page, measured); the excess
was the child's start: multiprocessing re-ran the worker's main script in every child (fixed
in danvan/document_child.py, keep_children_off_main), and the fork, the font set-up and the
first-layout page faults all happened while the person waited.

The pool keeps DOCUMENT_RENDER_POOL (1) children per worker, forked from the renderer's
forkserver and warmed up (danvan.document_child.warm_fonts), each waiting for one render.
A render takes one and a replacement starts when it is over. Every child still renders once and
exits, so its limits bound exactly one document; one that breaks a limit is killed like
any other, and the next render takes its replacement. With the pool empty (a burst of
renders, or DOCUMENT_RENDER_POOL = 0) a cold child is started for the render, as before.
"""

import logging
import threading
from dataclasses import dataclass

logger = logging.getLogger("danvan.documents")

DEFAULT_POOL_SIZE = 1


@dataclass
class Child:
    """A render child and this process's end of its two-way connection (job in, answer out)."""

    process: object
    connection: object
    warm: bool

    def idle(self) -> bool:
        """Return whether the child still runs and has neither answered nor closed its end (it would, dying)."""
        try:
            return self.process.is_alive() and not self.connection.poll()
        except (OSError, ValueError):
            return False

    def discard(self) -> None:
        self.process.kill()
        self.connection.close()
        self.process.join(1)


class RenderPool:
    """The idle render children of this process, for one multiprocessing context."""

    def __init__(self, context, size: int):
        self.context = context
        self.size = size
        self._idle: list[Child] = []
        self._lock = threading.Lock()

    def start_child(self, *, warm: bool) -> Child:
        """Fork a render child from the forkserver; a warm one prepares before its job, a cold one waits for it."""
        from danvan.document_child import child_main

        ours, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(target=child_main, args=(theirs, warm), daemon=True)
        process.start()
        theirs.close()
        return Child(process=process, connection=ours, warm=warm)

    def fill(self) -> None:
        """Start warm children until `size` are idle; forget those that died while idle."""
        with self._lock:
            for child in self._idle:
                if not child.idle():
                    child.discard()
            self._idle = [child for child in self._idle if child.idle()]
            while len(self._idle) < self.size:
                self._idle.append(self.start_child(warm=True))

    def take(self) -> Child:
        """Return an idle warm child, or a new cold one when none is left."""
        with self._lock:
            while self._idle:
                child = self._idle.pop(0)
                if child.idle():
                    return child
                child.discard()
        return self.start_child(warm=False)

    def idle_pids(self) -> list[int]:
        with self._lock:
            return [child.process.pid for child in self._idle]

    def close(self) -> None:
        """Stop the idle children (tests, and a change of size)."""
        with self._lock:
            for child in self._idle:
                child.discard()
            self._idle = []


_POOLS: dict[int, RenderPool] = {}
_POOLS_LOCK = threading.Lock()


def pool_size() -> int:
    from django.conf import settings

    return max(0, int(getattr(settings, "DOCUMENT_RENDER_POOL", DEFAULT_POOL_SIZE)))


def render_pool(context) -> RenderPool:
    """Return this process's pool for `context`; warm children only come from the renderer's forkserver.

    Under another start method (tests that fork so that a stand-in renderer applies) the pool
    keeps no child, and every render starts a cold one.
    """
    size = pool_size() if context.get_start_method() == "forkserver" else 0
    with _POOLS_LOCK:
        pool = _POOLS.get(id(context))
        if pool is None or pool.context is not context:
            pool = _POOLS[id(context)] = RenderPool(context, size)
        elif pool.size != size:
            pool.close()
            pool.size = size
        return pool


def send_job(pool: RenderPool, job: tuple) -> Child:
    """Hand `job` to a child of `pool` (a warm one if any) and return the child.

    The caller refills the pool once the render is over (reap_and_refill): a replacement warming up
    during the render would take CPU from it on a busy machine.
    """
    child = pool.take()
    try:
        child.connection.send(job)
    except OSError:  # the warm child died between the check and the job: a cold one renders instead
        logger.warning("A warm PDF render child was gone; starting a cold one")
        child.discard()
        child = pool.start_child(warm=False)
        child.connection.send(job)
    return child


def reap_and_refill(process, pool: RenderPool) -> None:
    """Wait for a child that has answered (or was killed) to end, then start its warm replacement.

    A failure here must not fail the render, whose answer is already in.
    """
    process.join(5)
    if process.is_alive():  # pragma: no cover - a child that ignores SIGKILL
        process.kill()
        process.join(5)
    try:
        pool.fill()
    except Exception:  # the render's answer is what matters; the next render starts a cold child
        logger.exception("Could not start a warm PDF render child")
