"""A real browser logs in and sees the home page."""

import pytest

from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_logs_in_and_sees_home(world, live_server, page, screenshot):
    """Given canbo, when they log in with the form, then the home page shows their unit and role."""
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Xin chào").is_visible()
    body = page.locator("main").inner_text()
    assert "Phòng Văn hóa - Xã hội" in body
    assert "Cán bộ, chuyên viên" in body
    screenshot("login-canbo-home")


def test_wrong_password_shows_vietnamese_message(world, live_server, page):
    login(page, live_server, "canbo", "sai-mat-khau")
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").is_visible()


def test_static_files_load_and_no_csp_violation(world, live_server, page):
    """Bootstrap and htmx come from our own static files, and the page breaks no CSP rule."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert violations == []
