"""Work reaches the person who must act next: on the home page ("Việc chờ tôi"), in the bell, and by email.

canbo submits a plan; lanhdao sees it on the home page and in the bell and returns it with a comment;
canbo sees the comment on the home page and in the bell, and submits again; lanhdao approves and issues
it; the head of the task's lead unit sees the new task on the home page. One email per person per
event, in the mode each chose: truongphong asked for the daily digest, so he gets none at once.
"""

import datetime
import re

import pytest
from django.core import mail

from plans.choices import TimeframeKind
from plans.models import Plan
from tests.browser.conftest import login
from tests.browser.test_plan_journey import logout
from tests.factories import TEST_PASSWORD, PlanFactory, SectionFactory, TaskFactory
from units.choices import NotificationKind, NotificationMode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bell_count(page) -> int:
    """Return the unread count the navbar's bell shows (0 when it shows none); it must be visible."""
    badge = page.locator("#nav-unread")
    if badge.count() == 0:
        return 0
    box = badge.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    return int(badge.inner_text())


def home_card(page, key):
    """Return the home page's card `key`, checked visible with a real size."""
    card = page.locator(f"section#{key}")
    card.wait_for()
    box = card.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 40, f"card {key} is not shown"
    return card


def emails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def test_a_plan_reaches_each_person_who_must_act(world, live_server, page, screenshot):
    users = world.users
    for role, user in users.items():
        if user is not None and role != "no_workplace":
            user.email = f"{user.username}@xa.example.vn"
            user.save(update_fields=["email"])
    head = users["unit_head"]
    head.notification_modes = dict.fromkeys(NotificationKind.values, NotificationMode.DIGEST)
    head.save(update_fields=["notification_modes"])
    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=users["official"],
        title="Kế hoạch tuyên truyền chuyển đổi số năm 2026",
        status="draft",
    )
    section = SectionFactory(plan=plan, heading="TỔ CHỨC THỰC HIỆN")
    TaskFactory(
        plan=plan,
        section=section,
        content="Tổ chức hội nghị tuyên truyền chuyển đổi số",
        lead_units=[head.unit],
        timeframe_kind=TimeframeKind.DEADLINE,
        due_date=datetime.date.today() + datetime.timedelta(days=3),
    )
    page.on("dialog", lambda dialog: dialog.accept())

    # canbo submits.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Trình duyệt").click()
    page.get_by_text("Đã trình kế hoạch lên lãnh đạo.").wait_for()
    logout(page)

    # lanhdao sees it waiting on the home page and in the bell, and returns it with a comment.
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.goto(f"{live_server.url}/")
    card = home_card(page, "to-approve")
    assert card.get_by_role("link", name=re.compile("chuyển đổi số")).is_visible()
    assert bell_count(page) == 1
    card.get_by_role("link", name=re.compile("chuyển đổi số")).click()
    page.get_by_text("Trả lại kế hoạch kèm ý kiến").click()
    page.get_by_label("Ý kiến trả lại (bắt buộc)").fill("Bổ sung kinh phí thực hiện.")
    page.get_by_role("button", name="Trả lại").click()
    page.get_by_text("Đã trả lại kế hoạch kèm ý kiến.").wait_for()
    logout(page)

    # canbo sees the comment on the home page and in the bell, and submits again.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.goto(f"{live_server.url}/")
    card = home_card(page, "returned-plans")
    assert card.get_by_text("Bổ sung kinh phí thực hiện.").is_visible()
    assert bell_count(page) == 1
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Trình duyệt").click()
    page.get_by_text("Đã trình kế hoạch lên lãnh đạo.").wait_for()
    logout(page)

    # lanhdao approves and issues.
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Duyệt").click()
    page.get_by_text("Đã duyệt kế hoạch.").wait_for()
    page.get_by_role("button", name="Ban hành").click()
    page.get_by_text("Đã xong.").wait_for()  # issuing ran as a job
    logout(page)

    # The lead unit's head sees the new task on the home page and in the bell.
    login(page, live_server, "truongphong", TEST_PASSWORD)
    page.goto(f"{live_server.url}/")
    card = home_card(page, "due-soon-tasks")
    assert card.get_by_role("link", name=re.compile("hội nghị tuyên truyền chuyển đổi số")).is_visible()
    assert bell_count(page) >= 1
    screenshot("work-reaches-unit-head")

    # One email per person per event, in the chosen mode.
    assert Plan.objects.get(pk=plan.pk).status == "issued"
    assert len(emails_to(users["leader"])) == 2  # two submissions
    assert len(emails_to(users["official"])) == 3  # returned, approved, issued
    assert emails_to(head) == []  # the daily digest, not at once
