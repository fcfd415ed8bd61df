"""A document the portal already holds (same unit, type, number and year) is refused at upload, before any draft."""

import datetime

import pytest

from danvan.jobs import JobStatus
from plans.choices import PlanStatus
from plans.demo import SEEDS
from plans.importing.persist import PlanAlreadyHeldError, import_confirm_issued, plan_import_file
from plans.models import ImportRecord, Plan
from tests.conftest import client_for
from tests.plans.import_upload import upload_plan_file

THUONG_HONG = (SEEDS / "thuong-hong-2025-dan-van-kheo.txt").read_bytes()
# The same document (31/KH-UBND of 12/09/2025) saved again: other bytes, so the file hash does not catch it.
RESAVED = THUONG_HONG.replace(b"\n", b"\r\n") + b"\n"


def do_import(unit, official, data=THUONG_HONG):
    return plan_import_file(data=data, filename="ke-hoach.txt", issuing_unit=unit, by=official, record_issued=False)


def test_second_file_of_a_draft_import_is_refused_before_any_draft(world, official):
    """Given document 31/2025 imported and waiting as a draft, when another file of it is imported,
    then it is refused with the existing plan, and no plan or import record is added."""
    first = do_import(world.commune, official)
    with pytest.raises(PlanAlreadyHeldError, match="31/KH-UBND năm 2025") as caught:
        do_import(world.commune, official, data=RESAVED)
    assert caught.value.plan == first.plan
    assert list(Plan.objects.values_list("pk", flat=True)) == [first.plan.pk]
    assert ImportRecord.objects.count() == 1


def test_document_already_issued_in_the_portal_is_refused(world, official):
    """Given the imported draft confirmed as issued 31/2025, when the document is imported again,
    then it is refused with that plan."""
    issued = import_confirm_issued(record=do_import(world.commune, official), by=official)
    with pytest.raises(PlanAlreadyHeldError) as caught:
        do_import(world.commune, official, data=RESAVED)
    assert caught.value.plan == issued
    assert Plan.objects.count() == 1


def test_plan_issued_in_the_portal_with_that_number_holds_the_document(world, official):
    """Given a plan written in the portal and issued as 31 of 2025, when a file numbered 31/2025 is imported,
    then it is refused, pointing at that plan."""
    from tests.factories import PlanFactory

    written = PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        status=PlanStatus.ISSUED,
        number=31,
        year=2025,
        issued_on=datetime.date(2025, 9, 12),
    )
    with pytest.raises(PlanAlreadyHeldError) as caught:
        do_import(world.commune, official)
    assert caught.value.plan == written
    assert Plan.objects.count() == 1


def test_same_number_of_another_year_or_unit_is_imported(world, official):
    """Given document 31/2025 held by our commune, when 31/2026 or another commune's 31/2025 is imported,
    then each becomes its own draft."""
    do_import(world.commune, official)
    next_year = THUONG_HONG.replace("ngày 12 tháng 9 năm 2025".encode(), "ngày 12 tháng 9 năm 2026".encode())
    other = do_import(world.other_commune, official, data=RESAVED)
    assert other.plan.issuing_unit == world.other_commune
    later = do_import(world.commune, official, data=next_year)
    assert later.detected_date.year == 2026
    assert Plan.objects.count() == 3


def test_upload_of_a_held_document_fails_the_job_naming_the_plan(world, official):
    """Given document 31/2025 imported once, when the official uploads another file of it,
    then its import job fails with the reason and the existing plan's title, and no draft is made."""
    client = client_for(official)
    _, first_job = upload_plan_file(client, "kh-31.txt", THUONG_HONG)
    assert first_job.status == JobStatus.DONE
    plan = Plan.objects.get()

    response, job = upload_plan_file(client, "kh-31 (1).txt", RESAVED)

    assert job != first_job and job.status == JobStatus.FAILED
    assert "Cổng đã có văn bản số 31/KH-UBND năm 2025" in job.message and plan.title in job.message
    assert job.message in client.get(response["Location"]).content.decode()
    assert list(Plan.objects.values_list("pk", flat=True)) == [plan.pk]
    assert ImportRecord.objects.count() == 1
