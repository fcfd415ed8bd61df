"""WCAG 2.1 AA in a real browser: axe-core finds no serious or critical violation on any main page of any role.

Each role logs in once, in one browser context that bypasses the CSP (the site forbids any script it does not
serve itself, and axe is injected only here: no page template loads it), and visits every page of its daily
work. The test lists every violation of impact serious or critical: rule, selectors and page.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from models_registry.choices import RegistrationStatus
from models_registry.models import Score
from reports import services as report_services
from tests.browser.conftest import SCREENSHOTS, login
from tests.factories import TEST_PASSWORD, CampaignFactory, PlanFactory, SectionFactory, TaskFactory
from tests.reports.conftest import seeded  # noqa: F401 - the fixture, shared with tests/reports
from units.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
USERNAMES = {"official": "canbo", "unit_head": "truongphong", "leader": "lanhdao", "supervisor": "giamsat"}

# Run in the page: the violations of the chosen rules, reduced to what the failure message needs.
RUN_AXE = """async ({tags, within}) => {
  const context = within === "document" ? document : {include: [within]};
  const result = await axe.run(context, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@pytest.fixture
def axe_page(browser):
    """Return a page in a context that lets Playwright add axe's script tag despite the site's CSP."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def pages(world, seeded):
    """Give every role something on each of its pages; return each role's main pages as (name, path)."""
    official, leader = world.users["official"], world.users["leader"]
    draft = PlanFactory(issuing_unit=world.commune, created_by=official, title="Kế hoạch tuyên truyền (dự thảo)")
    # Long enough that the editor's preview pane scrolls (a scrollable region must be reachable by keyboard).
    for position in range(12):
        SectionFactory(plan=draft, heading=f"MỤC {position + 1}", text="Nội dung của mục. " * 40)
    TaskFactory(plan=draft, lead_units=[world.other_department])
    # A campaign open this year that Văn phòng has not yet registered for: the unit head's form.
    open_campaign = CampaignFactory(
        issuing_unit=world.commune,
        year=datetime.date.today().year,
        eligible_units=[world.department, world.other_department],
        created_by=official,
    )
    cycle = report_services.cycle_open(
        government=world.commune,
        period_kind="second_half",
        year=2025,
        deadline=datetime.date(2025, 12, 15),
        by=official,
    )
    report = report_services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    report_services.report_submit(report=report, by=official)
    report_services.report_approve(report=report, by=leader)
    report_services.report_issue(report=report, by=leader)
    for user in world.users.values():
        if user is not None:
            notify(recipients=[user], text="Có việc mới cần xử lý.", url=reverse("home"))

    plan, campaign = seeded.plan, seeded.campaign
    registrations = {r.status: r for r in campaign.registrations.all()}
    submitted, recognized = registrations[RegistrationStatus.SUBMITTED], registrations[RegistrationStatus.RECOGNIZED]
    # The recognized model was scored and reported on: its detail shows the score table and reached marks.
    for criterion in campaign.criteria.all():
        Score.objects.create(
            registration=recognized,
            criterion=criterion,
            score=criterion.max_score - 5,
            max_score=criterion.max_score,
            evaluator=official,
        )
    recognized.indicators.update(achieved=99)
    late_task = seeded.tasks["late"]
    common_head = [
        ("trang chủ", reverse("home")),
        ("danh sách kế hoạch", reverse("plans:plan_list")),
        ("kế hoạch đã ban hành", plan.get_absolute_url()),
    ]
    common_tail = [
        ("thông báo", reverse("units:notification_list")),
        ("danh bạ đơn vị", reverse("units:unit_list")),
        ("đổi mật khẩu", reverse("password_change")),
    ]
    campaigns = [
        ("danh sách phong trào", reverse("models_registry:campaign_list")),
        ("phong trào, độ phủ", campaign.get_absolute_url()),
        ("danh sách đăng ký", reverse("models_registry:registration_list")),
    ]
    commune_reports = [
        ("tổng hợp", reverse("reports:dashboard")),
        ("danh sách báo cáo", reverse("reports:report_list")),
        ("báo cáo đã ban hành", report.get_absolute_url()),
        ("danh sách đợt báo cáo", reverse("reports:cycle_list")),
        ("đợt báo cáo", cycle.get_absolute_url()),
    ]
    tasks = [
        ("danh sách nhiệm vụ", reverse("tasks:task_list")),
        ("nhiệm vụ", reverse("tasks:task_detail", args=[late_task.pk])),
        ("lịch", reverse("tasks:task_calendar")),
    ]
    return {
        "official": [
            *common_head,
            ("sửa dự thảo kế hoạch", reverse("plans:plan_edit", args=[draft.pk])),
            *tasks,
            *campaigns,
            ("phiếu đăng ký", submitted.get_absolute_url()),
            *commune_reports,
            *common_tail,
        ],
        "unit_head": [
            *common_head,
            ("nhiệm vụ của đơn vị tôi", reverse("tasks:unit_tasks")),
            *tasks[1:],
            *campaigns,
            ("phiếu đăng ký", submitted.get_absolute_url()),
            ("đăng ký mô hình", reverse("models_registry:registration_create", args=[open_campaign.pk])),
            ("phần báo cáo của đơn vị", cycle.parts.get(unit=world.other_department).get_absolute_url()),
            *common_tail,
        ],
        "leader": [
            *common_head,
            *tasks,
            *campaigns,
            ("phiếu đăng ký đã chấm điểm", recognized.get_absolute_url()),
            *commune_reports,
            *common_tail,
        ],
        "supervisor": [
            *common_head,
            *tasks,
            *campaigns,
            ("phiếu đăng ký", recognized.get_absolute_url()),
            ("tổng hợp các xã", reverse("reports:rollup")),
            ("tổng hợp một xã", reverse("reports:commune_dashboard", args=[world.commune.pk])),
            ("danh sách báo cáo", reverse("reports:report_list")),
            ("báo cáo đã ban hành", report.get_absolute_url()),
            *common_tail,
        ],
    }


def violations_of(page, url: str | None = None, within: str = "document") -> list[dict]:
    """Open `url` (or stay on the page), inject axe and return its violations in `within` (a selector)."""
    if url is not None:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
        assert page.locator("main").first.is_visible(), url
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, {"tags": TAGS, "within": within})


def check_keyboard(page):
    """The first Tab shows the skip link, which moves focus to the content; the navbar's focus ring is white."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua đến nội dung chính")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 50 and box["height"] > 20, box
    page.keyboard.press("Enter")
    expect(page.locator("main#noi-dung")).to_be_focused()
    # Back to the top: Tab past the skip link and the brand to the first navbar link.
    page.keyboard.press("Shift+Tab")
    page.evaluate("document.activeElement.blur()")
    page.locator(".navbar-brand").focus()
    page.keyboard.press("Tab")
    focused = page.locator("nav .nav-link").first
    expect(focused).to_be_focused()
    ring = focused.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor]")
    assert ring == ["solid", "rgb(255, 255, 255)"], ring


@pytest.mark.parametrize("role", list(USERNAMES))
def test_no_serious_accessibility_violation(role, world, pages, live_server, axe_page):
    """Given a role's main pages, when axe-core checks each against WCAG 2.1 A and AA, then none is serious."""
    login(axe_page, live_server, USERNAMES[role], TEST_PASSWORD)
    axe_page.wait_for_url(f"{live_server.url}/")
    check_keyboard(axe_page)
    # The account menu, opened on the home page: its text sits on the dark menu, not on the page.
    axe_page.locator("nav .dropdown-toggle").click()
    expect(axe_page.locator("nav .dropdown-menu")).to_be_visible()
    report = {"menu tài khoản": violations_of(axe_page, within="nav .dropdown-menu")}
    for _name, path in pages[role]:
        report[path] = violations_of(axe_page, f"{live_server.url}{path}")
    names = {path: name for name, path in pages[role]}
    found = [
        f"{names.get(where, where)} ({where}): {v['id']} [{v['impact']}] {v['help']}: {', '.join(v['targets'])}"
        for where, violations in report.items()
        for v in violations
        if v["impact"] in BLOCKING
    ]
    # Every violation, minor and moderate too, for whoever improves the pages next.
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"axe-{role}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not found, f"{len(found)} WCAG violations for {role}:\n" + "\n".join(found)


def test_axe_is_loaded_by_no_template():
    """axe-core is for the tests only: no template of the portal may reference it."""
    templates = [p for p in Path(settings.BASE_DIR).rglob("templates/**/*.html") if ".venv" not in p.parts]
    assert templates
    assert [p for p in templates if "axe" in p.read_text(encoding="utf-8").lower()] == []
