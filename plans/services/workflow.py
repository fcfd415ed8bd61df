"""The workflow of a plan: submit, return, approve, issue and complete, each one legal move of
`PLAN_TRANSITIONS` with one history row; issuing also assigns the document number.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from danvan.workflow import move
from plans.choices import PLAN_TRANSITIONS, PlanStatus
from plans.models import Plan, PlanTransition
from units.models import Unit


def _transition(*, plan: Plan, by, to: str, comment: str = "", **changes) -> Plan:
    """Move `plan` to `to` if `PLAN_TRANSITIONS` allows it (danvan.workflow.move)."""
    return move(
        plan,
        to=to,
        transitions=PLAN_TRANSITIONS,
        history=PlanTransition,
        noun="kế hoạch",
        by=by,
        comment=comment,
        **changes,
    )


@transaction.atomic
def plan_submit(*, plan: Plan, by) -> Plan:
    """Send a draft or returned plan to the leader."""
    if not plan.sections.exists():
        raise ValidationError("Kế hoạch chưa có mục nội dung nào: hãy thêm nội dung trước khi trình duyệt.")
    return _transition(plan=plan, by=by, to=PlanStatus.SUBMITTED)


@transaction.atomic
def plan_return(*, plan: Plan, by, comment: str) -> Plan:
    """Send a submitted or approved plan back to its author with a comment."""
    if not comment.strip():
        raise ValidationError("Cần ghi ý kiến khi trả lại kế hoạch.")
    return _transition(plan=plan, by=by, to=PlanStatus.RETURNED, comment=comment.strip())


@transaction.atomic
def plan_approve(*, plan: Plan, by, comment: str = "") -> Plan:
    return _transition(plan=plan, by=by, to=PlanStatus.APPROVED, comment=comment)


@transaction.atomic
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
            issued = _transition(plan=plan, by=by, to=PlanStatus.ISSUED, **changes)
    except IntegrityError as error:
        raise ValidationError("Số văn bản vừa được cấp cho kế hoạch khác; xin bấm Ban hành lại.") from error
    from plans.exports import store_issued_pdf_on_commit  # here, so only issuing loads the document renderer

    store_issued_pdf_on_commit(plan_id=issued.pk)  # the issued copy, rendered once after the commit
    return issued


@transaction.atomic
def plan_complete(*, plan: Plan, by, comment: str = "") -> Plan:
    return _transition(plan=plan, by=by, to=PlanStatus.COMPLETED, comment=comment)
