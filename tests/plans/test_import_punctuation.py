"""An imported plan prints its author's punctuation (issue #16): the colon after a heading, the final
period of a task field line, and a duty without the dash its source never wrote."""

import importlib
import io

import docx
import pytest
from django.apps import apps

from plans.choices import DutyMarker, Numbering, TaskLayout, TimeframeKind
from plans.document import Paragraph, plan_document
from plans.exports import plan_docx, render_plan_pdf
from plans.exports.printed import body_blocks, printed_plan
from plans.importing.mapping import duty_marker
from plans.importing.persist import plan_import_file
from plans.importing.structure import ParsedTask
from plans.models import Section
from tests.documents.pdftools import normalise, pdf_body_text, requires_poppler

SOURCE = """ỦY BAN NHÂN DÂN
XÃ THƯỢNG HỒNG
Số: 40/KH-UBND
Thượng Hồng, ngày 15 tháng 9 năm 2025
KẾ HOẠCH
Tuyên truyền công tác dân vận năm 2025
Căn cứ Kế hoạch số 18-KH/ĐU ngày 02/4/2025 của Đảng ủy xã Thượng Hồng về tăng cường công tác dân vận trong tình hình mới;
Ủy ban nhân dân xã ban hành Kế hoạch tuyên truyền công tác dân vận năm 2025 trên địa bàn xã, cụ thể như sau:
I. MỤC ĐÍCH, YÊU CẦU
- **Phương pháp:**
+ Tuyên truyền trực tiếp tại các buổi họp thôn, sinh hoạt chi bộ và các hội nghị của Mặt trận, đoàn thể.
- **Mục tiêu** mỗi thôn có ít nhất một mô hình “Dân vận khéo” được đăng ký và triển khai trong năm 2025.
II. NỘI DUNG
1. Tổ chức hội nghị quán triệt Kế hoạch đến toàn thể cán bộ, công chức, viên chức và người lao động.
- Cơ quan thực hiện: Phòng Văn hóa - Xã hội.
- Thời gian thực hiện: thường xuyên.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội:
- Tham mưu tổ chức tuyên truyền trên các phương tiện thông tin đại chúng về kết quả thực hiện Kế hoạch.
2. Trung tâm Văn hóa Thể thao và Truyền thông xã
Tăng cường đưa tin về các mô hình, điển hình “Dân vận khéo” để tuyên truyền, nhân rộng trong toàn xã.
Trên đây là Kế hoạch tuyên truyền công tác dân vận năm 2025 của Ủy ban nhân dân xã Thượng Hồng./.
Nơi nhận:
- Đảng ủy xã;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Hà Thị Thủy
"""
DUTY_AS_PARAGRAPH = (
    "Tăng cường đưa tin về các mô hình, điển hình “Dân vận khéo” để tuyên truyền, nhân rộng trong toàn xã."
)
DASHED_DUTY = "Tham mưu tổ chức tuyên truyền trên các phương tiện thông tin đại chúng về kết quả thực hiện Kế hoạch."


@pytest.fixture
def plan(world, official):
    record = plan_import_file(
        data=SOURCE.encode(), filename="ke-hoach.txt", issuing_unit=world.commune, by=official, record_issued=False
    )
    return record.plan


def printed_lines(plan) -> list[str]:
    return [block.text for block in printed_plan(plan_document(plan)).body]


def docx_lines(plan) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(plan_docx(plan))).paragraphs]


def test_a_heading_keeps_the_colon_its_author_wrote_and_prints_it_once(plan):
    """Given "1. Phòng Văn hóa - Xã hội:" and "- **Phương pháp:**", when imported, then the headings are stored
    with their colons, the unit is named without it, and the PDF outline and the DOCX print each colon once;
    a heading written without a colon ("2. Trung tâm …", "- **Mục tiêu** …") prints without one."""
    headings = {s.numbering: s.heading for s in plan.sections.filter(heading__startswith="Phòng")}
    assert headings == {Numbering.ARABIC: "Phòng Văn hóa - Xã hội:"}
    assert plan.sections.filter(numbering=Numbering.DASH, heading="Phương pháp:").exists()
    assert plan.sections.filter(numbering=Numbering.DASH, heading="Mục tiêu").exists()
    duty = plan.tasks.get(content=DASHED_DUTY)
    assert [unit.name for unit in duty.lead_units.all()] == ["Phòng Văn hóa - Xã hội"]
    for lines in (printed_lines(plan), docx_lines(plan)):
        assert "1. Phòng Văn hóa - Xã hội:" in lines
        assert "- Phương pháp:" in lines
        assert "2. Trung tâm Văn hóa Thể thao và Truyền thông xã" in lines
        assert any(line.startswith("- Mục tiêu mỗi thôn") for line in lines)
        assert not any("::" in line for line in lines)


