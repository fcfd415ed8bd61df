"""Bad inputs 1-14 of docs/bad-inputs.md: lengths, invisible and control characters, Unicode forms, look-alikes.

Every test goes through the pages a person uses (the plan, registration, campaign and reference
forms; the admin for the names of units and people), then reads back what was stored and what
the page, the download headers and the PDF show. The PDF is rendered once for the module
(`printed`), holding every hostile string whose printing matters.
"""

import datetime
import json
import logging
import re
import unicodedata
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from danvan.models import AuditEntry
from models_registry.models import Campaign, EvidenceFile, Field, Registration
from plans.models import Plan, ReferenceDocument
from tests.conftest import client_for
from tests.documents.pdftools import normalise, page_sizes, pdf_text, requires_poppler
from tests.factories import CityFactory, CommuneFactory, DepartmentFactory, PlanFactory, UserFactory
from tests.models_registry.conftest import REGISTRATION_FIELDS, campaign, draft, field  # noqa: F401 (fixtures)
from tests.models_registry.test_views import TWO_INDICATORS, form_data
from units.choices import Role, UnitKind
from units.models import Unit, User

# The module's PDF is built in a module-scoped fixture: the marker makes pytest-django set up the
# test database even when only the PDF tests are selected.
pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
DIRECTION_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff"]
COMBINING_RUN = re.compile(r"[\u0300-\u036f]{3,}")
HEBREW = ("שלום", "עולם")
ARABIC = ("مرحبا", "بالعالم")


def plan_data(world, **overrides) -> dict:
    """Return the POST data of the plan header form, for creating or editing a plan of our commune."""
    return {
        "title": "Kế hoạch tuyên truyền công tác dân vận năm 2025",
        "kind": "propaganda",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuing_unit": world.commune.pk,
        "place_name": "Thượng Hồng",
        "recipients": "Lưu: VT.",
        **overrides,
    }


def saved_plan(world, official, **fields) -> Plan:
    return PlanFactory(
        issuing_unit=world.commune, created_by=official, title="Bản đã lưu", intro="Câu dẫn đã lưu", **fields
    )


def snapshot(plan: Plan) -> dict:
    """Return the stored fields of `plan` that an edit could change."""
    plan = Plan.objects.get(pk=plan.pk)
    return {name: getattr(plan, name) for name in ("title", "intro", "symbol", "signer_name", "version", "status")}


def post_edit(client, plan: Plan, world, **overrides):
    return client.post(reverse("plans:plan_edit", args=[plan.pk]), plan_data(world, version=plan.version, **overrides))


def campaign_data(world, **overrides) -> dict:
    return {
        "name": "Phong trào thi đua “Dân vận khéo” năm 2026",
        "year": 2026,
        "registration_deadline": "30/09/2026",
        "report_deadline": "15/12/2026",
        "target_percent": 100,
        "eligible_units": [world.department.pk, world.other_department.pk],
        "offered_fields": [f.pk for f in Field.objects.filter(owner__isnull=True)],
        **overrides,
    }


def site_admin() -> User:
    return UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)


def unit_admin_data(world, **overrides) -> dict:
    """Return the POST data of the admin's "add unit" form: a new department of our commune."""
    return {
        "name": "Ban Quản lý chợ",
        "short_name": "",
        "abbreviation": "QLC",
        "place_name": "",
        "kind": UnitKind.DEPARTMENT,
        "position": 0,
        "parent": world.commune.pk,
        "active_from": "",
        "active_to": "",
        **overrides,
    }


def user_admin_data(world, **overrides) -> dict:
    """Return the POST data of the admin's "add user" form: an official without a password yet."""
    return {
        "username": "canbomoi",
        "usable_password": "false",
        "password1": "",
        "password2": "",
        "full_name": "Nguyễn Văn An",
        "unit": world.department.pk,
        "role": Role.OFFICIAL,
        "position": "Chuyên viên",
        **overrides,
    }


# --- one PDF for the whole module --------------------------------------------------------------


