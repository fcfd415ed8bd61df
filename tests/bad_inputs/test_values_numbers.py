"""Bad inputs 43-44: one canonical key for a document number; number patterns by document type."""

import datetime

import pytest
from django.urls import reverse

from plans.models import ReferenceDocument
from plans.numbers import canonical_number
from tests.conftest import client_for
from tests.factories import ReferenceDocumentFactory

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
