"""The workflow of a plan: submit, return, approve, issue and complete, each the service of a move
declared in plans/workflows.py; issuing also assigns the document number and stores the official PDF.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import Truncator

from danvan.issued import next_number
from danvan.workflow import move
from plans.choices import PlanStatus
from plans.models import Plan
from plans.workflows import PLAN_LIFECYCLE


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
    """Issue an approved plan: render its official PDF, then assign the next number and store the PDF, at once.

    The PDF is rendered first, as it will read (number, date, signer), so a plan
    that cannot be printed stays approved and uses no number (danvan/issued.py).
    The issuing unit's row is locked while the number is checked and taken, so two
    leaders issuing at the same instant never get the same number; the unique
    constraint is the backstop.
    """
    plan = Plan.objects.get(pk=plan.pk)  # as stored now: the caller's copy may be older
    PLAN_LIFECYCLE.require_source("issue", plan)  # before rendering: a refused move costs no layout
    day = on or timezone.localdate()

    def take_number(*, lock: bool) -> dict:
        series = Plan.objects.filter(issuing_unit_id=plan.issuing_unit_id, year=day.year, doc_type=plan.doc_type)
        number = next_number(series, unit_id=plan.issuing_unit_id, lock=lock)
        changes = {"number": number, "year": day.year, "issued_on": day, "issued_at": timezone.now()}
        if not plan.signer_name and by.full_name:
            changes["signer_name"] = by.full_name
        return changes

    from plans.exports.pdf import ISSUED_COPY  # here, so only issuing loads the document renderer

    return ISSUED_COPY.issue(
        plan,
        lifecycle=PLAN_LIFECYCLE,
        by=by,
        status=PlanStatus.ISSUED,
        take_number=take_number,
        taken="Số văn bản vừa được cấp cho kế hoạch khác; xin bấm Ban hành lại.",
    )


@PLAN_LIFECYCLE.service("complete")
def plan_complete(*, plan: Plan, by, comment: str = "") -> Plan:
    """Close an issued plan: its period is over or its work done; its tasks take no more reports."""
    return move(plan, PLAN_LIFECYCLE, "complete", by=by, comment=comment)
