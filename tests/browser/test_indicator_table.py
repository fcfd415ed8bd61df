"""The indicator table of a "Dân vận khéo" registration is seen, not only fillable, on a laptop and a phone.

Playwright fills an input that is clipped to nothing, so the registration journey alone never noticed the
table's wrapper computing to 0 px wide; these checks measure what a person actually sees.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, CampaignFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"laptop": (1366, 900), "phone": (390, 844)}


def assert_indicator_table_visible(page, *, rows: int) -> None:
    """Assert the table's wrapper is wide and every indicator box inside it is on screen with a real size."""
    wrapper = page.locator("#indicators .table-responsive")
    expect(wrapper).to_be_visible()
    box = wrapper.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 40, box
    expect(page.locator("#indicator-rows tr.indicator-row")).to_have_count(rows)
    inputs = page.locator("#indicator-rows tr.indicator-row").get_by_role("textbox")
    expect(inputs).to_have_count(4 * rows)
    for index in range(4 * rows):
        field = inputs.nth(index)
        field.scroll_into_view_if_needed()
        expect(field).to_be_visible()
        field_box = field.bounding_box()
        assert field_box is not None and field_box["width"] > 20 and field_box["height"] > 10, (index, field_box)
        # Inside the wrapper, so the wrapper's clipping does not hide it.
        assert field_box["x"] >= box["x"] - 1 and field_box["x"] < box["x"] + box["width"], (index, field_box, box)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_indicator_table_is_visible_on_new_and_edit_forms(world, live_server, page, screenshot, viewport):
    """Given an open campaign, when the unit head opens the new and the edit registration form at a laptop's or
    a phone's width, then the indicator table and each of its boxes are visible with a real size."""
    width, height = viewport
    campaign = CampaignFactory(
        issuing_unit=world.commune,
        year=timezone.localdate().year,
        registration_deadline=timezone.localdate() + datetime.timedelta(days=30),
        created_by=world.users["official"],
        eligible_units=[world.other_department],
    )
    page.set_viewport_size({"width": width, "height": height})
    login(page, live_server, "truongphong", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/models/campaigns/{campaign.pk}/register/")
    page.get_by_role("heading", name="Phiếu đăng ký mô hình “Dân vận khéo”").wait_for()
    assert_indicator_table_visible(page, rows=1)
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    assert_indicator_table_visible(page, rows=2)
    screenshot(f"indicator-table-new-{width}")

    registration = RegistrationFactory(
        campaign=campaign,
        unit=world.other_department,
        created_by=world.users["unit_head"],
        indicators=[
            {"name": "Tỷ lệ hồ sơ đúng hạn", "measure": "%", "baseline": 92, "target": 98},
            {"name": "Lượt người dân được hướng dẫn", "measure": "lượt", "baseline": 850, "target": 1500},
        ],
    )
    page.goto(f"{live_server.url}/models/registrations/{registration.pk}/edit/")
    page.get_by_role("heading", name="Sửa phiếu đăng ký mô hình").wait_for()
    assert_indicator_table_visible(page, rows=2)
    screenshot(f"indicator-table-edit-{width}")
