"""Rows 36-44 of docs/bad-inputs.md: dates, cross-field dates, progress percents, document numbers.

Each bad value goes through the page a person would use; the answer is a Vietnamese
field error, the stored record is left as it was, and never a 500.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.choices import PlanStatus, TaskStatus
from plans.models import Plan, ProgressUpdate, ReferenceDocument, Task
from plans.numbers import canonical_number
from plans.services import task_report_progress
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, PlanFactory, ReferenceDocumentFactory, TaskFactory

INVALID_DATE = "Nhập một ngày hợp lệ."  # Django's own message in its vi catalogue
OUT_OF_RANGE = "Ngày phải nằm trong khoảng 01/01/2000 đến 31/12/2100."
PERCENT_ERROR = "Tiến độ phải là số nguyên từ 0 đến 100"


# --- given ------------------------------------------------------------------------------------


@pytest.fixture
def draft(world, official):
    """A draft plan of the commune for the second half of 2025."""
    return PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        title="Kế hoạch công tác dân vận 6 tháng cuối năm 2025",
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 12, 31),
    )


@pytest.fixture
def task(world):
    """A deadline task of an issued plan (10/07/2025), led by the unit head's unit."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    return TaskFactory(
        plan=plan,
        lead_units=[world.other_department],
        content="Tổ chức hội nghị tuyên truyền",
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 12, 15),
    )


def plan_form(plan: Plan, **overrides) -> dict:
    """Return the POST data of the plan header form as the edit page sends it, with `overrides`."""
    return {
        "title": plan.title,
        "kind": plan.kind,
        "doc_type": plan.doc_type,
        "symbol": plan.symbol,
        "issuing_unit": plan.issuing_unit_id,
        "place_name": plan.place_name,
        "period_label": plan.period_label,
        "period_start": f"{plan.period_start:%d/%m/%Y}" if plan.period_start else "",
        "period_end": f"{plan.period_end:%d/%m/%Y}" if plan.period_end else "",
        "signature_authority": plan.signature_authority,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "recipients": plan.recipients,
        "version": Plan.objects.get(pk=plan.pk).version,
        **overrides,
    }


def stored_plan(plan: Plan) -> dict:
    return Plan.objects.filter(pk=plan.pk).values("title", "period_start", "period_end", "version", "status").get()


def stored_task(task: Task) -> dict:
    return Task.objects.filter(pk=task.pk).values("progress", "status", "last_reported_on").get()


def edit_plan(client, plan, **overrides):
    return client.post(reverse("plans:plan_edit", args=[plan.pk]), plan_form(plan, **overrides))


def report_progress(client, task, **data):
    fields = {"reported_on": "15/10/2025", "percent": "50", "text": "Đã tổ chức hội nghị.", **data}
    return client.post(reverse("tasks:task_progress", args=[task.pk]), fields)


# --- row 36: impossible dates -------------------------------------------------------------------

IMPOSSIBLE = pytest.mark.parametrize(
    "typed",
    ["31/02/2025", "29/02/2025", "00/01/2025", "32/12/2025"],
    ids=["31-february", "29-february-not-leap", "day-zero", "day-32"],
)


@IMPOSSIBLE
def test_row36_impossible_dates_are_refused_on_the_plan_page(draft, official, typed):
    """Given an impossible period start, the edit page says "Nhập một ngày hợp lệ." and saves nothing."""
    before = stored_plan(draft)
    response = edit_plan(client_for(official), draft, title="Tiêu đề không được lưu", period_start=typed)
    assert response.status_code == 400
    assert INVALID_DATE in response.content.decode()
    assert stored_plan(draft) == before


@IMPOSSIBLE
def test_row36_impossible_dates_are_refused_in_a_progress_report(task, unit_head, typed):
    response = report_progress(client_for(unit_head), task, reported_on=typed)
    assert response.status_code == 400
    assert INVALID_DATE in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task) == {"progress": 0, "status": TaskStatus.NOT_STARTED, "last_reported_on": None}


# --- row 37: day first ---------------------------------------------------------------------------


