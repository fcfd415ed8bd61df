"""Session and caching rules for pages behind the login."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

SESSION_STARTED_KEY = "danvan_session_started"


class SessionLifetimeMiddleware:
    """End a session 8 hours after login, and at once for a deactivated user.

    The 30-minute idle limit is Django's own (SESSION_COOKIE_AGE refreshed on
    every request); Django has no absolute limit, so it lives here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, int(time.time()))
            expired = time.time() - started > settings.SESSION_ABSOLUTE_SECONDS
            if expired or not user.is_active:
                logout(request)
                return redirect(settings.LOGIN_URL)
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
