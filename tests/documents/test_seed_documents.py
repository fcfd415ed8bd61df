"""The four real seed plans, printed as PDF and DOCX, keep every sentence of the original in order."""

import re

import pytest
from django.core.management import call_command

from plans.demo import SEED_COMMUNES, SEEDS
from plans.exports.docx import plan_docx
from plans.exports.pdf import render_plan_pdf
from plans.importing.fidelity import body_of, sentences_kept
from plans.models import Plan
from tests.documents.pdftools import docx_text, pdf_body_text, pdf_fonts, pdf_text, requires_poppler

pytestmark = [requires_poppler, pytest.mark.django_db]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
        plans = {
            name: Plan.objects.filter(issuing_unit__place_name=place, issuing_unit__kind="commune").earliest("pk")
            for name, place in SEED_COMMUNES.items()
        }
        yield {name: (plan, render_plan_pdf(plan), plan_docx(plan)) for name, plan in plans.items()}
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_pdf_of_a_seed_plan_keeps_every_sentence_in_order(seeded, filename):
    _plan, pdf, _docx = seeded[filename]
    source = (SEEDS / filename).read_text(encoding="utf-8")
    kept, total, missing = sentences_kept(body_of(source), pdf_body_text(pdf))
    assert missing is None, f"{filename}: {kept}/{total} sentences in the PDF; first missing: {missing}"


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_docx_of_a_seed_plan_keeps_every_sentence_in_order(seeded, filename):
    _plan, _pdf, docx = seeded[filename]
    source = (SEEDS / filename).read_text(encoding="utf-8")
    kept, total, missing = sentences_kept(body_of(source), docx_text(docx))
    assert missing is None, f"{filename}: {kept}/{total} sentences in the DOCX; first missing: {missing}"


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_seed_pdf_embeds_only_the_bundled_font(seeded, filename):
    _plan, pdf, _docx = seeded[filename]
    names = {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in pdf_fonts(pdf)}
    assert names <= {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    assert all(font["embedded"] for font in pdf_fonts(pdf))


def test_issued_seed_prints_its_number_date_and_signer(seeded):
    _plan, pdf, _docx = seeded["thuong-hong-2025-dan-van-kheo.txt"]
    text = pdf_text(pdf)
    assert "Số: 31/KH-UBND" in text
    assert "Thượng Hồng, ngày 12 tháng 9 năm 2025" in text
    assert "Hà Thị Thủy" in text and "DỰ THẢO" not in text
