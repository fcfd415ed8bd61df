"""The periodic report as an official PDF (BÁO CÁO) and as an Excel workbook of the same figures.

Both walk `figure_tables`, built from the report's CommuneFigures, so the PDF,
the workbook and the detail page print the same numbers in the same order.
"""

from dataclasses import dataclass
from decimal import Decimal

from danvan.documents import render_pdf
from danvan.issued import IssuedCopy
from danvan.spreadsheets import (
    Column,
    day_or_text,
    new_workbook,
    ready_to_print,
    safe_cell,
    table_sheet,
    workbook_bytes,
)
from plans.exports.printed import DRAFT_MARK, END_OF_BODY, MOTTO, NATIONAL_NAME, agency_lines, enumerate_items, lines
from plans.numbers import document_number, place_and_date
from reports.choices import REPORT_SYMBOL, ReportStatus
from reports.models import PeriodicReport
from reports.selectors import CommuneFigures
from reports.services import report_figures


@dataclass
class Table:
    """One table of figures: a title, column headings and rows of cells."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]
    empty: str = "Không có số liệu trong kỳ."

    @property
    def numeric_columns(self) -> set[int]:
        """Return the indexes of the columns holding only numbers, printed right-aligned."""
        return {
            index
            for index in range(len(self.columns))
            if self.rows
            and all(isinstance(row[index], int | float | Decimal) or row[index] in ("", None) for row in self.rows)
            and any(row[index] not in ("", None) for row in self.rows)
        }


def figure_tables(f: CommuneFigures) -> list[Table]:
    """Return the report's tables, in order, from its figures."""
    s = f.summary
    return [
        Table(
            "summary",
            "Số liệu tổng hợp",
            ["Chỉ tiêu", "Số liệu"],
            [
                ["Kế hoạch ban hành trong kỳ", s["plans_issued"]],
                ["Tổng số nhiệm vụ", s["tasks_total"]],
                ["Nhiệm vụ đã hoàn thành", s["tasks_done"]],
                ["Tỷ lệ hoàn thành (%)", s["tasks_done_percent"]],
                ["Nhiệm vụ chậm so với thời hạn", s["tasks_late"]],
                ["Mô hình, điển hình đăng ký", s["registrations"]],
                ["Mô hình được công nhận", s["recognized"]],
                ["Đơn vị tham gia phong trào", s["eligible"]],
                ["Đơn vị có mô hình được chấp nhận", s["counted"]],
                ["Tỷ lệ đơn vị có mô hình (%)", s["coverage_percent"]],
            ],
        ),
        Table(
            "plans_issued",
            "Kế hoạch ban hành trong kỳ",
            ["Số, ký hiệu", "Ngày ban hành", "Trích yếu"],
            [[p["reference"], p["issued_on"], p["title"]] for p in f.plans_issued],
        ),
        Table(
            "tasks_by_status",
            "Nhiệm vụ theo tình trạng",
            ["Tình trạng", "Số nhiệm vụ"],
            [[r["label"], r["n"]] for r in f.tasks_by_status] + [["Tổng số", s["tasks_total"]]],
        ),
        Table(
            "tasks_by_unit",
            "Nhiệm vụ theo đơn vị chủ trì",
            ["Đơn vị chủ trì", "Tổng số", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Chậm"],
            [
                [r["unit"], r["total"], r["done"], r["in_progress"], r["not_started"], r["late"]]
                for r in f.tasks_by_unit
            ],
        ),
        Table(
            "plan_progress",
            "Tiến độ thực hiện các kế hoạch",
            ["Kế hoạch", "Trích yếu", "Số nhiệm vụ", "Hoàn thành", "Chậm", "Tiến độ bình quân (%)"],
            [[p["reference"], p["title"], p["total"], p["done"], p["late"], p["progress"]] for p in f.plan_progress],
        ),
        Table(
            "late_tasks",
            "Nhiệm vụ chậm so với thời hạn",
            ["Nhiệm vụ", "Kế hoạch", "Đơn vị chủ trì", "Hạn", "Số ngày chậm"],
            [[t["content"], t["plan"], t["units"], t["due"], t["days_late"]] for t in f.late_tasks],
            empty="Không có nhiệm vụ chậm so với thời hạn.",
        ),
        Table(
            "models_by_field",
            "Mô hình “Dân vận khéo” theo lĩnh vực",
            ["Lĩnh vực", "Số mô hình"],
            [[r["field"], r["n"]] for r in f.models_by_field],
        ),
        Table(
            "models_by_status",
            "Mô hình theo trạng thái",
            ["Trạng thái", "Số mô hình"],
            [[r["label"], r["n"]] for r in f.models_by_status if r["n"]],
        ),
        Table(
            "models_by_level",
            "Mô hình được công nhận theo cấp",
            ["Cấp công nhận", "Số mô hình"],
            [[r["label"], r["n"]] for r in f.models_by_level if r["n"]],
        ),
        Table(
            "coverage",
            "Kết quả so với chỉ tiêu phong trào",
            ["Phong trào", "Đơn vị tham gia", "Có mô hình", "Chỉ tiêu (%)", "Chỉ tiêu (đơn vị)", "Đạt (%)"],
            [
                [c["name"], c["eligible"], c["counted"], c["target_percent"], c["target_units"], c["share"]]
                for c in f.coverage
            ],
        ),
        Table(
            "exemplars",
            "Mô hình tiêu biểu",
            ["Mô hình", "Đơn vị", "Lĩnh vực", "Cấp công nhận"],
            [[e["name"], e["unit"], e["field"], e["level"]] for e in f.exemplars],
            empty="Chưa có mô hình tiêu biểu.",
        ),
        Table(
            "commendations",
            "Khen thưởng",
            ["Mô hình", "Đơn vị", "Hình thức", "Quyết định", "Ngày"],
            [[c["name"], c["unit"], c["form"], c["decision"], c["date"]] for c in f.commendations],
            empty="Chưa có khen thưởng.",
        ),
    ]


def report_filename(report: PeriodicReport, extension: str) -> str:
    number = f"{report.number:02d}-{REPORT_SYMBOL}" if report.number else "Du thao"
    return f"Bao cao {number} {report.title}.{extension}"


def addressee_lines(text: str) -> list[str]:
    """Return the "Kính gửi" lines (ô 9a): one body on the label's line, several as "- …;" items ending "."."""
    bodies = lines(text)
    if len(bodies) == 1:
        return [f"Kính gửi: {enumerate_items(bodies)[0]}"]
    return enumerate_items(bodies, prefix="- ")


def print_context(report: PeriodicReport) -> dict:
    """Return what the printed BÁO CÁO shows: the state-format header, the narrative, the tables, the signature.

    "Như trên" in Nơi nhận stands for the bodies under "Kính gửi", so it is printed only when there are some.
    """
    figures = report_figures(report)
    unit = report.unit
    addressees = lines(report.addressees)
    tables = figure_tables(figures)
    if not tables[-1].rows:  # the body ends with the last table's sentence: "Chưa có khen thưởng./."
        tables[-1].empty = tables[-1].empty.rstrip(".") + END_OF_BODY
    return {
        "report": report,
        "figures": figures,
        "tables": tables,
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "draft": report.status != ReportStatus.ISSUED,
        "draft_mark": DRAFT_MARK,
        "agency_lines": agency_lines(unit.name),
        "number_line": document_number(report.number, REPORT_SYMBOL),
        "date_line": place_and_date(unit.place_name, report.issued_on),
        "sections": [
            ("I. KẾT QUẢ ĐẠT ĐƯỢC", lines(report.results)),
            ("II. HẠN CHẾ, NGUYÊN NHÂN", lines(report.limitations_and_causes)),
            ("III. PHƯƠNG HƯỚNG, ĐỀ XUẤT, KIẾN NGHỊ", lines(report.proposals)),
        ],
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "signer_name": report.signer_name,
        "addressees": addressee_lines(report.addressees),
        "recipients": (["Như trên;"] if addressees else []) + ["Lưu: VT."],
        "end_mark": END_OF_BODY,
    }


def render_report_pdf(report: PeriodicReport) -> bytes:
    """Render the report as it prints now (draft mark and blank number until it is issued)."""
    return render_pdf("reports/print/report.html", print_context(report))


ISSUED_COPY = IssuedCopy(
    model=PeriodicReport,
    render=render_report_pdf,
    is_issued=lambda report: report.status == ReportStatus.ISSUED,
    path=lambda report, digest: f"reports/issued/{report.number_year}/{report.pk}-{digest[:16]}.pdf",
    label=lambda report: report.reference,
)


def report_pdf(report: PeriodicReport) -> bytes:
    """Return the PDF to hand out: the copy stored at issuance (the record), or a fresh render of a draft."""
    return ISSUED_COPY.pdf(report)


def report_xlsx(report: PeriodicReport) -> bytes:
    """Return the workbook of the report's figures: one sheet per table, as the PDF prints them.

    Each sheet is titled with the report, notes the government and period, and holds the
    table with real dates and numbers (danvan/spreadsheets.py), ready to print on A4.
    """
    figures = report_figures(report)
    workbook = new_workbook()
    for number, table in enumerate(figure_tables(figures), 1):
        rows = [[day_or_text(value) for value in row] for row in table.rows] or [[table.empty]]
        table_sheet(
            workbook,
            f"{report.reference} {report.title}",
            [Column(header) for header in table.columns],
            rows,
            note=f"{figures.government_name}, {figures.period_label}: {table.title}",
            tab=f"{number:02d} {table.title}",
        )
    return workbook_bytes(workbook)


# The roll-up's columns, as on the page (reports/rollup.html): header, row key, width.
ROLLUP_COLUMNS = [
    ("Xã, phường", "name", 40),
    ("Kế hoạch ban hành", "plans_issued", 12),
    ("Nhiệm vụ", "tasks_total", 12),
    ("Hoàn thành (%)", "tasks_done_percent", 12),
    ("Chậm", "tasks_late", 10),
    ("Mô hình", "registrations", 10),
    ("Được công nhận", "recognized", 12),
    ("Đơn vị có mô hình (%)", "coverage_percent", 14),
]


def rollup_xlsx(*, government, period, rows: list[dict], totals: dict, today, **_) -> bytes:
    """Return the supervisor's roll-up as a workbook: the page's rows, columns and totals, dates as dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp các xã, phường"
    sheet.append([safe_cell(f"Các xã, phường thuộc {government.name}: {period.label}")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Từ ngày", period.start, "đến ngày", period.end, "Ngày xuất", today])
    for column in ("B", "D", "F"):
        sheet[f"{column}2"].number_format = "dd/mm/yyyy"
    sheet.append([])
    sheet.append([header for header, _key, _width in ROLLUP_COLUMNS])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(row[key]) for _header, key, _width in ROLLUP_COLUMNS])
    sheet.append([f"Cộng {len(rows)} xã, phường", *(totals.get(key) for _header, key, _width in ROLLUP_COLUMNS[1:])])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for index, (_header, _key, width) in enumerate(ROLLUP_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    ready_to_print(sheet, sheet["A1"].value, header_row=4, columns=len(ROLLUP_COLUMNS), freeze_column=2)
    return workbook_bytes(workbook)
