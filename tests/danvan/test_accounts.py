"""Login, lockout, logout and session lifetime."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from danvan.middleware import SESSION_STARTED_KEY
from tests.conftest import client_for
from tests.factories import TEST_PASSWORD

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng"


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_vietnamese():
    content = Client().get(reverse("login")).content.decode()
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content and "Mật khẩu" in content


def test_right_password_leads_home(official):
    response = login(Client(), "canbo", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("username", ["canbo", "khongtontai"])
def test_wrong_password_and_unknown_user_get_the_same_message(official, username):
    """No account enumeration: a wrong password and an unknown name read the same."""
    response = login(Client(), username, "sai-mat-khau")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()


def test_repeated_failures_lock_name_and_address_with_429(official, settings):
    """Given five failures from one address, the sixth try (even right) gets 429; another address still logs in."""
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "canbo", "sai-mat-khau")
    locked = login(client, "canbo", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    other_address = login(Client(REMOTE_ADDR="198.51.100.9"), "canbo", TEST_PASSWORD)
    assert other_address.status_code == 302


def test_forged_log_line_in_username_just_fails(official):
    response = login(Client(), "admin\r\n[INFO] fake", "x")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()


def test_logout_needs_post(official):
    client = client_for(official)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_session_ends_after_absolute_lifetime(official, settings):
    client = client_for(official)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST  # tests/perf/test_session_touch.py: saved once a minute


def test_deactivated_user_is_logged_out_on_next_request(official):
    client = client_for(official)
    official.is_active = False
    official.save()
    assert client.get(reverse("home")).status_code == 302


def test_pages_behind_login_are_not_cached(official):
    response = client_for(official).get(reverse("home"))
    assert response["Cache-Control"] == "no-store"


def test_password_change_in_vietnamese(official):
    client = client_for(official)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mật khẩu" in content
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Cây-đa-đầu-làng-2025",
            "new_password2": "Cây-đa-đầu-làng-2025",
        },
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("Cây-đa-đầu-làng-2025")
