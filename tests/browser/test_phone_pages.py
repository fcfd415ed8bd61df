"""Every main page that is not a list reads at 390 px too: the home, documents, a task, the calendar, the help.

The list pages are in test_phone.py; here each role opens its other main pages on a phone and
the page must not scroll sideways, with its heading visible and whole.
"""

import pytest
from django.urls import reverse

from models_registry.models import Registration
from plans.models import Plan, Task
from reports.models import PeriodicReport
from tests.browser.conftest import PHONE, login
from tests.browser.test_phone import lists  # noqa: F401 - the fixture
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages_of(username: str, world) -> list[str]:
    """Return the main non-list pages `username` opens, built from the data of the `lists` fixture."""
    issued = Plan.objects.filter(status="issued", issuing_unit=world.commune).latest("pk")
    task = Task.objects.filter(plan=issued).first()
    report = PeriodicReport.objects.get()
    own_registration = Registration.objects.filter(unit=world.other_department).first()
    common = [reverse("home"), reverse("tasks:task_calendar"), reverse("units:notification_list"), "/help/"]
    return {
        "canbo": [
            *common,
            issued.get_absolute_url(),
            reverse("tasks:task_detail", args=[task.pk]),
            report.get_absolute_url(),
            own_registration.get_absolute_url(),
            reverse("reports:dashboard"),
        ],
        "truongphong": [*common, reverse("tasks:task_detail", args=[task.pk]), own_registration.get_absolute_url()],
        "lanhdao": [*common, issued.get_absolute_url(), report.get_absolute_url(), reverse("reports:dashboard")],
        "giamsat": [*common, issued.get_absolute_url(), reverse("reports:rollup")],
    }[username]


@pytest.mark.parametrize("username", ["canbo", "truongphong", "lanhdao", "giamsat"])
def test_main_pages_fit_a_phone(world, lists, live_server, phone, username):
    """Given a role on a 390 px phone, each of its main pages fits the screen and shows its heading on it."""
    login(phone, live_server, username, TEST_PASSWORD)
    for path in pages_of(username, world):
        response = phone.goto(f"{live_server.url}{path}")
        assert response is not None and response.ok, f"{username} {path}: {response and response.status}"
        phone.wait_for_load_state()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{username} {path}: the page scrolls sideways ({width} px)"
        heading = phone.locator("main h1").first
        box = heading.bounding_box()
        assert heading.is_visible() and box and box["width"] > 0 and box["height"] > 0, f"{username} {path}: no heading"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{username} {path}: heading off screen"
