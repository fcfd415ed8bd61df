"""Bad inputs 4, 5, 9 and 13 as printed: the page, the download headers, the PDF, the audit trail and the logs.

The PDF is rendered once for the module (`printed`), holding every hostile string whose printing matters.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse

from danvan.models import AuditEntry
from plans.models import Plan
from tests.bad_inputs.text_helpers import ARABIC, COMBINING_RUN, CONTROL, HEBREW
from tests.conftest import client_for
from tests.documents.pdftools import normalise, page_sizes, pdf_text, requires_poppler
from tests.factories import CityFactory, CommuneFactory, DepartmentFactory, UserFactory
from units.choices import Role

# The module's PDF is built in a module-scoped fixture: the marker makes pytest-django set up the
# test database even when only the PDF tests are selected.
pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)


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


@requires_poppler
def test_row04_control_characters_are_not_in_the_page_the_pdf_the_audit_or_the_logs(printed):
    assert printed.title.startswith("Kế hoạch thử màu[31m đỏ")
    assert printed.intro.startswith("Câu dẫn có[31m mã điều khiển.")
    assert not CONTROL.search(printed.page)
    assert "Câu dẫn có[31m mã điều khiển." in normalise(printed.text)
    assert not CONTROL.search(printed.text.replace("\x0c", ""))  # pdftotext ends each page with a form feed
    assert printed.audit and not any(CONTROL.search(summary) for summary in printed.audit)
    assert not any(CONTROL.search(message) for message in printed.logs)


def test_row05_line_break_in_a_title_never_reaches_a_header(printed):
    """The plan's title names the download; its CRLF was stored as a space, so no header line is forged."""
    assert printed.status == 200
    assert "\r" not in printed.title and "\n" not in printed.title
    assert printed.title.endswith("đỏ Set-Cookie: evil=1")
    assert printed.disposition.startswith("attachment; filename=")
    assert not any("\r" in line or "\n" in line for line in printed.header_lines)
    assert not any(line.lower().startswith("set-cookie") for line in printed.header_lines)
    assert "evil" not in printed.cookies


@requires_poppler
@pytest.mark.parametrize("words", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_row09_pdf_lays_rtl_text_out_right_to_left(printed, words):
    """pdftotext -raw reads glyphs left to right: the first word of a right-to-left phrase comes out last."""
    assert f"{' '.join(HEBREW)}\nTiếng Ả Rập: {' '.join(ARABIC)}" in printed.intro  # stored in logical order
    text = normalise(re.sub("[\u202a-\u202e]", "", printed.text))
    first, second = words
    assert f"{second} {first}" in text
    assert f"{first} {second}" not in text


@requires_poppler
def test_row13_capped_marks_leave_the_pdf_layout_intact(printed):
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", printed.heading))
    assert printed.sizes and all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in printed.sizes)
    assert len(printed.sizes) == 1
    text = normalise(printed.text)
    assert "NH BÁO SỚM Nội dung sau tiêu đề." in text  # the heading prints upper-case, its text follows
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", text))
