"""Two people editing one section in the plan editor: the second to save sees both versions in place."""

import re

import pytest
from django.db.models import F
from playwright.sync_api import expect

from plans.models import Section
from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, PlanFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stale_section_save_shows_both_versions_in_the_editor_and_the_merge_is_saved(
    world, official, live_server, page, screenshot
):
    """Given a section open in the editor, when a colleague saves it first and the official then saves, then
    the form stays in place with the colleague's text beside the official's; saving again stores the merge."""
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    section = SectionFactory(plan=plan, numbering="roman", heading="MỤC ĐÍCH, YÊU CẦU", text="Bản gốc.")
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")
    page.locator("#outline").get_by_role("link", name=re.compile(r"^Sửa: I\. MỤC ĐÍCH")).click()
    form = page.locator("#section-form")
    form.wait_for()

    # Meanwhile a colleague saves the same section.
    Section.objects.filter(pk=section.pk).update(text="Bản của đồng nghiệp.", version=F("version") + 1)
    form.get_by_label("Nội dung").fill("Bản của tôi.")
    form.get_by_role("button", name="Lưu").click()

    alert = page.locator("#section-form [data-stale-edit]")
    expect(alert).to_be_visible()
    expect(alert.locator("[data-saved]")).to_contain_text("Bản của đồng nghiệp.")
    expect(alert.locator("[data-sent]")).to_contain_text("Bản của tôi.")
    expect(page.locator("#section-form").get_by_label("Nội dung")).to_have_value("Bản của tôi.")
    assert Section.objects.get(pk=section.pk).text == "Bản của đồng nghiệp."
    screenshot("part-conflict")

    page.locator("#section-form").get_by_label("Nội dung").fill("Bản của đồng nghiệp. Bản của tôi.")
    page.locator("#section-form").get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu mục.")).to_be_visible()
    assert Section.objects.get(pk=section.pk).text == "Bản của đồng nghiệp. Bản của tôi."
