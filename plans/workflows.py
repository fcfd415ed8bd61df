"""The lifecycle of a plan, declared once: every move, who may make it, what it asks and says, who is told.

Rules, URLs, buttons, the replay guard, `danvan.workflow.move` and docs/workflows.md all read it
(see danvan/lifecycle.py). Services: plans/services/workflow.py and plans/importing/persist.py.
"""

from danvan.lifecycle import Comment, Lifecycle, Move
from plans.choices import PlanStatus as S
from plans.rules import plan_of_own_government
from units.permissions import is_leader, is_official

# An official of the issuing government writes the plan; a leader of that government decides on it.
author = is_official & plan_of_own_government
leader = is_leader & plan_of_own_government

PLAN_LIFECYCLE = Lifecycle(
    name="plan",
    app_label="plans",
    noun="kế hoạch",
    status=S,
    history="plans.PlanTransition",
    moves=(
        Move(
            "submit",
            sources=(S.DRAFT, S.RETURNED),
            target=S.SUBMITTED,
            who=author,
            label="Trình duyệt",
            icon="bi-send",
            confirm="Trình kế hoạch này lên lãnh đạo? Sau khi trình sẽ không sửa được cho đến khi bị trả lại.",
            done="Đã trình kế hoạch lên lãnh đạo.",
            notify=("leaders",),
        ),
        Move(
            "approve",
            sources=(S.SUBMITTED,),
            target=S.APPROVED,
            who=leader,
            label="Duyệt",
            icon="bi-check2-circle",
            style="success",
            done="Đã duyệt kế hoạch.",
            comment=Comment.OPTIONAL,
            notify=("author",),
        ),
        Move(
            "return",
            sources=(S.SUBMITTED, S.APPROVED),
            target=S.RETURNED,
            who=leader,
            label="Trả lại",
            icon="bi-arrow-return-left",
            style="danger",
            title="Trả lại kế hoạch kèm ý kiến",
            done="Đã trả lại kế hoạch kèm ý kiến.",
            comment=Comment.REQUIRED,
            comment_label="Ý kiến trả lại",
            notify=("author",),
        ),
        Move(
            "issue",
            sources=(S.APPROVED,),
            target=S.ISSUED,
            who=leader,
            label="Ban hành",
            icon="bi-patch-check",
            style="success",
            confirm="Ban hành kế hoạch? Kế hoạch sẽ được cấp số và không sửa được nữa.",
            done="Đã ban hành kế hoạch.",
            notify=("author", "lead_units"),
        ),
        Move(
            "complete",
            sources=(S.ISSUED,),
            target=S.COMPLETED,
            who=leader,
            label="Hoàn thành",
            style="outline-secondary",
            confirm="Đánh dấu kế hoạch đã hoàn thành?",
            done="Đã đánh dấu kế hoạch hoàn thành.",
            comment=Comment.OPTIONAL,
        ),
        Move(
            "record_issued",
            sources=(S.DRAFT,),
            target=S.ISSUED,
            who=author,
            label="Ghi nhận đã ban hành",
            done="Đã ghi nhận văn bản đã ban hành.",
            internal=True,
        ),
    ),
)

PLAN_TRANSITIONS = PLAN_LIFECYCLE.transitions