@dataclass
class Printed:
    """What a plan full of hostile text became: stored, on its page, in its download and in its PDF."""

    title: str
    intro: str
    heading: str
    page: str
    disposition: str
    header_lines: list[str]
    cookies: list[str]
    status: int
    text: str
    sizes: list[tuple[float, float]]
    audit: list[str]
    logs: list[str]


ZALGO_HEADING = "Ca" + "\u0301" * 50 + "nh báo sớm"
PRINTED_TITLE = "Kế hoạch thử\x01 màu\x1b[31m đỏ\x7f\r\nSet-Cookie: evil=1"
PRINTED_INTRO = (
    f"Câu dẫn\x01 có\x1b[31m mã\x7f điều khiển.\nTiếng Do Thái: {' '.join(HEBREW)}\nTiếng Ả Rập: {' '.join(ARABIC)}"
)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(self.format(record))


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker) -> Printed:
    """Create a plan through the forms with control characters, CRLF, RTL text and 50 combining marks, print it.

    Built once per module in a transaction that is rolled back; only plain values leave it.
    """
    handler = _Records()
    root = logging.getLogger()
    loggers = [root, logging.getLogger("django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            city = CityFactory()
            commune = CommuneFactory(parent=city, place_name="Thượng Hồng")
            official = UserFactory(unit=DepartmentFactory(parent=commune), role=Role.OFFICIAL)
            client = client_for(official)
            response = client.post(
                reverse("plans:plan_create"),
                {
                    "title": PRINTED_TITLE,
                    "kind": "other",
                    "doc_type": "KH",
                    "issuing_unit": commune.pk,
                    "intro": PRINTED_INTRO,
                },
            )
            assert response.status_code == 302, response.content.decode()[:3000]
            plan = Plan.objects.get()
            response = client.post(
                reverse("plans:section_add", args=[plan.pk]),
                {"numbering": "roman", "heading": ZALGO_HEADING, "text": "Nội dung sau tiêu đề."},
            )
            assert response.status_code == 302, response.content.decode()[:3000]
            plan.refresh_from_db()
            page = client.get(plan.get_absolute_url()).content.decode()
            download = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
            result = Printed(
                title=plan.title,
                intro=plan.intro,
                heading=plan.sections.get().heading,
                page=page,
                disposition=download["Content-Disposition"],
                header_lines=[f"{name}: {value}" for name, value in download.items()],
                cookies=list(download.cookies),
                status=download.status_code,
                text=pdf_text(download.content) if download.status_code == 200 else "",
                sizes=page_sizes(download.content) if download.status_code == 200 else [],
                audit=list(AuditEntry.objects.values_list("summary", flat=True)),
                logs=handler.messages,
            )
            transaction.set_rollback(True)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
    return result


# --- row 1: a 10,001-character title ------------------------------------------------------------


def test_row01_long_plan_title_is_a_form_error(world, official):
    """Given a 10,001-character title (the limit is 500), the form says so and nothing is created, on SQLite too."""
    response = client_for(official).post(reverse("plans:plan_create"), plan_data(world, title="x" * 10_001))
    assert response.status_code == 400
    assert "tối đa 500 kí tự (hiện có 10001)" in response.content.decode()
    assert not Plan.objects.exists()


def test_row01_long_title_on_edit_keeps_the_saved_plan(world, official):
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, title="x" * 10_001)
    assert response.status_code == 400
    assert "tối đa 500 kí tự" in response.content.decode()
    assert snapshot(plan) == before


def test_row01_long_registration_name_is_a_form_error(campaign, field, unit_head):
    """The registration's model name is limited to 255 characters, the limit of the table row."""
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name="Mô hình " * 1250 + "x"),
    )
    assert response.status_code == 400
    assert "tối đa 255 kí tự (hiện có 10001)" in response.content.decode()
    assert not Registration.objects.exists()


# --- row 2: a 5 MB text area ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_row02_five_megabyte_text_area_is_a_400_and_the_plan_is_kept(world, official, encoding):
    """Given 5 MB in the introduction (requests are capped at 4 MB), the answer is 400 and the plan unchanged."""
    plan = saved_plan(world, official)
    before = snapshot(plan)
    data = plan_data(world, version=plan.version, intro="Nội dung " * 600_000)
    url = reverse("plans:plan_edit", args=[plan.pk])
    client = client_for(official)
    if encoding == "urlencoded":
        from urllib.parse import urlencode

        response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(url, data)
    assert response.status_code == 400
    assert snapshot(plan) == before


