"""The workflow of a plan: submit, return, approve, issue and complete, each the service of a move
declared in plans/workflows.py; issuing also assigns the document number.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import Truncator

from danvan.workflow import move
from plans.models import Plan
from plans.workflows import PLAN_LIFECYCLE
from units.models import Unit


@PLAN_LIFECYCLE.service("submit")
def plan_submit(*, plan: Plan, by) -> Plan:
    """Send a draft or returned plan to the leader."""
    if not plan.sections.exists():
        raise ValidationError("Kế hoạch chưa có mục nội dung nào: hãy thêm nội dung trước khi trình duyệt.")
    return move(plan, PLAN_LIFECYCLE, "submit", by=by)


@PLAN_LIFECYCLE.service("return")
def plan_return(*, plan: Plan, by, comment: str) -> Plan:
    """Send a submitted or approved plan back to its author with a comment."""
    if not comment.strip():
        raise ValidationError("Cần ghi ý kiến khi trả lại kế hoạch.")
    return move(plan, PLAN_LIFECYCLE, "return", by=by, comment=comment.strip())


@PLAN_LIFECYCLE.service("approve")
def plan_approve(*, plan: Plan, by, comment: str = "") -> Plan:
    """Approve a submitted plan, which then waits for its number and signature.

    A task nobody leads (an import that did not recognise its unit) prints no
    "Cơ quan thực hiện" rather than a placeholder, so the plan cannot be approved
    until someone names the lead unit.
    """
    unled = plan.tasks.filter(lead_text="", lead_units__isnull=True, lead_groups__isnull=True).first()
    if unled is not None:
        raise ValidationError(
            f"Nhiệm vụ “{Truncator(unled.content).chars(80)}” chưa có cơ quan thực hiện: "
            "hãy chọn cơ quan thực hiện cho nhiệm vụ này trước khi duyệt kế hoạch."
        )
    return move(plan, PLAN_LIFECYCLE, "approve", by=by, comment=comment)


@PLAN_LIFECYCLE.service("issue")
def plan_issue(*, plan: Plan, by, on=None) -> Plan:
    """Issue an approved plan: assign the next number of its unit, year and type, and freeze it.

    The issuing unit's row is locked while the number is chosen, so two leaders
    issuing at the same instant never get the same number; the unique
    constraint is the backstop. After the commit, the plan's PDF is rendered
    once and stored as the record (plans/exports/pdf.py).
    """
    day = on or timezone.localdate()
    Unit.objects.select_for_update().get(pk=plan.issuing_unit_id)
    last = Plan.objects.filter(issuing_unit_id=plan.issuing_unit_id, year=day.year, doc_type=plan.doc_type).aggregate(
        last=Max("number")
    )["last"]
    changes = {"number": (last or 0) + 1, "year": day.year, "issued_on": day, "issued_at": timezone.now()}
    if not plan.signer_name and by.full_name:
        changes["signer_name"] = by.full_name
    try:
        with transaction.atomic():
            issued = move(plan, PLAN_LIFECYCLE, "issue", by=by, **changes)
    except IntegrityError as error:
        raise ValidationError("Số văn bản vừa được cấp cho kế hoạch khác; xin bấm Ban hành lại.") from error
    from plans.exports import store_issued_pdf_on_commit  # here, so only issuing loads the document renderer

    store_issued_pdf_on_commit(plan_id=issued.pk)  # the issued copy, rendered once after the commit
    return issued


@PLAN_LIFECYCLE.service("complete")
def plan_complete(*, plan: Plan, by, comment: str = "") -> Plan:
    """Close an issued plan: its period is over or its work done; its tasks take no more reports."""
    return move(plan, PLAN_LIFECYCLE, "complete", by=by, comment=comment)
