"""Bad inputs 4, 5, 7 and 8: control characters, line breaks in one-line fields, zero-width and direction controls."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from models_registry.models import EvidenceFile, Registration
from plans.models import Plan, ReferenceDocument
from tests.bad_inputs.text_helpers import (
    DIRECTION_CONTROLS,
    ZERO_WIDTH,
    plan_data,
    site_admin,
    unit_admin_data,
    user_admin_data,
)
from tests.conftest import client_for
from tests.models_registry.conftest import campaign, draft, field  # noqa: F401 (fixtures)
from tests.models_registry.test_views import TWO_INDICATORS, form_data
from units.models import Unit, User

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


# --- row 5: CRLF in a one-line field -------------------------------------------------------------


@pytest.mark.parametrize("name", ["name", "person_in_charge", "contact"])
def test_row05_line_breaks_in_one_line_fields_become_spaces(campaign, field, unit_head, name):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, **{name: "x\r\nSet-Cookie: evil=1"}),
    )
    assert response.status_code == 302
    assert getattr(Registration.objects.get(), name) == "x Set-Cookie: evil=1"


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