def test_row37_day_first_date_is_read_as_5_march(draft, official):
    """Given "05/03/2025", the plan starts on 5 March 2025 (not 3 May) and the page shows it back as typed."""
    client = client_for(official)
    response = edit_plan(client, draft, period_start="05/03/2025")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Plan.objects.get(pk=draft.pk).period_start == datetime.date(2025, 3, 5)
    assert 'value="05/03/2025"' in client.get(reverse("plans:plan_edit", args=[draft.pk])).content.decode()


def test_row37_day_first_report_date_is_read_as_5_march(world, unit_head):
    """A progress report dated "05/03/2026" is stored as 5 March 2026."""
    plan = IssuedPlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        issued_on=datetime.date(2026, 1, 5),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    response = report_progress(client_for(unit_head), task, reported_on="05/03/2026")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProgressUpdate.objects.get(task=task).reported_on == datetime.date(2026, 3, 5)


# --- row 38: other spellings and dates outside 2000-2100 ----------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2025-13-01", INVALID_DATE),
        ("1/1/25", INVALID_DATE),
        ("01/01/0001", OUT_OF_RANGE),
        ("31/12/9999", OUT_OF_RANGE),
    ],
    ids=["iso-month-13", "two-digit-year", "year-1", "year-9999"],
)
def test_row38_malformed_or_far_dates_are_refused(draft, official, typed, message):
    before = stored_plan(draft)
    response = edit_plan(client_for(official), draft, period_end=typed)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored_plan(draft) == before


# --- row 39: cross-field dates --------------------------------------------------------------------


def test_row39_plan_ending_before_it_starts_is_refused(draft, official):
    before = stored_plan(draft)
    response = edit_plan(client_for(official), draft, period_start="31/12/2025", period_end="01/07/2025")
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert stored_plan(draft) == before


def task_form(world, **overrides) -> dict:
    return {
        "content": "Tổ chức hội nghị tuyên truyền Quy chế dân chủ ở cơ sở",
        "lead_units": [world.department.pk],
        "timeframe_kind": "deadline",
        "due_date": "15/12/2025",
        **overrides,
    }


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"due_date": "15/01/2026"}, "Hạn nhiệm vụ không được sau ngày kết thúc của kế hoạch (31/12/2025)."),
        (
            {"timeframe_kind": "period", "start_date": "01/11/2025", "end_date": "01/10/2025", "due_date": ""},
            "Ngày kết thúc phải sau ngày bắt đầu.",
        ),
        (
            {"timeframe_kind": "period", "start_date": "01/11/2025", "end_date": "31/01/2026", "due_date": ""},
            "Hạn nhiệm vụ không được sau ngày kết thúc của kế hoạch (31/12/2025).",
        ),
    ],
    ids=["due-after-plan-end", "task-ends-before-it-starts", "task-ends-after-plan-end"],
)
def test_row39_task_dates_outside_the_plan_are_refused(world, draft, official, dates, message):
    before = stored_plan(draft)
    response = client_for(official).post(reverse("plans:task_add", args=[draft.pk]), task_form(world, **dates))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not draft.tasks.exists()
    assert stored_plan(draft) == before


@pytest.mark.parametrize(
    "write",
    [
        lambda plan, task: Plan.objects.filter(pk=plan.pk).update(period_end=datetime.date(2025, 6, 30)),
        lambda plan, task: Task.objects.filter(pk=task.pk).update(
            start_date=datetime.date(2025, 11, 1), end_date=datetime.date(2025, 10, 1)
        ),
    ],
    ids=["plan-period", "task-period"],
)
def test_row39_the_database_refuses_reversed_periods(world, draft, write):
    """The CHECK constraints are the backstop for any write that skips the forms (scripts, the admin, bugs)."""
    task = TaskFactory(plan=draft, lead_units=[world.department])
    with pytest.raises(IntegrityError), transaction.atomic():
        write(draft, task)


