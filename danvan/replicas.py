"""Reads that may go to a streaming replica, marked in one place: `REPLICA_PAGES`.

With REPLICA_DATABASE_URL set (danvan/settings.py), the pages named here read from the
replica: roll-ups, dashboards and exports that sum many rows and show nothing the person
has just written. Every other read, and every write, goes to the primary, so nobody
misses their own edit because of replication lag. Without a replica this module does nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.urls import Resolver404, resolve

# URL names whose GET requests may read from the replica.
REPLICA_PAGES = frozenset(
    {
        "reports:rollup",
        "reports:rollup_xlsx",
        "reports:commune_dashboard",
        "reports:dashboard",
        "register:book_xlsx",
        "register:book_pdf",
    }
)

_on_replica: ContextVar[bool] = ContextVar("danvan_replica_reads", default=False)


@contextmanager
def replica_reads():
    """Send the reads inside the block to the replica (when one is configured)."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


class ReplicaRouter:
    """Reads inside `replica_reads()` go to "replica"; everything else, and all writes and migrations, to "default"."""

    def db_for_read(self, model, **hints):
        return "replica" if _on_replica.get() and "replica" in settings.DATABASES else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaPagesMiddleware:
    """Serve the GET requests of `REPLICA_PAGES` inside `replica_reads()`, templates and all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name in REPLICA_PAGES:
                with replica_reads():
                    response = self.get_response(request)
                    if hasattr(response, "render") and not response.is_rendered:
                        response.render()
                    return response
        return self.get_response(request)
