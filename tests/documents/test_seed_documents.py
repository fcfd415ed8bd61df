"""The real seed plans, printed as PDF and DOCX, keep every sentence of the original in order,
and their pages break where a văn thư would sign them."""

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest

from models_registry.document import registration_pdf
from models_registry.models import Registration
from plans.demo import SEED_COMMUNES, SEEDS
from plans.exports.docx import plan_docx
from plans.exports.pdf import render_plan_pdf
from plans.importing.fidelity import body_of, sentences_kept
from plans.models import Plan
from reports.exports import render_report_pdf
from reports.models import PeriodicReport
from tests.demo_seed import demo_seeded
from tests.documents.pdftools import (
    docx_text,
    effective,
    lines_above_signature,
    page_layout_texts,
    pdf_body_text,
    pdf_fonts,
    pdf_text,
    requires_poppler,
)

pytestmark = [requires_poppler, pytest.mark.django_db]

# A numbered item heading standing alone on its line: "9. Nguồn lực:", "3. Nhiệm vụ theo tình trạng".
ITEM_HEADING = re.compile(r"^\d+\. [^.;:]{2,60}:?$")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        plans = {
            name: Plan.objects.filter(issuing_unit__place_name=place, issuing_unit__kind="commune").earliest("pk")
            for name, place in SEED_COMMUNES.items()
        }
        yield {name: (plan, render_plan_pdf(plan), plan_docx(plan)) for name, plan in plans.items()}


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


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_a_seed_plan_prints_no_placeholder_for_a_lead_unit_the_import_could_not_read(seeded, filename):
    """Kế Sát's plan printed "- Cơ quan thực hiện: Chưa xác định", words that are not in the source."""
    _plan, pdf, content = seeded[filename]
    assert "Chưa xác định" not in pdf_text(pdf) and "Chưa xác định" not in docx_text(content)


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_signature_page_of_a_seed_plan_holds_body_text_above_the_signature(seeded, filename):
    """Kim Thành's page 4 held only Nơi nhận and the signature while page 3 had 48 mm free."""
    _plan, pdf, _docx = seeded[filename]
    above = lines_above_signature(pdf)
    assert len(above) >= 2, f"{filename}: the signature block stands alone on its page"


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_no_page_of_a_seed_plan_ends_with_a_heading(seeded, filename):
    plan, pdf, _docx = seeded[filename]
    headings = {
        normalise_line(p.text) for p in docx.Document(io.BytesIO(seeded[filename][2])).paragraphs if is_heading(p)
    }
    for number, text in enumerate(page_layout_texts(pdf), start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert not lines or normalise_line(lines[-1]) not in headings, f"{filename}: page {number} ends with a heading"


@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_every_heading_of_a_seed_docx_keeps_with_the_next_paragraph(seeded, filename):
    _plan, _pdf, content = seeded[filename]
    opened = docx.Document(io.BytesIO(content))
    headings = [p for p in opened.paragraphs if is_heading(p)]
    assert headings, f"{filename}: no paragraph has a heading style"
    assert all(effective(p, "keep_with_next") for p in headings)
    assert all(effective(p, "widow_control") for p in opened.paragraphs if p.style.name == "Nội dung")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed on this machine")
@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_libreoffice_rendering_of_a_seed_docx_ends_no_page_with_a_heading(seeded, filename):
    _plan, _pdf, content = seeded[filename]
    headings = {normalise_line(p.text) for p in docx.Document(io.BytesIO(content)).paragraphs if is_heading(p)}
    pdf = libreoffice_pdf(content)
    for number, text in enumerate(page_layout_texts(pdf), start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert not lines or normalise_line(lines[-1]) not in headings, f"{filename}: page {number} ends with a heading"
    assert len(lines_above_signature(pdf)) >= 2, f"{filename}: the signature stands alone on its page"


def is_heading(paragraph) -> bool:
    return paragraph.style.name.startswith("Heading")


def normalise_line(text: str) -> str:
    return " ".join(text.split())


def libreoffice_pdf(content: bytes) -> bytes:
    """Return the DOCX converted to PDF by LibreOffice, as an official who opens it there would print it."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.docx"
        source.write_bytes(content)
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{folder}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(folder) / "plan.pdf").read_bytes()


def test_a_bold_lead_in_stays_on_the_line_of_its_text(seeded):
    """Thượng Hồng writes "- **Mục tiêu:** Mô hình mang lại …" on one line; the PDF and DOCX split it in two."""
    _plan, pdf, content = seeded["thuong-hong-2025-dan-van-kheo.txt"]
    pdf_lines = [line.strip() for page in page_layout_texts(pdf) for line in page.splitlines()]
    assert any(line.startswith("- Mục tiêu: Mô hình mang lại hiệu quả") for line in pdf_lines)
    lead_in = next(p for p in docx.Document(io.BytesIO(content)).paragraphs if p.text.startswith("- Mục tiêu"))
    assert lead_in.text.startswith("- Mục tiêu: Mô hình mang lại hiệu quả")
    assert [run.text for run in lead_in.runs if run.bold] == ["Mục tiêu:"]


def test_every_seed_registration_form_and_report_keeps_body_text_above_its_signature(seeded):
    """The registration forms and the BÁO CÁO follow the same rule as the plans (a form's page 2 held only the signature)."""
    documents = [(f"phiếu {r.pk}", registration_pdf(r)) for r in Registration.objects.all()[:4]]
    documents += [(f"báo cáo {r.pk}", render_report_pdf(r)) for r in PeriodicReport.objects.all()[:2]]
    assert documents
    for name, pdf in documents:
        assert len(lines_above_signature(pdf)) >= 2, f"{name}: the signature block stands alone on its page"
        for number, text in enumerate(page_layout_texts(pdf), start=1):
            last = [line.strip() for line in text.splitlines() if line.strip()][-1]
            assert not ITEM_HEADING.match(last), f"{name}: page {number} ends with the heading {last!r}"
