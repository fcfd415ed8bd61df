"""The PDF of a plan: rendered on each request while it is a draft, stored once when it is issued.

The PDF stored at issue is the record: every later download serves those exact
bytes, checked against the SHA-256 kept on the plan, even after the templates
or the stylesheet change.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from danvan.audit import audit
from danvan.documents import DocumentError, render_pdf
from danvan.models import AuditAction
from plans.document import plan_document
from plans.exports.printed import PUBLISHED, printed_plan
from plans.models import Plan

logger = logging.getLogger(__name__)

TEMPLATE = "plans/print/plan.html"


def render_plan_pdf(plan: Plan) -> bytes:
    """Render the plan as it prints now (draft mark and blank number until it is issued)."""
    return render_pdf(TEMPLATE, {"plan": plan, "printed": printed_plan(plan_document(plan))})


def store_issued_pdf(*, plan_id: int) -> Plan:
    """Render an issued plan once and keep the bytes and their SHA-256 on it; keep an earlier copy if any.

    Safe to call twice or from two requests at once: only the first stored copy is kept.
    """
    plan = Plan.objects.select_related("issuing_unit").get(pk=plan_id)
    if plan.issued_pdf_sha256 or plan.status not in PUBLISHED:
        return plan
    pdf = render_plan_pdf(plan)
    digest = hashlib.sha256(pdf).hexdigest()
    storage = Plan._meta.get_field("issued_pdf").storage
    name = storage.save(f"plans/issued/{plan.year}/{plan.pk}-{digest[:16]}.pdf", ContentFile(pdf))
    # A plain update: the copy is not an edit, so it writes no history row and bumps no version.
    stored = Plan.objects.filter(pk=plan.pk, issued_pdf_sha256="").update(issued_pdf=name, issued_pdf_sha256=digest)
    if not stored:
        storage.delete(name)
    else:
        audit(AuditAction.ISSUE, obj=plan, summary=f"Lưu bản ban hành {plan.reference}", sha256=digest)
    plan.refresh_from_db()
    return plan


def store_issued_pdf_on_commit(*, plan_id: int) -> None:
    """Store the issued copy once the issuing transaction has committed.

    A failure is logged, not raised: the plan is issued all the same, and the
    first download stores the copy instead.
    """

    def store():
        try:
            store_issued_pdf(plan_id=plan_id)
        except Exception:
            logger.exception("Could not store the issued PDF of plan %s; the first download will.", plan_id)

    transaction.on_commit(store)


def issued_pdf_bytes(plan: Plan) -> bytes:
    """Return the stored copy of an issued plan, storing it first if the issue did not."""
    if not plan.issued_pdf_sha256:
        plan = store_issued_pdf(plan_id=plan.pk)
    with plan.issued_pdf.open("rb") as stored:
        pdf = stored.read()
    if hashlib.sha256(pdf).hexdigest() != plan.issued_pdf_sha256:
        logger.error("Stored PDF of plan %s does not match its SHA-256 %s", plan.pk, plan.issued_pdf_sha256)
        raise DocumentError("Bản PDF lưu trữ của kế hoạch không khớp mã kiểm tra SHA-256. Xin báo quản trị hệ thống.")
    return pdf


def plan_pdf(plan: Plan) -> bytes:
    """Return the PDF to hand out: the stored record of an issued plan, or a fresh render of any other."""
    if plan.status in PUBLISHED:
        return issued_pdf_bytes(plan)
    return render_plan_pdf(plan)
