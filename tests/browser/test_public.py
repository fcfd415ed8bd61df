"""The public pages in a real browser: no serious axe-core violation, readable at 390 px, the PDF downloads."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.test_accessibility import axe_page, violations_of  # noqa: F401 - axe_page is a fixture
from tests.public.public_helpers import PDF, issued_plan, issued_report, recognized_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_pages(world):
    """An issued plan with tasks, a recognised model and a published report of our commune; the public URLs."""
    plan = issued_plan(world, title="Kế hoạch tuyên truyền, vận động Nhân dân thực hiện chuyển đổi số năm 2025")
    recognized_model(world)
    issued_report(world)
    return {
        "tìm kiếm": reverse("public:index") + "?q=thuong+hong",
        "trang chính quyền": reverse("public:government", args=[world.commune.pk]),
        "kế hoạch": reverse("public:plan", args=[world.commune.pk, plan.pk]),
        "danh sách": reverse("public:index"),
    }, plan


def test_public_pages_have_no_serious_accessibility_violation(public_pages, live_server, axe_page):
    urls, _plan = public_pages
    found = []
    for name, path in urls.items():
        for violation in violations_of(axe_page, live_server.url + path):
            if violation["impact"] in {"serious", "critical"}:
                found.append(f"{name}: {violation['id']} {violation['targets']}")
    assert found == []


def test_public_pages_read_well_on_a_phone(public_pages, live_server, phone):
    """At 390 px nothing scrolls sideways, and the title, the documents and the tasks are shown with a size."""
    urls, plan = public_pages
    for name, path in urls.items():
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        for selector in ["h1", "main", "header form[role=search]"]:
            box = phone.locator(selector).first.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 10 and box["x"] >= 0, f"{name}: {selector}"
            assert box["x"] + box["width"] <= PHONE["width"], f"{name}: {selector}"
    phone.goto(live_server.url + urls["trang chính quyền"])
    for selector in [".public-document", ".public-model"]:
        box = phone.locator(selector).first.bounding_box()
        assert box and box["width"] > 300 and box["x"] + box["width"] <= PHONE["width"], selector
    phone.goto(live_server.url + urls["kế hoạch"])
    tasks = phone.locator(".public-task")
    assert tasks.count() == 2
    for index in range(2):
        box = tasks.nth(index).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 40
    phone.screenshot(path=str(SCREENSHOTS / "public-plan-phone.png"), full_page=True)


def test_anonymous_visitor_downloads_the_issued_pdf(public_pages, live_server, page):
    """Given the plan's public page, when a visitor clicks the download, then the file is the stored copy."""
    _urls, plan = public_pages
    page.goto(live_server.url + reverse("public:government", args=[plan.issuing_unit_id]))
    page.get_by_role("link", name=plan.title).click()
    assert page.get_by_role("heading", name="Nhiệm vụ và tiến độ (2)").is_visible()
    with page.expect_download() as download:
        page.locator("#public-pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert page.locator("#public-sha256").inner_text() == plan.issued_pdf_sha256
