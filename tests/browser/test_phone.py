"""Every list page at phone width (390×844): each row a card with its title whole, no sideways scroll of the page,
and the filters folded behind "Bộ lọc" until asked for."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services as report_services
from tests.browser.conftest import PHONE, doc_image, login
from tests.factories import (
    TEST_PASSWORD,
    CampaignFactory,
    IssuedPlanFactory,
    RegistrationFactory,
    TaskFactory,
)
from units.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
# A title squeezed into a narrower column wraps one or two words a line.
MIN_TITLE_WIDTH = 160
TABLE_ROWS = "table.table-cards > tbody > tr"
TABLE_TITLE = ".cell-title"


@pytest.fixture
def lists(world, plans):
    """Given a few rows on every list: plans in each status, three tasks of the office (one late), two
    registrations, an issued-plan roll-up, a periodic report, a report cycle and notifications."""
    today = timezone.localdate()
    official, leader = world.users["official"], world.users["leader"]
    issued = IssuedPlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        title="Kế hoạch triển khai phong trào thi đua “Dân vận khéo” và công tác dân vận chính quyền năm 2025",
    )
    for content, due in [
        ("Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân về cải cách hành chính", 20),
        ("Rà soát, công khai thủ tục hành chính tại bộ phận tiếp nhận và trả kết quả của xã", 3),
        ("Biên tập chuyên mục “Dân vận khéo” trên trang thông tin điện tử và loa truyền thanh xã", -30),
    ]:
        TaskFactory(
            plan=issued,
            content=content,
            lead_units=[world.other_department],
            timeframe_kind="deadline",
            due_date=today + datetime.timedelta(days=due),
            status="in_progress",
            progress=40,
        )
    campaign = CampaignFactory(
        issuing_unit=world.commune,
        eligible_units=[world.department, world.other_department],
        created_by=official,
    )
    for unit in (world.department, world.other_department):
        RegistrationFactory(campaign=campaign, unit=unit, status="submitted", created_by=official)
    report_services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    report_services.cycle_open(
        government=world.commune,
        period_kind="second_half",
        year=2025,
        deadline=today + datetime.timedelta(days=10),
        by=official,
    )
    for n in range(3):
        notify(
            recipients=[official],
            text=f"Kế hoạch số {n + 1} đã được lãnh đạo xem xét và trả lại kèm ý kiến chỉ đạo.",
            url=issued.get_absolute_url(),
        )
    return leader


def assert_reads_well(page, url: str, *, rows=TABLE_ROWS, title=TABLE_TITLE, filters=False, keep: str = ""):
    """Open `url` at 390 px and check the page fits, every row's title is whole, and the filters are folded."""
    page.goto(url)
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url}: the page scrolls sideways ({width} px)"
    cards = page.locator(rows)
    assert cards.count() >= 1, f"{url}: no rows to check"
    for i in range(cards.count()):
        element = cards.nth(i).locator(title).first
        assert element.is_visible(), f"{url}: row {i} has no visible title"
        box = element.bounding_box()
        assert box and box["width"] >= MIN_TITLE_WIDTH, f"{url}: row {i}'s title is {box and box['width']} px wide"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{url}: row {i}'s title leaves the screen"
    if filters:
        form = page.locator("form[role=search]")
        toggle = page.get_by_role("button", name="Bộ lọc")
        assert form.is_hidden(), f"{url}: the filters are not folded"
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.focus()
        page.keyboard.press("Enter")
        page.locator("form[role=search].collapse.show").wait_for()  # unfolded, not still moving
        assert toggle.get_attribute("aria-expanded") == "true"
        box = form.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        toggle.click()
        form.wait_for(state="hidden")
    if keep:
        page.screenshot(path=str(doc_image(DOCS_IMG, keep)), full_page=True)


def test_official_lists_fit_a_phone(world, lists, live_server, phone):
    """The official's plans, registrations and notifications read as cards at 390 px."""
    login(phone, live_server, "canbo", TEST_PASSWORD)
    base = live_server.url
    assert_reads_well(phone, base + reverse("plans:plan_list"), filters=True, keep="phone-plans")
    assert_reads_well(phone, base + reverse("models_registry:registration_list"), filters=True)
    assert_reads_well(phone, base + reverse("units:notification_list"), rows="main .list-group-item", title="a")


def test_unit_head_lists_fit_a_phone(world, lists, live_server, phone):
    """The unit head's tasks are short cards (three of them made a 2,936 px page of one-word lines)."""
    login(phone, live_server, "truongphong", TEST_PASSWORD)
    base = live_server.url
    assert_reads_well(phone, base + reverse("tasks:unit_tasks"), filters=True, keep="phone-my-tasks")
    cards = phone.locator(TABLE_ROWS)
    heights = [cards.nth(i).bounding_box()["height"] for i in range(cards.count())]
    assert cards.count() >= 3 and max(heights) < 300, f"cards of {heights} px"
    assert_reads_well(phone, base + reverse("reports:cycle_list"))


def test_leader_lists_fit_a_phone(world, lists, live_server, phone):
    """The leader's tasks, campaigns, periodic reports and report cycles read as cards at 390 px."""
    login(phone, live_server, "lanhdao", TEST_PASSWORD)
    base = live_server.url
    assert_reads_well(phone, base + reverse("tasks:task_list"), filters=True)
    assert_reads_well(phone, base + reverse("models_registry:campaign_list"))
    assert_reads_well(phone, base + reverse("models_registry:registration_list"), filters=True)
    assert_reads_well(phone, base + reverse("reports:report_list"))
    assert_reads_well(phone, base + reverse("reports:cycle_list"))


def test_supervisor_rollup_fits_a_phone(world, lists, live_server, phone):
    """The roll-up across communes is a card per commune, and its totals a card of their own."""
    login(phone, live_server, "giamsat", TEST_PASSWORD)
    rollup = live_server.url + reverse("reports:rollup") + "?period=second_half&year=2025"
    assert_reads_well(phone, rollup, keep="phone-rollup")
    assert_reads_well(phone, rollup, rows="table.table-cards > tfoot > tr")


def test_tables_stay_tables_from_md_up(world, lists, live_server, page):
    """At 1280 px the task list is still a table: one row per task, its cells side by side."""
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.goto(live_server.url + reverse("tasks:task_list"))
    assert page.locator("#task-table > tbody > tr").first.evaluate("row => getComputedStyle(row).display") == (
        "table-row"
    )
    assert page.locator("form[role=search]").is_visible()
    assert page.get_by_role("button", name="Bộ lọc").is_hidden()
