"""No narrative is lost: two people write the same report, or the same unit's part, and the second to save
is answered 409 with the first's text beside their own, both whole; the first's text is kept."""

import datetime
import re

import pytest
from django.urls import reverse

from reports import services
from reports.models import PeriodicReport, UnitPart
from tests.conftest import client_for
from tests.factories import UserFactory
from units.choices import Role

THEIRS = "Kết quả do người thứ nhất viết. " * 30 + "Hết phần người thứ nhất."
MINE = "Kết quả do người thứ hai viết. " * 30 + "Hết phần người thứ hai."


def opened_version(client, url: str) -> str:
    """Open the edit page as a person does and return the version its form carries."""
    return re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)


def conflict_columns(page: str) -> tuple[str, str]:
    """Return the two columns of the conflict box: the version saved by the other person, and the one sent."""
    saved = page[page.index("data-saved") : page.index("data-sent")]
    sent = page[page.index("data-sent") : page.index('class="small mt-2"')]
    return saved, sent


@pytest.fixture
def report(world, official):
    return services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)


@pytest.fixture
def second_official(world):
    return UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL)


@pytest.fixture
def part(world, official):
    """The part of Văn phòng HĐND và UBND (the unit head's unit) in the H2 2025 cycle."""
    cycle = services.cycle_open(
        government=world.commune,
        period_kind="second_half",
        year=2025,
        deadline=datetime.date(2025, 12, 15),
        by=official,
    )
    return cycle.parts.get(unit=world.other_department)


@pytest.fixture
def deputy(world):
    """A second head of the same unit."""
    return UserFactory(username="phophong", unit=world.other_department, role=Role.UNIT_HEAD)


def test_second_save_of_a_report_narrative_is_409_with_both_whole(report, official, second_official):
    """Given two officials with the report open, when both save its results, then the second gets 409 showing
    both texts to the last sentence, and the first's text is kept."""
    url = reverse("reports:report_edit", args=[report.pk])
    first, second = client_for(official), client_for(second_official)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    form = {"title": report.title, "limitations_and_causes": "", "proposals": ""}

    assert first.post(url, {**form, "results": THEIRS, "version": first_version}).status_code == 302
    stale = second.post(url, {**form, "results": MINE, "version": second_version})

    assert stale.status_code == 409
    saved, sent = conflict_columns(stale.content.decode())
    assert "Hết phần người thứ nhất." in saved and "người thứ hai" not in saved
    assert "Hết phần người thứ hai." in sent
    assert PeriodicReport.objects.get(pk=report.pk).results.endswith("Hết phần người thứ nhất.")


def test_second_head_sending_the_same_part_sees_both_narratives(part, unit_head, deputy):
    """Given two heads of one unit with its part open, when both send it, then the second gets 409 with the
    narrative already sent beside their own (whole), and the sent narrative is kept."""
    url = reverse("reports:part_edit", args=[part.pk])
    first, second = client_for(unit_head), client_for(deputy)
    first_version, second_version = opened_version(first, url), opened_version(second, url)

    assert first.post(url, {"narrative": THEIRS, "version": first_version}).status_code == 302
    stale = second.post(url, {"narrative": MINE, "version": second_version})

    assert stale.status_code == 409
    page = stale.content.decode()
    assert "vừa được người khác nộp" in page and "đã nộp nên không sửa được nữa" in page
    saved, sent = conflict_columns(page)
    assert "Hết phần người thứ nhất." in saved and "Hết phần người thứ hai." in sent
    assert UnitPart.objects.get(pk=part.pk).narrative.endswith("Hết phần người thứ nhất.")


def test_a_part_that_may_not_be_sent_stays_forbidden_to_others(part, official, deputy, unit_head):
    """Given a part already sent, when an official (not a head of the unit) posts to it, then it is 403 as before."""
    url = reverse("reports:part_edit", args=[part.pk])
    version = part.version
    assert client_for(unit_head).post(url, {"narrative": THEIRS, "version": version}).status_code == 302
    assert client_for(official).post(url, {"narrative": MINE, "version": version}).status_code == 403