def test_row02_text_area_over_its_limit_is_a_form_error_and_the_plan_is_kept(world, official):
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, intro="x" * 20_001)
    assert response.status_code == 400
    assert "tối đa 20000 kí tự (hiện có 20001)" in response.content.decode()
    assert snapshot(plan) == before


# --- row 3: a NUL character ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "intro", "symbol", "signer_name"])
def test_row03_null_character_is_refused_in_vietnamese(world, official, name):
    """Given "a\\x00b" in any text field, Django's null-character validator answers and the plan is kept.

    Django has no Vietnamese for this message; locale/vi/LC_MESSAGES/django.po gives it.
    """
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, **{name: "a\x00b"})
    assert response.status_code == 400
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
    assert snapshot(plan) == before


def test_row03_null_character_in_a_registration_creates_nothing(campaign, field, unit_head):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, problem="a\x00b"),
    )
    assert response.status_code == 400
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
    assert not Registration.objects.exists()


# --- row 4: control characters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("control", "kept"),
    [("\x01", ""), ("\x1b[31m", "[31m"), ("\x7f", ""), ("\x08", ""), ("\x9b", "")],
    ids=["SOH", "ANSI-colour", "DEL", "backspace", "C1-CSI"],
)
def test_row04_control_characters_are_stripped_before_storing(world, official, control, kept):
    """The control character goes; what follows an ESC is harmless text once the ESC is gone."""
    response = client_for(official).post(
        reverse("plans:plan_create"),
        plan_data(world, title=f"Kế hoạch{control} số một", intro=f"Dòng một{control}\nDòng hai"),
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.title == f"Kế hoạch{kept} số một"
    assert plan.intro == f"Dòng một{kept}\nDòng hai"


@requires_poppler
def test_row04_control_characters_are_not_in_the_page_the_pdf_the_audit_or_the_logs(printed):
    assert printed.title.startswith("Kế hoạch thử màu[31m đỏ")
    assert printed.intro.startswith("Câu dẫn có[31m mã điều khiển.")
    assert not CONTROL.search(printed.page)
    assert "Câu dẫn có[31m mã điều khiển." in normalise(printed.text)
    assert not CONTROL.search(printed.text.replace("\x0c", ""))  # pdftotext ends each page with a form feed
    assert printed.audit and not any(CONTROL.search(summary) for summary in printed.audit)
    assert not any(CONTROL.search(message) for message in printed.logs)


# --- row 5: CRLF in a one-line field -------------------------------------------------------------


@pytest.mark.parametrize("name", ["name", "person_in_charge", "contact"])
def test_row05_line_breaks_in_one_line_fields_become_spaces(campaign, field, unit_head, name):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, **{name: "x\r\nSet-Cookie: evil=1"}),
    )
    assert response.status_code == 302
    assert getattr(Registration.objects.get(), name) == "x Set-Cookie: evil=1"


def test_row05_line_break_in_a_title_never_reaches_a_header(printed):
    """The plan's title names the download; its CRLF was stored as a space, so no header line is forged."""
    assert printed.status == 200
    assert "\r" not in printed.title and "\n" not in printed.title
    assert printed.title.endswith("đỏ Set-Cookie: evil=1")
    assert printed.disposition.startswith("attachment; filename=")
    assert not any("\r" in line or "\n" in line for line in printed.header_lines)
    assert not any(line.lower().startswith("set-cookie") for line in printed.header_lines)
    assert "evil" not in printed.cookies


# --- row 6: blank text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "blank",
    ["   ", "\u00a0\u3000", "\u200b\ufeff", " \r\n\t "],
    ids=["spaces", "nbsp-ideographic", "zero-width", "line-breaks"],
)
def test_row06_blank_title_is_a_required_error(world, official, blank):
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, title=blank)
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    assert snapshot(plan) == before