# --- row 40: percents out of range, not whole, not numbers -----------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", PERCENT_ERROR),
        ("101", PERCENT_ERROR),
        ("50.5", PERCENT_ERROR),
        ("NaN", PERCENT_ERROR),
        ("inf", PERCENT_ERROR),
        ("", "Trường này là bắt buộc."),
    ],
    ids=["minus-one", "over-100", "fraction", "nan", "infinity", "empty"],
)
def test_row40_bad_percents_are_a_field_error(task, unit_head, typed, message):
    response = report_progress(client_for(unit_head), task, percent=typed)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task)["progress"] == 0


@pytest.mark.parametrize("percent", [-1, 101], ids=["minus-one", "over-100"])
def test_row40_the_database_refuses_a_percent_outside_0_100(task, unit_head, percent):
    """Writing straight through the ORM (no form, no service) is stopped by the CHECK constraints."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(progress=percent)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(
            task=task, reported_on=datetime.date(2025, 10, 15), percent=percent, previous_percent=0, author=unit_head
        )
    assert stored_task(task)["progress"] == 0


@pytest.mark.parametrize("percent", [-1, 101, 50.5, float("nan"), float("inf"), "50", None])
def test_row40_the_service_refuses_what_is_not_a_whole_percent(task, unit_head, percent):
    """Scripts and the spreadsheet import call the service directly: it checks again."""
    with pytest.raises(ValidationError):
        task_report_progress(task=task, by=unit_head, reported_on=datetime.date(2025, 10, 15), percent=percent)
    assert not ProgressUpdate.objects.filter(task=task).exists()


# --- row 41: digits that are not ASCII ----------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["٥٠", "５０", "5_0", "۵۰", "५०"],
    ids=["arabic-indic", "fullwidth", "underscore", "persian", "devanagari"],
)
def test_row41_only_ascii_digits_make_a_percent(task, unit_head, typed):
    """Django's IntegerField would read each of these as 50; the progress form refuses them."""
    response = report_progress(client_for(unit_head), task, percent=typed)
    assert response.status_code == 400
    assert PERCENT_ERROR in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task)["progress"] == 0


# --- row 42: a closed plan; a lower percent ----------------------------------------------------


def test_row42_no_report_on_a_task_of_a_completed_plan(task, unit_head):
    Plan.objects.filter(pk=task.plan_id).update(status=PlanStatus.COMPLETED)
    client = client_for(unit_head)
    response = report_progress(client, task, percent="60")
    assert response.status_code == 403
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task)["progress"] == 0
    page = client.get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert reverse("tasks:task_progress", args=[task.pk]) not in page
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        task_report_progress(task=task, by=unit_head, reported_on=datetime.date(2025, 10, 15), percent=60)


def test_row42_lowering_80_to_30_needs_a_reason(task, unit_head):
    task_report_progress(task=task, by=unit_head, reported_on=datetime.date(2025, 10, 1), percent=80)
    client = client_for(unit_head)
    refused = report_progress(client, task, percent="30", text="   ")
    assert refused.status_code == 400
    assert "Tiến độ giảm từ 80% xuống 30%: cần ghi lý do" in refused.content.decode()
    assert stored_task(task)["progress"] == 80
    assert ProgressUpdate.objects.filter(task=task).count() == 1
    accepted = report_progress(client, task, percent="30", text="Hội nghị phải tổ chức lại do mưa bão.")
    assert accepted.status_code == 302
    assert stored_task(task)["progress"] == 30
    lowered = ProgressUpdate.objects.filter(task=task).latest("pk")
    assert (lowered.previous_percent, lowered.percent, lowered.lowered) == (80, 30, True)


# --- row 43: one canonical key for a document number -----------------------------------------

SPELLINGS = pytest.mark.parametrize(
    "typed",
    ["031/kh-ubnd ", "31/KH\u2013UBND", "31\uff0fKH-UBND", "31 / KH - UBND"],
    ids=["leading-zero-lower-case-trailing-space", "en-dash", "fullwidth-slash", "spaced"],
)


def add_reference(client, **fields):
    data = {"doc_type": "ke_hoach", "issuer": "UBND xã Thượng Hồng", "summary": "công tác dân vận năm 2025", **fields}
    return client.post(reverse("plans:reference_create"), data)


