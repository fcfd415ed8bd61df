"""The PDF of a plan: rendered on each request while it is a draft, stored once when it is issued.

The PDF stored at issue is the record: every later download serves those exact
bytes, checked against the SHA-256 kept on the plan, even after the templates
or the stylesheet change.
"""

from danvan.documents import render_pdf
from danvan.issued import IssuedCopy
from plans.document import plan_document
from plans.exports.printed import PUBLISHED, printed_plan
from plans.models import Plan

TEMPLATE = "plans/print/plan.html"


def render_plan_pdf(plan: Plan) -> bytes:
    """Render the plan as it prints now (draft mark and blank number until it is issued)."""
    return render_pdf(TEMPLATE, {"plan": plan, "printed": printed_plan(plan_document(plan))})


def _render(plan: Plan) -> bytes:
    return render_plan_pdf(plan)  # looked up at each call, so tests may replace render_plan_pdf


ISSUED_COPY = IssuedCopy(
    model=Plan,
    render=_render,
    is_issued=lambda plan: plan.status in PUBLISHED,
    path=lambda plan, digest: f"plans/issued/{plan.year}/{plan.pk}-{digest[:16]}.pdf",
    label=lambda plan: plan.reference,
)


def store_issued_pdf(*, plan_id: int) -> Plan:
    """Render an issued plan once and keep the bytes and their SHA-256 on it; keep an earlier copy if any."""
    return ISSUED_COPY.store(plan_id)


def issued_pdf_bytes(plan: Plan) -> bytes:
    """Return the stored copy of an issued plan, storing it first if the issue did not."""
    return ISSUED_COPY.bytes(plan)


def plan_pdf(plan: Plan) -> bytes:
    """Return the PDF to hand out: the stored record of an issued plan, or a fresh render of any other."""
    return ISSUED_COPY.pdf(plan)
