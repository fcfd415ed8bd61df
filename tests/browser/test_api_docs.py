"""The API's readers work in a real browser under the portal's CSP, and a person creates a token on its page."""

import pytest

from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def csp_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


@pytest.mark.parametrize(("path", "shown"), [("/api/docs/", "/api/tasks/"), ("/api/redoc/", "/api/tasks/")])
def test_api_reader_renders_every_operation_without_csp_violation(world, live_server, page, path, shown):
    """Given the portal's CSP, when Swagger UI or ReDoc opens, then the operations show and nothing is blocked."""
    violations = csp_violations(page)
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}{path}", timeout=90_000)  # the readers are large scripts: slow on a busy machine
    page.get_by_text(shown).first.wait_for(timeout=60_000)
    # ReDoc's footer links its logo on cdn.redoc.ly: the CSP blocks it, so nothing is fetched from outside.
    violations = [text for text in violations if "cdn.redoc.ly" not in text]
    assert violations == [], violations
    # Nothing is fetched from elsewhere: any outside address asked for is refused by the CSP.
    outside = [url for url in requested if not url.startswith((live_server.url, "data:", "blob:"))]
    assert all(url in failed for url in outside), outside


def test_unit_head_creates_a_token_and_sees_it_once(world, live_server, page, screenshot):
    violations = csp_violations(page)
    login(page, live_server, "truongphong", TEST_PASSWORD)
    page.goto(f"{live_server.url}/units/tokens/")
    page.get_by_label("Tên khóa").fill("Đồng bộ iOffice")
    page.get_by_role("button", name="Tạo khóa").click()
    token = page.get_by_label("Khóa API").input_value()
    assert token.startswith("dv_")
    screenshot("api-token-created")
    page.goto(f"{live_server.url}/units/tokens/")
    assert "Đồng bộ iOffice" in page.locator("main").inner_text()
    assert token not in page.content()
    assert violations == []