def test_row06_blank_registration_name_is_a_required_error(draft, field, unit_head):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_edit", args=[draft.pk]),
        form_data(field, TWO_INDICATORS, name="   ", version=draft.version),
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    draft.refresh_from_db()
    assert draft.name == REGISTRATION_FIELDS["name"]


# --- row 7: zero-width characters in a document number ------------------------------------------


@pytest.mark.parametrize("invisible", ZERO_WIDTH, ids=["ZWSP", "ZWNJ", "ZWJ", "BOM"])
def test_row07_zero_width_in_a_doc_number_is_stripped_before_uniqueness(world, official, invisible):
    """Given 3177/QĐ-UBND in the catalogue, the same number with an invisible character is found as a duplicate."""
    ReferenceDocument.objects.create(
        doc_type="quyet_dinh",
        number_symbol="3177/QĐ-UBND",
        issued_on=datetime.date(2025, 9, 1),
        issuer="UBND thành phố",
    )
    client = client_for(official)
    reference = {"doc_type": "quyet_dinh", "issued_on": "01/09/2025", "issuer": "UBND thành phố", "summary": "x"}
    response = client.post(
        reverse("plans:reference_create"), {**reference, "number_symbol": f"3177{invisible}/QĐ-{invisible}UBND"}
    )
    assert response.status_code == 400
    assert "Văn bản này đã có trong danh mục" in response.content.decode()
    assert ReferenceDocument.objects.count() == 1

    response = client.post(
        reverse("plans:reference_create"), {**reference, "number_symbol": f"{invisible}3178/QĐ-UBND"}
    )
    assert response.status_code == 200
    assert ReferenceDocument.objects.get(number_key="3178/QĐ-UBND").number_symbol == "3178/QĐ-UBND"


# --- row 8: direction overrides and isolates ------------------------------------------------------


@pytest.mark.parametrize("control", DIRECTION_CONTROLS, ids=[f"U+{ord(c):04X}" for c in DIRECTION_CONTROLS])
def test_row08_direction_controls_are_refused_in_a_model_name(campaign, field, unit_head, control):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=f"hoso{control}fdp.exe"),
    )
    assert response.status_code == 400
    assert "điều khiển hướng chữ" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u2069"], ids=["RLO", "LRI", "PDI"])
def test_row08_direction_controls_are_refused_in_unit_and_people_names(world, control):
    client = client_for(site_admin())
    response = client.post(reverse("admin:units_unit_add"), unit_admin_data(world, name=f"Ban{control} Quản lý chợ"))
    assert response.status_code == 200
    assert "điều khiển hướng chữ" in response.content.decode()
    assert not Unit.objects.filter(abbreviation="QLC").exists()

    response = client.post(reverse("admin:units_user_add"), user_admin_data(world, full_name=f"Nguyễn{control} An"))
    assert response.status_code == 200
    assert "điều khiển hướng chữ" in response.content.decode()
    assert not User.objects.filter(username="canbomoi").exists()

    department = world.department
    response = client.post(
        reverse("admin:units_unit_change", args=[department.pk]),
        unit_admin_data(world, name=f"Phòng Văn hóa{control} - Xã hội", abbreviation="VHXH"),
    )
    assert response.status_code == 200
    assert "điều khiển hướng chữ" in response.content.decode()
    department.refresh_from_db()
    assert (department.name, department.abbreviation) == ("Phòng Văn hóa - Xã hội", "VHXH")


def test_row08_names_without_direction_controls_are_accepted_by_the_admin(world):
    """The two admin forms above are otherwise valid: without the control character they save."""
    client = client_for(site_admin())
    assert client.post(reverse("admin:units_unit_add"), unit_admin_data(world)).status_code == 302
    assert client.post(reverse("admin:units_user_add"), user_admin_data(world)).status_code == 302
    assert User.objects.get(username="canbomoi").full_name == "Nguyễn Văn An"


EXE = b"MZ\x90\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"