def test_a_task_field_keeps_its_final_period(plan):
    """Given "- Thời gian thực hiện: thường xuyên.", when imported, then the task stores and prints the period."""
    task = plan.tasks.get(content__startswith="Tổ chức hội nghị quán triệt")
    assert (task.timeframe_text, task.lead_text) == ("thường xuyên.", "Phòng Văn hóa - Xã hội.")
    assert task.timeframe_kind == TimeframeKind.REGULAR
    for lines in (printed_lines(plan), docx_lines(plan)):
        assert "- Thời gian thực hiện: thường xuyên." in lines
        assert "- Cơ quan thực hiện: Phòng Văn hóa - Xã hội." in lines
        assert not any(line.endswith("..") and not line.endswith("./.") for line in lines)


def test_a_duty_written_as_a_paragraph_prints_without_a_dash(plan):
    """Given a unit's duty written as a plain paragraph and another as a "-" bullet, when imported, then each
    task keeps its source's marker and prints with it: no dash is added to the paragraph."""
    assert plan.tasks.get(content=DUTY_AS_PARAGRAPH).marker == DutyMarker.NONE
    assert plan.tasks.get(content=DASHED_DUTY).marker == DutyMarker.DASH
    for lines in (printed_lines(plan), docx_lines(plan)):
        assert DUTY_AS_PARAGRAPH in lines and f"- {DUTY_AS_PARAGRAPH}" not in lines
        assert f"- {DASHED_DUTY}" in lines


def test_a_duty_keeps_a_bullet_marker_and_a_numbered_one_prints_the_dash():
    """Numbers are counted, never typed: a duty the source numbered "a)" prints the portal's dash."""
    markers = [duty_marker(ParsedTask(marker=marker), layout=TaskLayout.DUTIES) for marker in ("-", "+", "", "a)")]
    assert markers == ["-", "+", "", "-"]
    assert duty_marker(ParsedTask(marker=""), layout=TaskLayout.BLOCKS) == DutyMarker.DASH


@requires_poppler
def test_the_pdf_reads_the_punctuation_as_written(plan):
    text = normalise(pdf_body_text(render_plan_pdf(plan)))
    assert "1. Phòng Văn hóa - Xã hội: - Tham mưu" in text
    assert "- Thời gian thực hiện: thường xuyên." in text
    assert "Truyền thông xã Tăng cường đưa tin" in text  # no "- " before the duty
    assert "::" not in text


def test_a_heading_prints_as_stored_without_added_or_doubled_punctuation():
    """A list item's lead-in runs into its text as written; a numbered heading stands on its own line."""
    lead_in = Paragraph(marker="-", heading="Mục tiêu:", text="mỗi thôn một mô hình.")
    assert [block.text for block in body_blocks(lead_in)] == ["- Mục tiêu: mỗi thôn một mô hình."]
    bare = Paragraph(marker="-", heading="Mục tiêu", text="mỗi thôn một mô hình.")
    assert [block.text for block in body_blocks(bare)] == ["- Mục tiêu mỗi thôn một mô hình."]
    numbered = Paragraph(marker="1.", heading="Mục đích:", text="Nâng cao nhận thức.")
    blocks = body_blocks(numbered)
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", "1. Mục đích:"),
        ("body", "Nâng cao nhận thức."),
    ]


def test_the_migration_writes_the_colon_the_printer_used_to_add(world):
    """A "-" lead-in saved before the fix (colon dropped, printed back by the PDF) keeps printing "- Mục tiêu: …"."""
    from tests.factories import PlanFactory

    plan = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    old = Section.objects.create(plan=plan, position=0, numbering=Numbering.DASH, heading="Mục tiêu", text="Mỗi thôn.")
    alone = Section.objects.create(plan=plan, position=1, numbering=Numbering.DASH, heading="Phương pháp")
    numbered = Section.objects.create(plan=plan, position=2, numbering=Numbering.ARABIC, heading="Mục đích", text="X.")
    importlib.import_module("plans.migrations.0011_list_heading_colon").add_colon(apps, None)
    headings = [Section.objects.get(pk=s.pk).heading for s in (old, alone, numbered)]
    assert headings == ["Mục tiêu:", "Phương pháp", "Mục đích"]
