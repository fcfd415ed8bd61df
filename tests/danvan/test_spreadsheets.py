"""The shared Excel table: names Excel accepts, shortened where a word ends; formulas neutralised."""

import datetime

from danvan.spreadsheets import Column, new_workbook, sheet_name, table_sheet


def test_sheet_names_are_shortened_on_a_word_boundary():
    name = sheet_name("Nhiệm vụ chậm tiến độ của các phòng chuyên môn năm 2025")
    assert len(name) <= 31
    assert name == "Nhiệm vụ chậm tiến độ của các…"


def test_sheet_names_refuse_excel_characters_and_repeat_apart():
    assert sheet_name("Kế hoạch 31/KH-UBND [bản 2]") == "Kế hoạch 31 KH-UBND bản 2"
    assert sheet_name("Tổng hợp", taken=["Tổng hợp"]) == "Tổng hợp (2)"


def test_table_sheet_writes_dates_numbers_and_safe_text():
    workbook = new_workbook()
    sheet = table_sheet(
        workbook,
        "Danh sách",
        [Column("Ngày"), Column("Số"), Column("Nội dung")],
        [[datetime.date(2025, 9, 12), 7, '=HYPERLINK("http://x")']],
    )
    assert sheet["A4"].number_format == "dd/mm/yyyy"
    assert sheet["B4"].value == 7 and sheet["B4"].alignment.horizontal == "right"
    assert sheet["C4"].value.startswith("'=")
    assert sheet.freeze_panes == "A4"