def upload_evidence(client, registration, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    url = reverse("models_registry:evidence_add", args=[registration.pk])
    return client.post(url, {"file": upload}, follow=True)


@pytest.mark.parametrize("control", ["\u202e", "\u2067"], ids=["RLO", "RLI"])
@pytest.mark.parametrize("content", [EXE, PDF], ids=["exe", "pdf"])
def test_row08_file_name_disguised_with_a_direction_control_is_refused(draft, unit_head, control, content):
    """Given "hoso\\u202efdp.exe" (shown as "hosoexe.pdf"), the upload is refused whatever the file holds.

    Django's upload parser drops non-printable characters from file names, so the name arrives
    as "hosofdp.exe" and its real extension refuses it; danvan.uploads.clean_filename refuses
    the control character itself on every other path (tests/tasks/test_inputs.py).
    """
    response = upload_evidence(client_for(unit_head), draft, f"hoso{control}fdp.exe", content)
    assert response.status_code == 200
    assert "“hosofdp.exe” không được nhận" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_row08_a_stored_file_name_never_holds_a_direction_control(draft, unit_head):
    response = upload_evidence(client_for(unit_head), draft, "hoso\u202efdp.pdf", PDF)
    assert response.status_code == 200
    assert EvidenceFile.objects.get().original_name == "hosofdp.pdf"


# --- row 9: genuine Arabic and Hebrew ------------------------------------------------------------


def test_row09_arabic_and_hebrew_are_stored_as_typed(campaign, field, unit_head):
    text = f"{' '.join(ARABIC)} / {' '.join(HEBREW)}"
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=f"Mô hình {text}", participants=text),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == f"Mô hình {text}"
    assert registration.participants == text
    assert text in client_for(unit_head).get(registration.get_absolute_url()).content.decode()


@requires_poppler
@pytest.mark.parametrize("words", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_row09_pdf_lays_rtl_text_out_right_to_left(printed, words):
    """pdftotext -raw reads glyphs left to right: the first word of a right-to-left phrase comes out last."""
    assert f"{' '.join(HEBREW)}\nTiếng Ả Rập: {' '.join(ARABIC)}" in printed.intro  # stored in logical order
    text = normalise(re.sub("[\u202a-\u202e]", "", printed.text))
    first, second = words
    assert f"{second} {first}" in text
    assert f"{first} {second}" not in text


# --- row 10: decomposed (NFD) Vietnamese ---------------------------------------------------------

NFC_NAME = "Phong trào thi đua “Dân vận khéo” trong thực hiện nhiệm vụ chính trị"


def test_row10_nfd_is_stored_nfc_and_its_length_counted_after_nfc(campaign, field, unit_head):
    """Given a 255-character name (in NFC) typed in NFD (more code points), it fits the limit and is stored NFC."""
    assert (len(NFC_NAME), len(unicodedata.normalize("NFD", NFC_NAME))) == (68, 82)
    name = (NFC_NAME + " ") * 3 + NFC_NAME[: 255 - 3 * (len(NFC_NAME) + 1)]
    assert len(name) == 255 < len(unicodedata.normalize("NFD", name))
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=unicodedata.normalize("NFD", name)),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Registration.objects.get().name == name


def test_row10_nfd_campaign_name_is_found_as_a_duplicate(world, official):
    client = client_for(official)
    assert (
        client.post(reverse("models_registry:campaign_create"), campaign_data(world, name=NFC_NAME)).status_code == 302
    )
    response = client.post(
        reverse("models_registry:campaign_create"),
        campaign_data(world, name=unicodedata.normalize("NFD", NFC_NAME)),
    )
    assert response.status_code == 400
    assert "đã có phong trào cùng tên" in response.content.decode()
    assert Campaign.objects.get().name == NFC_NAME


def test_row10_nfd_search_finds_the_nfc_plan(world, official):
    PlanFactory(issuing_unit=world.commune, created_by=official, title=NFC_NAME)
    query = unicodedata.normalize("NFD", "thực hiện nhiệm vụ")
    content = client_for(official).get(reverse("plans:plan_list"), {"q": query}).content.decode()
    assert NFC_NAME in content


# --- row 11: old and new tone placement ----------------------------------------------------------

