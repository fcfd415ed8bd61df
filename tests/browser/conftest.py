"""Playwright driving Debian's Chromium (never Playwright's own browser download)."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
# Playwright's sync API runs an event loop in the test thread; the ORM calls of
# the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def doc_image(folder: Path, name: str) -> Path:
    """Return where a screenshot meant for the docs goes: into `folder` (committed) only when
    UPDATE_DOC_IMAGES=1, otherwise under test-results/, so an ordinary test run leaves the tree clean."""
    target = folder if os.environ.get("UPDATE_DOC_IMAGES") == "1" else SCREENSHOTS / "docs"
    target.mkdir(parents=True, exist_ok=True)
    return target / f"{name}.png"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


PHONE = {"width": 390, "height": 844}


def _pages(browser, **options):
    """Yield a page of a new Vietnamese browser context with `options`, closing the context afterwards."""
    context = browser.new_context(locale="vi-VN", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page(browser):
    yield from _pages(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone(browser):
    """A page on a 390 px phone screen, touch and all."""
    yield from _pages(browser, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def screenshot(page):
    """Return a function that keeps a screenshot of the current page under test-results/."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(page, live_server, username: str, password: str):
    """Log in through the real form; a leader then types one of their backup codes as the second factor."""
    from tests.conftest import enroll_two_factor
    from units.models import User
    from units.twofactor import needs_two_factor

    user = User.objects.filter(username=username).first()
    second_factor = user is not None and needs_two_factor(user) and user.check_password(password)
    codes = enroll_two_factor(user) if second_factor else []
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    if second_factor:
        page.wait_for_url("**/accounts/2fa/?**")
        page.get_by_label("Mã xác thực").fill(codes[0])
        page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_load_state()
