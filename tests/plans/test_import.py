"""Importing plan documents: the file service, the command, and the inputs it must refuse."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from plans.choices import PlanStatus
from plans.demo import SEEDS
from plans.importing import DocumentImportError
from plans.importing.mapping import classify_timeframe, guess_unit_kind
from plans.importing.persist import AlreadyImportedError, import_confirm_issued, plan_import_file
from plans.models import ImportRecord, Plan

THUONG_HONG = (SEEDS / "thuong-hong-2025-dan-van-kheo.txt").read_bytes()


def do_import(world, official, data=THUONG_HONG, filename="ke-hoach.txt", record_issued=False):
    return plan_import_file(
        data=data, filename=filename, issuing_unit=world.commune, by=official, record_issued=record_issued
    )


def test_web_import_keeps_a_numbered_document_as_draft_until_confirmed(world, official):
    record = do_import(world, official)
    plan = record.plan
    assert plan.status == PlanStatus.DRAFT
    assert (record.detected_number, record.detected_date) == (31, datetime.date(2025, 9, 12))
    assert plan.bases.count() == 4 and plan.tasks.count() >= 7 and plan.signer_name == "Hà Thị Thủy"
    issued = import_confirm_issued(record=record, by=official)
    assert (issued.status, issued.reference, issued.issued_on) == (
        PlanStatus.ISSUED,
        "31/KH-UBND",
        datetime.date(2025, 9, 12),
    )
    with pytest.raises(ValidationError):
        import_confirm_issued(record=record, by=official)


def test_units_named_in_the_document_are_matched_or_created_for_review(world, official):
    record = do_import(world, official)
    created = {unit.name for unit in record.created_units.all()}
    assert "Trung tâm Văn hóa Thể thao và Truyền thông" in created
    assert all(unit.parent == world.commune for unit in record.created_units.all())
    assert record.plan.tasks.filter(lead_units__isnull=False).exists()


def test_same_file_twice_is_already_imported(world, official):
    do_import(world, official)
    with pytest.raises(AlreadyImportedError, match="đã được nhập"):
        do_import(world, official)
    assert Plan.objects.count() == 1


def test_number_clash_is_reported_not_overwritten(world, official):
    """Given an imported draft numbered 31, when another plan of the unit is issued as 31 of 2025 before the
    official confirms the draft, then the confirmation is refused and the draft stays a draft."""
    from tests.factories import PlanFactory

    record = do_import(world, official)
    PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        status=PlanStatus.ISSUED,
        number=31,
        year=2025,
        issued_on=datetime.date(2025, 9, 1),
    )
    with pytest.raises(ValidationError, match="đã được dùng"):
        import_confirm_issued(record=record, by=official)
    assert Plan.objects.get(pk=record.plan.pk).status == PlanStatus.DRAFT


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for index in range(2_100):
            archive.writestr(f"word/x{index}.xml", "")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "rong.txt"),
        ("BÁO CÁO\nKết quả công tác dân vận 6 tháng đầu năm 2025.\nI. KẾT QUẢ".encode(), "bao-cao.txt"),
        (b"%PDF-1.4 not really", "hong.pdf"),
        (b"MZ\x90\x00 this is an exe", "ke-hoach.docx"),
        (zip_bomb(), "bom.docx"),
        ("KÕ ho¹ch tuyªn truyÒn c«ng t¸c d©n vËn n¨m 2025 cña ñy ban nh©n d©n x·".encode("latin-1"), "tcvn3.txt"),
    ],
    ids=["empty", "not a plan", "corrupt pdf", "exe renamed docx", "zip bomb", "legacy encoding"],
)
def test_bad_files_get_a_vietnamese_message_and_create_nothing(world, official, data, filename):
    with pytest.raises((DocumentImportError, ValidationError)) as caught:
        do_import(world, official, data=data, filename=filename)
    message = getattr(caught.value, "message", None) or " ".join(caught.value.messages)
    assert message and any(ch in message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    assert not Plan.objects.exists() and not ImportRecord.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(world, official):
    with pytest.raises(ValidationError, match="10 MB"):
        do_import(world, official, data=b"x" * (10 * 1024 * 1024 + 1))


def test_import_plan_command_records_issued_and_prints_what_it_made(world, official, tmp_path, capsys):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(THUONG_HONG)
    call_command("import_plan", str(path), unit=world.commune.pk, user=official.username)
    out = capsys.readouterr().out
    assert "31/KH-UBND" in out and "Đã ban hành" in out and "nhiệm vụ: 7" in out
    with pytest.raises(CommandError, match="đã được nhập"):
        call_command("import_plan", str(path), unit=world.commune.pk, user=official.username)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thường xuyên", {"timeframe_kind": "regular"}),
        ("Khi có chỉ đạo của Trung ương và thành phố", {"timeframe_kind": "when_directed"}),
        ("Trước ngày 15/12/2025", {"timeframe_kind": "deadline", "due_date": datetime.date(2025, 12, 15)}),
        (
            "giai đoạn 2025-2030",
            {
                "timeframe_kind": "period",
                "start_date": datetime.date(2025, 1, 1),
                "end_date": datetime.date(2030, 12, 31),
            },
        ),
        ("Hằng quý", {"timeframe_kind": "recurring", "recurrence": "quarterly"}),
    ],
)
def test_timeframe_text_is_classified(text, expected):
    assert classify_timeframe(text) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Phòng Kinh tế", "department"),
        ("Trạm Y tế xã", "service_unit"),
        ("Hội Nông dân xã", "mass_org"),
        ("các phòng, đơn vị", None),
    ],
)
def test_unit_kind_is_guessed_from_the_name(name, kind):
    assert guess_unit_kind(name) == kind


def test_upload_review_and_confirm_on_the_web(world, official):
    from django.urls import reverse

    from danvan.jobs import JobStatus
    from tests.conftest import client_for
    from tests.plans.import_upload import upload_plan_file

    client = client_for(official)
    response, job = upload_plan_file(client, "ke-hoach-31.txt", THUONG_HONG)
    record = ImportRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.DONE and job.result_url() == reverse("plans:import_review", args=[record.pk])
    review = client.get(job.result_url()).content.decode()
    assert "Văn bản gốc" in review and "Cần kiểm tra" in review and "Xác nhận đã ban hành số 31/KH-UBND" in review
    confirmed = client.post(reverse("plans:import_confirm", args=[record.pk]))
    assert confirmed.status_code == 302
    assert Plan.objects.get().status == PlanStatus.ISSUED


def test_upload_of_a_bad_file_fails_the_job_with_the_reason(world, official):
    from danvan.jobs import JobStatus
    from tests.conftest import client_for
    from tests.plans.import_upload import upload_plan_file

    client = client_for(official)
    response, job = upload_plan_file(client, "scan.pdf", b"%PDF-1.4\n%%EOF")
    assert job.status == JobStatus.FAILED
    assert "không đọc được" in job.message.lower() or "PDF" in job.message
    assert job.message in client.get(response["Location"]).content.decode()
    assert not Plan.objects.exists()


def test_review_of_another_communes_import_is_404(world, official, supervisor):
    from django.urls import reverse

    from tests.conftest import client_for

    record = plan_import_file(
        data=THUONG_HONG, filename="a.txt", issuing_unit=world.other_commune, by=official, record_issued=False
    )
    assert client_for(official).get(reverse("plans:import_review", args=[record.pk])).status_code == 404