TONE_PAIRS = [("hoà giải", "hòa giải"), ("thuỷ lợi", "thủy lợi"), ("khoẻ mạnh", "khỏe mạnh")]


@pytest.mark.parametrize(("new_style", "old_style"), TONE_PAIRS, ids=["hoà", "thuỷ", "khoẻ"])
def test_row11_tone_placements_differ_even_in_nfc_and_are_stored_as_typed(world, official, new_style, old_style):
    assert unicodedata.normalize("NFC", new_style) != unicodedata.normalize("NFC", old_style)
    client = client_for(official)
    for title in (new_style, old_style):
        assert client.post(reverse("plans:plan_create"), plan_data(world, title=f"Kế hoạch {title}")).status_code == 302
    assert sorted(Plan.objects.values_list("title", flat=True)) == sorted(
        [f"Kế hoạch {new_style}", f"Kế hoạch {old_style}"]
    )


@pytest.mark.parametrize(("new_style", "old_style"), TONE_PAIRS, ids=["hoà", "thuỷ", "khoẻ"])
def test_row11_search_folds_either_placement(world, official, new_style, old_style):
    PlanFactory(issuing_unit=world.commune, created_by=official, title=f"Kế hoạch {old_style} năm 2025")
    client = client_for(official)
    for query in (new_style, old_style):
        content = client.get(reverse("plans:plan_list"), {"q": query}).content.decode()
        assert f"Kế hoạch {old_style} năm 2025" in content


