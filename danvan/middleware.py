"""Session and caching rules for pages behind the login; clear answers when the database or the disk fails."""

import logging
import sys
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader

from danvan.storage import MediaWriteError

logger = logging.getLogger(__name__)

SESSION_STARTED_KEY = "danvan_session_started"
SESSION_TOUCHED_KEY = "danvan_session_touched"
# The idle clock is restarted by saving the session; once a minute is enough for a 30-minute limit.
SESSION_TOUCH_SECONDS = 60


@receiver(user_logged_in, dispatch_uid="danvan.session_started")
def start_session_clocks(sender, request, user, **kwargs):
    """Start the 8-hour and idle clocks at login, so the first page after it writes no session again."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_TOUCHED_KEY] = now


class SessionLifetimeMiddleware:
    """End a session 8 hours after login, and at once for a deactivated user; keep an active one alive.

    The 30-minute idle limit is Django's own: SESSION_COOKIE_AGE counted from the
    session's last save. Saving on every request (SESSION_SAVE_EVERY_REQUEST)
    costs a write per page, so this saves it at most once every
    SESSION_TOUCH_SECONDS instead: a person is logged out after 29 to 30 idle
    minutes. Django has no absolute limit, so it lives here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED_KEY, now)
            expired = now - started > settings.SESSION_ABSOLUTE_SECONDS
            if expired or not user.is_active:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - request.session.get(SESSION_TOUCHED_KEY, 0) >= SESSION_TOUCH_SECONDS:
                request.session[SESSION_TOUCHED_KEY] = now  # a changed session is saved, with a fresh expiry
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Tell browsers and proxies not to keep copies of pages shown to a logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


DATABASE_LOST = "Mất kết nối cơ sở dữ liệu, xin thử lại sau giây lát."
UNSAVED_WARNING = "Thao tác vừa gửi có thể chưa được lưu: hãy xem lại trang trước khi gửi lại, để khỏi ghi hai lần."
MEDIA_UNWRITABLE = (
    "Không lưu được tệp lên máy chủ, nên chưa có gì được ghi (kể cả nội dung đi kèm tệp). "
    "Xin thử lại sau; nếu lỗi lặp lại, xin báo quản trị viên kiểm tra thư mục lưu tệp."
)


DATABASE_FAILURES = (OperationalError, InterfaceError)


class ServiceUnavailableMiddleware:
    """Run a read again over a dropped database connection; otherwise answer 503 with a page in Vietnamese.

    A database connection can drop in the middle of a request (a restarted server, a
    proxy closing idle links, an administrator ending sessions). A GET or HEAD changes
    nothing, so the whole request runs once more on a fresh connection; any other method
    may have written part of its work, so the person is told to look before sending it
    again. A file the media folder refuses (MediaWriteError) is a 503 too, after the
    transaction rolled back. The failure is seen through `got_request_exception`, so it is
    caught in the session and login middleware as well as in views; Django has already
    logged it with its traceback. Placed outside every middleware that reads the database.
    """

    IDEMPOTENT_METHODS = frozenset({"GET", "HEAD"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        failure = request.__dict__.pop("service_failure", None)
        if failure is None:
            return response
        close_broken_connections()
        if isinstance(failure, DATABASE_FAILURES) and request.method in self.IDEMPOTENT_METHODS:
            logger.warning("Database failure on %s %s, running it once more: %s", request.method, request.path, failure)
            response = self.get_response(request)
            failure = request.__dict__.pop("service_failure", None)
            if failure is None:
                return response
            close_broken_connections()
        if isinstance(failure, MediaWriteError):
            return unavailable(request, title="Không lưu được tệp", message=MEDIA_UNWRITABLE, retry_after=60)
        message = DATABASE_LOST if request.method in self.IDEMPOTENT_METHODS else f"{DATABASE_LOST} {UNSAVED_WARNING}"
        return unavailable(request, title="Mất kết nối cơ sở dữ liệu", message=message, retry_after=10)


@receiver(got_request_exception, dispatch_uid="danvan-service-failure")
def remember_service_failure(sender, request=None, **kwargs):
    """Keep on the request the lost database or refused file write that Django is turning into a 500."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (*DATABASE_FAILURES, MediaWriteError)):
        request.service_failure = error


def close_broken_connections() -> None:
    """Close every database connection that no longer answers, so the next query opens a fresh one.

    A connection inside an atomic block is left alone: closing it would end the block's
    transaction behind its back (outside tests, no block is open once a view has raised).
    """
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.in_atomic_block and not connection.is_usable():
            connection.close()


# The 503 page is made outside the CSP and clickjacking middleware, so it carries their headers itself;
# it is plain HTML with the portal's stylesheets and no script.
UNAVAILABLE_CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"


def unavailable(request, *, title: str, message: str, retry_after: int) -> HttpResponse:
    """Return the 503 page with `message`, offering to repeat a GET."""
    retry = request.get_full_path() if request.method == "GET" else ""
    content = loader.get_template("503.html").render({"title": title, "message": message, "retry": retry})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = UNAVAILABLE_CSP
    response["X-Frame-Options"] = "DENY"
    return response
