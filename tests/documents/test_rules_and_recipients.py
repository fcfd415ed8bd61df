"""The rules under the agency, the tiêu ngữ and the trích yếu clear the letters above them; Nơi nhận items hang."""

import io

import docx
import pytest

from plans.choices import PlanStatus
from plans.exports import plan_docx, render_plan_pdf
from tests.documents.conftest import build_plan
from tests.documents.pdftools import page_rules, pdf_words, requires_poppler

# Clear space between a rule and the lowest ink above it: descenders ("p", "g") and the dots under
# letters ("ạ", "ệ") sit within 1.5 pt of the line box; 2.5 pt leaves a visible gap at any print size.
MIN_CLEARANCE_PT = 2.5
LONG_RECIPIENT = "Các phòng chuyên môn, đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân xã"


@requires_poppler
def test_every_rule_on_page_one_clears_the_text_above_it(world):
    plan = build_plan(world, status=PlanStatus.ISSUED)
    rules = page_rules(render_plan_pdf(plan), 1)
    assert len(rules) == 3  # under the agency, the tiêu ngữ and the trích yếu
    assert all(rule.clearance_pt >= MIN_CLEARANCE_PT for rule in rules), [round(r.clearance_pt, 2) for r in rules]


@requires_poppler
def test_a_wrapped_recipient_hangs_under_its_text(world):
    plan = build_plan(world, status=PlanStatus.ISSUED)
    plan.recipients = f"{LONG_RECIPIENT};\nLưu: VT, VHXH."
    plan.save()
    words = pdf_words(render_plan_pdf(plan))
    words = words[next(i for i, w in enumerate(words) if w.text == "nhận:" and words[i - 1].text == "Nơi") :]
    dash = next(i for i, w in enumerate(words) if w.text == "-" and words[i + 1].text == "Các")
    first_word = words[dash + 1]
    wrapped = next(w for w in words[dash + 1 :] if w.top > first_word.bottom)
    assert wrapped.left == pytest.approx(first_word.left, abs=1)
    assert wrapped.left > words[dash].left + 4


def test_docx_recipients_hang_by_the_width_of_the_dash(world):
    plan = build_plan(world, status=PlanStatus.ISSUED)
    opened = docx.Document(io.BytesIO(plan_docx(plan)))
    recipients = opened.tables[1].cell(0, 0).paragraphs[1:]
    assert recipients and {p.style.name for p in recipients} == {"Nơi nhận"}
    hang = opened.styles["Nơi nhận"].paragraph_format
    assert hang.first_line_indent < 0 and hang.left_indent == -hang.first_line_indent