@pytest.mark.parametrize(("new_style", "old_style"), TONE_PAIRS, ids=["hoà", "thuỷ", "khoẻ"])
def test_row11_campaign_name_in_the_other_tone_placement_is_flagged_as_a_duplicate(
    world, official, new_style, old_style
):
    client = client_for(official)
    url = reverse("models_registry:campaign_create")
    assert client.post(url, campaign_data(world, name=f"Phong trào {old_style}")).status_code == 302
    response = client.post(url, campaign_data(world, name=f"Phong trào {new_style.upper()}"))
    assert response.status_code == 400
    assert "đã có phong trào cùng tên" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_row11_field_typed_in_the_other_tone_placement_reuses_the_existing_field(world, official):
    """The default field is "Văn hóa - Xã hội"; "Văn hoá - Xã hội" added as an extra field is the same field."""
    default = Field.objects.get(owner=None, name="Văn hóa - Xã hội")
    response = client_for(official).post(
        reverse("models_registry:campaign_create"),
        campaign_data(world, offered_fields=[], extra_fields="Văn hoá - Xã hội\nHoà giải ở cơ sở\nHòa giải ở cơ sở"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offered = Campaign.objects.get().offered_fields.all()
    assert default in offered
    assert sorted(f.name for f in offered) == ["Hoà giải ở cơ sở", "Văn hóa - Xã hội"]


# --- row 12: "Ð" (U+00D0) for "Đ" (U+0110) -------------------------------------------------------


def test_row12_eth_is_refused_in_a_plan_symbol_and_the_plan_kept(world, official):
    plan = saved_plan(world, official, symbol="QĐ-UBND")
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, symbol="QÐ-UBND")
    assert response.status_code == 400
    assert "U+00D0" in response.content.decode()
    assert snapshot(plan) == before


@pytest.mark.parametrize("eth", ["\u00d0", "\u00f0", "\u0189"], ids=["Eth", "eth", "African-D"])
def test_row12_look_alike_d_is_refused_in_a_document_number(world, official, eth):
    response = client_for(official).post(
        reverse("plans:reference_create"),
        {"doc_type": "quyet_dinh", "number_symbol": f"31/Q{eth}-UBND", "issued_on": "01/09/2025", "issuer": "UBND"},
    )
    assert response.status_code == 400
    assert f"U+{ord(eth):04X}" in response.content.decode()
    assert not ReferenceDocument.objects.exists()


def test_row12_eth_is_refused_in_a_unit_abbreviation(world):
    response = client_for(site_admin()).post(
        reverse("admin:units_unit_add"), unit_admin_data(world, abbreviation="BÐH")
    )
    assert response.status_code == 200
    assert "U+00D0" in response.content.decode()
    assert not Unit.objects.filter(name="Ban Quản lý chợ").exists()


@pytest.mark.parametrize("decision", ["125/QÐ-UBND", "125/QĐ-UBND"], ids=["eth", "d-with-stroke"])
def test_row12_eth_is_refused_in_a_commendation_decision_number(world, decision):
    """The leader recognizes an evaluated model with Giấy khen số 125/QĐ-UBND: typed with "Ð" it is refused."""
    from tests.models_registry.scenario import registry

    registration = registry(world).registrations["evaluated"]
    response = client_for(world.users["leader"]).post(
        reverse("models_registry:registration_recognize", args=[registration.pk]),
        {
            "level": "commune",
            "commendation_form": "certificate",
            "commendation_decision": decision,
            "commendation_date": "15/12/2025",
        },
    )
    registration.refresh_from_db()
    if "Ð" in decision:
        assert response.status_code == 400
        assert "U+00D0" in response.content.decode()
        assert (registration.status, registration.commendation_decision) == ("evaluated", "")
    else:
        assert response.status_code == 302
        assert (registration.status, registration.commendation_decision) == ("recognized", decision)


def test_row12_the_real_d_with_stroke_is_accepted_in_codes(world, official):
    client = client_for(official)
    assert client.post(reverse("plans:plan_create"), plan_data(world, symbol="QĐ-UBND")).status_code == 302
    assert Plan.objects.get().symbol == "QĐ-UBND"


# --- row 13: 50 combining marks on one letter -----------------------------------------------------


def test_row13_combining_marks_are_capped_when_stored(world, official):
    response = client_for(official).post(
        reverse("plans:plan_create"), plan_data(world, title="Ca" + "\u0301" * 50 + "nh báo", intro="e" + "\u0323" * 50)
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", plan.title))
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", plan.intro))
    assert len(plan.title) <= len("Cánh báo") + 2


@requires_poppler
def test_row13_capped_marks_leave_the_pdf_layout_intact(printed):
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", printed.heading))
    assert printed.sizes and all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in printed.sizes)
    assert len(printed.sizes) == 1
    text = normalise(printed.text)
    assert "NH BÁO SỚM Nội dung sau tiêu đề." in text  # the heading prints upper-case, its text follows
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", text))


# --- row 14: emoji, an encoded surrogate, a lone surrogate in JSON -------------------------------


def test_row14_emoji_is_stored_and_shown(world, official):
    client = client_for(official)
    response = client.post(reverse("plans:plan_create"), plan_data(world, title="Ngày hội Đại đoàn kết 🎉🇻🇳"))
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.title == "Ngày hội Đại đoàn kết 🎉🇻🇳"
    assert "Ngày hội Đại đoàn kết 🎉🇻🇳" in client.get(plan.get_absolute_url()).content.decode()


def test_row14_utf8_encoded_surrogate_becomes_replacement_characters(world, official):
    """%ED%A0%80 is U+D800 encoded as UTF-8, which is not valid UTF-8: it is read as U+FFFD, not a 500."""
    from urllib.parse import urlencode

    body = urlencode({k: v for k, v in plan_data(world).items() if k != "title"}) + "&title=K%E1%BA%BF+ho%ED%A0%80ch"
    response = client_for(official).post(
        reverse("plans:plan_create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    title = Plan.objects.get().title
    assert title.startswith("Kế ho\ufffd") and title.endswith("ch")
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in title)


@pytest.mark.parametrize("url_name", ["plans:plan_create", "models_registry:campaign_create"], ids=["plan", "campaign"])
def test_row14_lone_surrogate_in_json_is_a_400(world, official, url_name):
    """The portal reads no JSON: a JSON body (here with "\\ud800") reaches a form as an empty form, refused."""
    body = json.dumps({**plan_data(world), "name": "\ud800", "title": "\ud800"})
    assert "\\ud800" in body
    response = client_for(official).post(reverse(url_name), body, content_type="application/json")
    assert response.status_code == 400
    assert not Plan.objects.exists() and not Campaign.objects.exists()
