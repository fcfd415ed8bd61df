"""The guide's screenshots: the main pages of each role on the live demo data, kept in docs/guide/img/.

Run after a change to those pages so the guide shows the portal as it is; the PNGs are committed
(viewport 1280×800, not the full page, to keep them small).
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from danvan.help import GUIDE_DIR
from plans.choices import PlanStatus
from plans.models import Plan
from tests.browser.conftest import doc_image, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 1280, "height": 800}
PASSWORD = "danvan-demo"
# Role login -> (screenshot name, path or a callable returning one) for its main pages.
PAGES = {
    "canbo": [("canbo-trang-chu", "/"), ("canbo-ke-hoach", "/plans/")],
    "truongphong": [("truongphong-trang-chu", "/"), ("truongphong-nhiem-vu", "/tasks/mine/")],
    "lanhdao": [
        ("lanhdao-trang-chu", "/"),
        ("lanhdao-ke-hoach", lambda: Plan.objects.filter(status=PlanStatus.SUBMITTED).latest("pk").get_absolute_url()),
    ],
    "giamsat": [("giamsat-trang-chu", "/"), ("giamsat-tong-hop", "/dashboard/communes/")],
}


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def desktop(browser):
    context = browser.new_context(locale="vi-VN", viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("username", list(PAGES))
def test_guide_screenshots_of_each_roles_main_pages(demo, desktop, live_server, username):
    from django.urls import reverse

    login(desktop, live_server, username, PASSWORD)
    for name, where in PAGES[username]:
        path = where() if callable(where) else where
        response = desktop.goto(f"{live_server.url}{path}")
        assert response.ok, (name, path, response.status)
        desktop.screenshot(path=str(doc_image(GUIDE_DIR / "img", name)), full_page=False)
    # The help icon is there, visible, and opens this role's guide at the part for the page.
    icon = desktop.locator("#nav-help")
    box = icon.bounding_box()
    assert icon.is_visible() and box and box["width"] > 10 and box["height"] > 10
    icon.click()
    desktop.wait_for_load_state()
    assert f"/help/{username}/#" in desktop.url
    # The guide shows its screenshots, served by the portal.
    image = desktop.locator("article img").first
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth") == VIEWPORT["width"]
    assert desktop.locator("h1").inner_text().startswith("Hướng dẫn")
    assert reverse("help:index") in desktop.locator("nav[aria-label='Đường dẫn'] a").first.get_attribute("href")


def test_screenshot_files_are_small():
    for path in Path(GUIDE_DIR / "img").glob("*.png"):
        assert path.stat().st_size < 400_000, path.name
