"""Bad inputs 50-52: no CSRF token, a foreign Host, a forged log line in a user name, guessed passwords."""

import datetime
import logging
import time

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from plans.models import Plan
from tests.conftest import client_for
from tests.danvan.test_accounts import WRONG_LOGIN, login
from tests.factories import TEST_PASSWORD, UserFactory
from units import throttle
from units.choices import Role

# --- row 50: no CSRF token; a foreign Host ---------------------------------------------------


def test_row50_a_post_without_csrf_token_is_403_and_writes_nothing(world, official):
    client = Client(enforce_csrf_checks=True)
    client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("plans:plan_create"),
        {"title": "Kế hoạch gửi từ trang lạ", "kind": "other", "doc_type": "KH", "issuing_unit": world.commune.pk},
    )
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    assert not Plan.objects.filter(title="Kế hoạch gửi từ trang lạ").exists()


def test_row50_a_post_with_the_token_of_the_page_goes_through(world, official):
    """The same post with the token the form carries succeeds: the 403 above is the check, not a broken form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
    client.get(reverse("plans:plan_create"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("plans:plan_create"),
        {
            "title": "Kế hoạch gửi đúng",
            "kind": "other",
            "doc_type": "KH",
            "issuing_unit": world.commune.pk,
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert Plan.objects.filter(title="Kế hoạch gửi đúng").exists()


def test_row50_a_login_without_csrf_token_is_403(official):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "canbo", "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in response.wsgi_request.session


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/"), ("get", "/plans/"), ("get", "/accounts/login/"), ("post", "/accounts/login/")],
    ids=["home", "plan-list", "login-page", "login-post"],
)
def test_row50_a_foreign_host_is_400(official, method, path):
    response = getattr(Client(HTTP_HOST="evil.example"), method)(path)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Yêu cầu không hợp lệ" in content
    assert "evil.example" not in content


def test_row50_a_forwarded_host_is_not_trusted(official):
    response = client_for(official).get(reverse("home"), HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()


# --- row 51: a forged log line in the user name -------------------------------------------------


def test_row51_forged_log_line_in_username_fails_and_logs_one_line(world, caplog):
    """Given an account "admin", its password with the name "admin\\r\\n[INFO] fake" does not log in, and every log
    line and audit row about the failure stays on one line."""
    UserFactory(username="admin", unit=world.commune, role=Role.OFFICIAL)
    forged = "admin\r\n[INFO] fake"
    axes_logger = logging.getLogger("axes")  # it does not propagate to the root logger caplog listens on
    axes_logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.INFO):
            response = login(Client(), forged, TEST_PASSWORD)
    finally:
        axes_logger.removeHandler(caplog.handler)
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    lines = [record.getMessage() for record in caplog.records]
    assert any("admin [INFO] fake" in line for line in lines), "the failed login is logged, on one line"
    assert [line for line in lines if "\r" in line or "\n" in line] == []
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.username == "admin [INFO] fake"
    assert all(not {"\r", "\n"} & set(name) for name in AccessAttempt.objects.values_list("username", flat=True))


# --- row 52: guessing passwords -------------------------------------------------------------


def test_row52_sixty_wrong_passwords_lock_the_pair_until_the_cool_off(world, official, settings, monkeypatch):
    """Given 60 wrong passwords for canbo from one address, the right one is 429 from there until the cool-off;
    another name from that address and canbo from another address wait a few seconds at most (units/throttle.py)."""
    colleague = UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL)
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [login(attacker, "canbo", f"sai-mat-khau-{attempt}").status_code for attempt in range(60)]
    assert set(statuses[: settings.AXES_FAILURE_LIMIT - 1]) == {200}
    assert set(statuses[settings.AXES_FAILURE_LIMIT :]) == {429}
    locked = login(attacker, "canbo", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in attacker.session

    # The address and the name wait the throttle's short delay, which attempts meanwhile do not lengthen.
    wait = int(login(Client(REMOTE_ADDR="198.51.100.9"), "canbo", TEST_PASSWORD)["Retry-After"])
    assert wait <= 2 ** (60 - settings.LOGIN_THROTTLE_FREE_FAILURES)
    later = time.time() + wait
    monkeypatch.setattr(throttle, "_now", lambda: later)
    assert login(Client(REMOTE_ADDR="203.0.113.7"), colleague.username, TEST_PASSWORD).status_code == 302
    assert login(Client(REMOTE_ADDR="198.51.100.9"), "canbo", TEST_PASSWORD).status_code == 302
    locked = login(attacker, "canbo", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    cooled_off = later + settings.AXES_COOLOFF_TIME.total_seconds()
    monkeypatch.setattr(throttle, "_now", lambda: cooled_off)
    after = login(attacker, "canbo", TEST_PASSWORD)
    assert after.status_code == 302
    assert attacker.session["_auth_user_id"] == str(official.pk)
