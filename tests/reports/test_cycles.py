"""Report cycles: the office asks every unit for its part, follows who sent, who is late, and reminds."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import services
from reports.choices import PartStatus
from tests.conftest import client_for
from units.models import Notification


@pytest.fixture
def cycle(world, seeded):
    """Given the office opened the H2 2025 cycle with a deadline of 15/12/2025."""
    return services.cycle_open(
        government=world.commune,
        period_kind="second_half",
        year=2025,
        deadline=datetime.date(2025, 12, 15),
        by=world.users["official"],
    )


def test_every_responsible_unit_gets_a_prefilled_part(world, cycle, seeded):
    """Then both departments have a part, pre-filled with the tasks they lead."""
    parts = {p.unit_id: p for p in cycle.parts.all()}
    assert set(parts) == {world.department.pk, world.other_department.pk}
    office_tasks = {row["id"] for row in parts[world.other_department.pk].task_progress}
    assert office_tasks == {seeded.tasks["late"].pk, seeded.tasks["late2"].pk}
    assert "đang thực hiện, 40%" in parts[world.other_department.pk].narrative
    assert (
        Notification.objects.filter(recipient=world.users["unit_head"], text__contains="đề nghị đơn vị nộp").count()
        == 1
    )


def test_unit_head_submits_office_returns(world, cycle, django_capture_on_commit_callbacks):
    """Given the unit head of Văn phòng, when they submit and the office returns, then the part is returned and they
    are told (after the commit, by the move's declaration)."""
    part = cycle.parts.get(unit=world.other_department)
    head = client_for(world.users["unit_head"])
    response = head.post(
        reverse("reports:part_edit", args=[part.pk]), {"narrative": "Đã hoàn thành phần lớn.", "version": part.version}
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == PartStatus.SUBMITTED and part.submitted_by == world.users["unit_head"]
    official = client_for(world.users["official"])
    with django_capture_on_commit_callbacks(execute=True):
        response = official.post(reverse("reports:part_return", args=[part.pk]), {"comment": "Bổ sung số liệu."})
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == PartStatus.RETURNED
    assert Notification.objects.filter(recipient=world.users["unit_head"], text__contains="trả lại").exists()
    page = official.get(cycle.get_absolute_url())
    assert page.context["counts"] == {"submitted": 0, "returned": 1, "late": 2, "total": 2}


def test_empty_narrative_is_refused(world, cycle):
    part = cycle.parts.get(unit=world.other_department)
    with pytest.raises(ValidationError):
        services.part_submit(part=part, by=world.users["unit_head"], narrative="  ", expected_version=None)


def test_remind_is_idempotent_per_day(world, cycle):
    """When the office reminds twice the same day, the unit head is told once."""
    first = services.cycle_remind(cycle=cycle, by=world.users["official"], today=datetime.date(2025, 12, 16))
    again = services.cycle_remind(cycle=cycle, by=world.users["official"], today=datetime.date(2025, 12, 16))
    assert first == 1 and again == 0
    assert Notification.objects.filter(recipient=world.users["unit_head"]).count() == 2  # opened, then reminded


def test_another_units_part_is_refused(world, cycle):
    """Given the part of Phòng Văn hóa, when the head of Văn phòng posts to it, then 404 (it is not theirs to see)."""
    part = cycle.parts.get(unit=world.department)
    response = client_for(world.users["unit_head"]).post(
        reverse("reports:part_edit", args=[part.pk]), {"narrative": "x", "version": part.version}
    )
    assert response.status_code == 404
    part.refresh_from_db()
    assert part.narrative != "x"


def test_same_period_twice_is_refused(world, cycle):
    with pytest.raises(ValidationError):
        services.cycle_open(
            government=world.commune,
            period_kind="second_half",
            year=2025,
            deadline=datetime.date(2025, 12, 15),
            by=world.users["official"],
        )


def test_report_compiles_the_units_parts(world, cycle):
    """Given Văn phòng sent its part, when the H2 2025 report is created, then its results quote the part."""
    part = cycle.parts.get(unit=world.other_department)
    services.part_submit(part=part, by=world.users["unit_head"], narrative="Tổ chức 3 hội nghị.", expected_version=None)
    report = services.report_create(
        unit=world.commune, period_kind="second_half", year=2025, by=world.users["official"]
    )
    assert f"- {world.other_department.name}: Tổ chức 3 hội nghị." in report.results


def test_unit_head_home_lists_the_part_to_send(world, cycle):
    """Given an open cycle, the unit head's home page links to their unit's part."""
    part = cycle.parts.get(unit=world.other_department)
    page = client_for(world.users["unit_head"]).get(reverse("home"))
    assert part.get_absolute_url() in page.content.decode()
