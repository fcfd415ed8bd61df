"""The register of outgoing documents: written with each number, read by the government's leaders and officials."""

import datetime
import io
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plans import services
from plans.models import Plan
from register.models import OutgoingEntry
from register.selectors import sequences
from reports import services as report_services
from tests.conftest import client_for
from units.models import Unit

ISSUE_DAY = datetime.date(2025, 9, 12)


def approved_plan(world, title="Kế hoạch thực hiện phong trào Dân vận khéo", recipients="UBND thành phố;\nLưu: VT."):
    official, leader = world.users["official"], world.users["leader"]
    plan = services.plan_create(by=official, issuing_unit=world.commune, title=title)
    Plan.objects.filter(pk=plan.pk).update(recipients=recipients)
    services.section_add(plan=plan, numbering="roman", heading="MỤC ĐÍCH, YÊU CẦU", text="")
    plan = services.plan_submit(plan=Plan.objects.get(pk=plan.pk), by=official)
    return services.plan_approve(plan=plan, by=leader)


def line(world, number, *, title="Kế hoạch", issued_on=ISSUE_DAY, unit=None, symbol="KH-UBND"):
    unit = unit or world.commune
    return OutgoingEntry.objects.create(
        issuing_unit=unit,
        year=issued_on.year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        doc_type="Kế hoạch",
        title=title,
        signer="Nguyễn Văn A",
        recipients="UBND thành phố;\nLưu: VT.",
        copies=2,
        content_type=ContentType.objects.get_for_model(Unit),
        object_id=number,
    )


def test_issuing_a_plan_writes_its_line_with_the_number(world):
    """Given an approved plan, when the leader issues it, then the register holds its line: number, date, recipients."""
    plan = services.plan_issue(plan=approved_plan(world), by=world.users["leader"], on=ISSUE_DAY)
    entry = OutgoingEntry.objects.get()
    assert (entry.reference, entry.issued_on, entry.year, entry.issuing_unit) == (
        "01/KH-UBND",
        ISSUE_DAY,
        2025,
        world.commune,
    )
    assert entry.document == plan
    assert (entry.doc_type, entry.title, entry.copies) == ("Kế hoạch", plan.title, 2)
    assert entry.recipient_list == ["UBND thành phố;", "Lưu: VT."]


def test_an_issuance_rolled_back_leaves_no_line_and_no_number(world):
    """Given an issuance whose transaction fails after the move, then neither the number nor its line remain."""
    plan = approved_plan(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.plan_issue(plan=plan, by=world.users["leader"], on=ISSUE_DAY)
        assert OutgoingEntry.objects.count() == 1
        raise RuntimeError("the server died before the commit")
    assert OutgoingEntry.objects.count() == 0
    assert Plan.objects.get(pk=plan.pk).number is None


def test_issuing_a_report_writes_its_line(world):
    official, leader = world.users["official"], world.users["leader"]
    report = report_services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    report = report_services.report_submit(report=report, by=official)
    report = report_services.report_approve(report=report, by=leader)
    report = report_services.report_issue(report=report, by=leader, on=ISSUE_DAY)
    entry = OutgoingEntry.objects.get()
    assert (entry.reference, entry.doc_type, entry.title, entry.document) == (
        "01/BC-UBND",
        "Báo cáo",
        report.title,
        report,
    )


def test_book_lists_the_lines_and_says_the_numbers_run_on(world):
    for number in (1, 2, 3):
        line(world, number, title=f"Kế hoạch số {number}")
    response = client_for(world.users["leader"]).get(reverse("register:book", args=[world.commune.pk, 2025]))
    page = response.content.decode()
    assert response.status_code == 200
    assert all(f"0{n}/KH-UBND" in page for n in (1, 2, 3))
    assert "số 01 đến 03, liên tục, không thiếu số" in page


def test_a_missing_number_is_shown_as_missing(world):
    for number in (1, 2, 4):
        line(world, number)
    assert sequences(world.commune, 2025)[0].missing == (3,)
    page = client_for(world.users["official"]).get(reverse("register:book", args=[world.commune.pk, 2025]))
    assert "thiếu 03/KH-UBND" in page.content.decode()


def test_search_ignores_diacritics(world):
    line(world, 1, title="Thực hiện phong trào Dân vận khéo")
    line(world, 2, title="Tuyên truyền bầu cử")
    url = reverse("register:book", args=[world.commune.pk, 2025])
    page = client_for(world.users["official"]).get(url, {"q": "dan van kheo"}).content.decode()
    assert "01/KH-UBND" in page and "02/KH-UBND" not in page


def test_the_book_page_runs_a_constant_number_of_queries(world):
    client = client_for(world.users["official"])
    url = reverse("register:book", args=[world.commune.pk, 2025])
    line(world, 1)
    client.get(url)
    from django.db import connection

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(2, 30):
        line(world, number)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_excel_holds_the_rows_of_the_page_as_real_dates_and_numbers(world):
    for number in (1, 2):
        line(world, number, title=f"Kế hoạch số {number}")
    response = client_for(world.users["official"]).get(reverse("register:book_xlsx", args=[world.commune.pk, 2025]))
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    ).active
    header = [cell.value for cell in sheet[3]]
    assert header[0] == "Số, ký hiệu văn bản" and header[5] == "Số lượng bản"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[0] for row in rows] == ["01/KH-UBND", "02/KH-UBND"]
    assert rows[0][1] == datetime.datetime(2025, 9, 12) and sheet["B4"].number_format == "dd/mm/yyyy"
    assert rows[0][5] == 2 and sheet["F4"].alignment.horizontal == "right"
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) and sheet.page_setup.orientation == "landscape"


def test_pdf_holds_the_same_rows(world, tmp_path):
    for number in (1, 2):
        line(world, number, title=f"Kế hoạch số {number}")
    response = client_for(world.users["leader"]).get(reverse("register:book_pdf", args=[world.commune.pk, 2025]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "book.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text
    assert "01/KH-UBND" in text and "02/KH-UBND" in text


def test_the_official_fills_copies_and_notes(world):
    entry = line(world, 1)
    client = client_for(world.users["official"])
    response = client.post(
        reverse("register:entry_edit", args=[entry.pk]), {"copies": "5", "notes": "Gửi qua bưu điện"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.copies, entry.notes) == (5, "Gửi qua bưu điện")
    refused = client.post(reverse("register:entry_edit", args=[entry.pk]), {"copies": "-1", "notes": ""})
    assert refused.status_code == 400


def test_another_government_sees_nothing_of_the_book(world):
    line(world, 1, unit=world.other_commune)
    assert (
        client_for(world.users["leader"]).get(reverse("register:book", args=[world.other_commune.pk, 2025])).status_code
        == 404
    )
    index = client_for(world.users["leader"]).get(reverse("register:index")).content.decode()
    assert world.other_commune.name not in index