@pytest.fixture
def plan_31(db):
    """Plan 31/KH-UBND of 12/09/2025 of the commune, already in the catalogue."""
    return ReferenceDocumentFactory(
        doc_type="ke_hoach",
        number_symbol="31/KH-UBND",
        issued_on=datetime.date(2025, 9, 12),
        issuer="UBND xã Thượng Hồng",
    )


@SPELLINGS
def test_row43_every_spelling_has_one_canonical_key(typed):
    assert canonical_number(typed) == "31/KH-UBND"


@SPELLINGS
def test_row43_another_spelling_in_the_same_year_is_a_duplicate(official, plan_31, typed):
    """Given 31/KH-UBND of 12/09/2025, the same number typed otherwise and dated later in 2025 is refused."""
    response = add_reference(client_for(official), number_symbol=typed, issued_on="20/10/2025")
    assert response.status_code == 400
    assert "Văn bản này đã có trong danh mục" in response.content.decode()
    assert ReferenceDocument.objects.count() == 1


@SPELLINGS
def test_row43_the_same_number_next_year_is_another_document(official, plan_31, typed):
    response = add_reference(client_for(official), number_symbol=typed, issued_on="12/01/2026")
    assert response.status_code == 200, response.content.decode()
    added = ReferenceDocument.objects.exclude(pk=plan_31.pk).get()
    assert (added.number_key, added.issued_on) == ("31/KH-UBND", datetime.date(2026, 1, 12))


def test_row43_the_same_number_of_another_commune_is_another_document(official, plan_31):
    """Every commune's People's Committee numbers its plans "…/KH-UBND": the issuer tells them apart."""
    response = add_reference(
        client_for(official), number_symbol="31/KH-UBND", issued_on="20/10/2025", issuer="UBND xã Kim Thành"
    )
    assert response.status_code == 200, response.content.decode()
    assert ReferenceDocument.objects.filter(number_key="31/KH-UBND").count() == 2


# --- row 44: number patterns and document types ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "doc_type", "message"),
    [
        ("0/KH-UBND", "ke_hoach", "Số văn bản phải từ 1 trở lên."),
        ("-5/KH-UBND", "ke_hoach", "không đúng dạng văn bản"),
        ("31/KH-", "ke_hoach", "không đúng dạng văn bản"),
        ("31/XX-UBND", "ke_hoach", "Ký hiệu không khớp loại văn bản đã chọn"),
        ("31/2025/QĐ-UBND", "ke_hoach", "Ký hiệu không khớp loại văn bản đã chọn"),
        ("31/2024/QĐ-UBND", "quyet_dinh", "Năm 2024 trong số, ký hiệu khác năm ban hành (2025)."),
    ],
    ids=["number-zero", "negative", "no-issuer", "unknown-type", "decision-as-plan", "year-not-issue-year"],
)
def test_row44_numbers_that_do_not_fit_the_type_are_refused(official, typed, doc_type, message):
    response = add_reference(client_for(official), number_symbol=typed, doc_type=doc_type, issued_on="15/03/2025")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReferenceDocument.objects.exists()


@pytest.mark.parametrize(
    ("typed", "doc_type", "issued_on"),
    [
        ("31/2025/QĐ-UBND", "quyet_dinh", "15/03/2025"),
        ("3177/QĐ-UBND", "quyet_dinh", "06/08/2025"),
        ("178/2024/NĐ-CP", "nghi_dinh", "31/12/2024"),
        ("77/2015/QH13", "luat", "19/06/2015"),
        ("23-QĐ/TW", "quy_dinh", "30/07/2021"),
        ("01-CTr/BXDĐ-UBNDX", "chuong_trinh", "02/01/2025"),
        ("12/UBND-VP", "cong_van", "10/02/2025"),
    ],
    ids=["legal-decision", "decision", "decree", "law", "party-regulation", "joint-programme", "official-letter"],
)
def test_row44_numbers_in_the_official_patterns_are_accepted(official, typed, doc_type, issued_on):
    response = add_reference(client_for(official), number_symbol=typed, doc_type=doc_type, issued_on=issued_on)
    assert response.status_code == 200, response.content.decode()
    assert ReferenceDocument.objects.get().number_symbol == typed
