"""An active session stays alive without a database write on every page (issue 19)."""

import datetime
import time
from importlib import import_module
from unittest import mock

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from danvan.middleware import SESSION_TOUCH_SECONDS, SESSION_TOUCHED_KEY
from tests.conftest import client_for


def saves_during(client, url: str) -> int:
    """Return how many times GET `url` saves the session (the save still happens)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with mock.patch.object(store, "save", autospec=True, side_effect=store.save) as save:
        assert client.get(url).status_code == 200
    return save.call_count


def test_a_second_page_within_a_minute_does_not_write_the_session(official):
    client = client_for(official)
    client.get(reverse("home"))  # the first page after login stamps the session
    assert saves_during(client, reverse("home")) == 0


def test_a_page_after_a_minute_restarts_the_idle_clock(official):
    client = client_for(official)
    client.get(reverse("home"))
    session = client.session
    session[SESSION_TOUCHED_KEY] = int(time.time()) - SESSION_TOUCH_SECONDS
    session.save()
    stored = Session.objects.filter(session_key=session.session_key)
    stored.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))  # idle for 29 minutes
    assert saves_during(client, reverse("home")) == 1
    assert stored.get().expire_date > timezone.now() + datetime.timedelta(minutes=29)
