"""The lifecycles of a periodic report and of a unit's part of a report cycle, declared once.

Rules, URLs, buttons, the replay guard, `danvan.workflow.move` and docs/workflows.md all read them
(see danvan/lifecycle.py). Services: reports/services.py.
"""

from danvan.lifecycle import Comment, Lifecycle, Move
from reports.choices import PartStatus, ReportStatus
from reports.rules import part_of_own_government, part_of_own_unit, report_of_own_government
from units.permissions import is_leader, is_official, is_unit_head

S = ReportStatus
author = is_official & report_of_own_government
leader = is_leader & report_of_own_government

REPORT_LIFECYCLE = Lifecycle(
    name="report",
    app_label="reports",
    noun="báo cáo",
    status=S,
    history="reports.ReportTransition",
    moves=(
        Move(
            "submit",
            sources=(S.DRAFT, S.RETURNED),
            target=S.SUBMITTED,
            who=author,
            label="Trình duyệt",
            icon="bi-send",
            done="Đã trình báo cáo lên lãnh đạo.",
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
            done="Đã duyệt báo cáo.",
            comment=Comment.OPTIONAL,
            notify=("author",),
        ),
        Move(
            "return",
            sources=(S.SUBMITTED, S.APPROVED),
            target=S.RETURNED,
            who=leader,
            label="Trả lại",
            title="Trả lại báo cáo kèm ý kiến",
            icon="bi-arrow-return-left",
            style="danger",
            confirm="Trả lại báo cáo?",
            done="Đã trả lại báo cáo kèm ý kiến.",
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
            confirm="Ban hành báo cáo? Số liệu sẽ được giữ nguyên như lúc ban hành.",
            done="Đã ban hành báo cáo; số liệu được giữ nguyên như lúc ban hành.",
            notify=("author",),
        ),
    ),
)

P = PartStatus

PART_LIFECYCLE = Lifecycle(
    name="part",
    app_label="reports",
    noun="phần báo cáo",
    status=P,
    history="reports.PartTransition",
    moves=(
        Move(
            "submit",
            sources=(P.PENDING, P.RETURNED),
            target=P.SUBMITTED,
            who=is_unit_head & part_of_own_unit,
            label="Nộp phần báo cáo",
            icon="bi-send",
            done="Đã nộp phần báo cáo của đơn vị.",
            page="reports:part_edit",
            notify=("officials",),
        ),
        Move(
            "return",
            sources=(P.SUBMITTED,),
            target=P.RETURNED,
            who=is_official & part_of_own_government,
            label="Trả lại",
            title="Trả lại phần báo cáo kèm ý kiến",
            icon="bi-arrow-return-left",
            style="outline-danger",
            done="Đã trả lại phần báo cáo cho đơn vị.",
            comment=Comment.REQUIRED,
            comment_label="Ý kiến trả lại",
            notify=("unit_heads",),
        ),
    ),
)

REPORT_TRANSITIONS = REPORT_LIFECYCLE.transitions
