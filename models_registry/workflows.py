"""The lifecycle of a "Dân vận khéo" registration, declared once (see danvan/lifecycle.py).

Rules, URLs, buttons, the replay guard, `danvan.workflow.move` and docs/workflows.md all read it.
Services: models_registry/services/workflow.py and content.py (a returned registration becomes a
draft again when its unit edits it).
"""

from danvan.lifecycle import Comment, Lifecycle, Move
from models_registry.choices import RegistrationStatus as S
from models_registry.rules import commune_official, registration_of_own_government, unit_author
from units.permissions import is_leader

leader = is_leader & registration_of_own_government
BEFORE_EVALUATION = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.IMPLEMENTING, S.SELF_ASSESSED)

REGISTRATION_LIFECYCLE = Lifecycle(
    name="registration",
    app_label="models_registry",
    noun="phiếu",
    status=S,
    history="models_registry.RegistrationTransition",
    moves=(
        Move(
            "submit",
            sources=(S.DRAFT, S.RETURNED),
            target=S.SUBMITTED,
            who=unit_author,
            label="Gửi đăng ký",
            icon="bi-send",
            confirm="Gửi phiếu đăng ký tới UBND xã? Sau khi gửi sẽ không sửa được cho đến khi bị trả lại.",
            done="Đã gửi phiếu đăng ký tới Ủy ban nhân dân xã.",
            notify=("officials",),
        ),
        Move(
            "redraft",
            sources=(S.RETURNED,),
            target=S.DRAFT,
            who=unit_author,
            label="Sửa lại",
            done="Phiếu trở lại dự thảo để đơn vị sửa.",
            internal=True,
        ),
        Move(
            "accept",
            sources=(S.SUBMITTED,),
            target=S.ACCEPTED,
            who=commune_official,
            label="Chấp nhận",
            icon="bi-check2-circle",
            style="success",
            done="Đã chấp nhận đăng ký mô hình.",
            comment=Comment.OPTIONAL,
            notify=("author",),
        ),
        Move(
            "return",
            sources=(S.SUBMITTED,),
            target=S.RETURNED,
            who=commune_official,
            label="Trả lại",
            title="Trả lại phiếu kèm ý kiến",
            icon="bi-arrow-return-left",
            style="danger",
            done="Đã trả lại phiếu kèm ý kiến.",
            comment=Comment.REQUIRED,
            comment_label="Ý kiến trả lại",
            notify=("author",),
        ),
        Move(
            "start",
            sources=(S.ACCEPTED,),
            target=S.IMPLEMENTING,
            who=unit_author,
            label="Bắt đầu triển khai",
            icon="bi-play-circle",
            done="Đã ghi nhận mô hình bắt đầu triển khai.",
            comment=Comment.OPTIONAL,
        ),
        Move(
            "report",
            sources=(S.IMPLEMENTING,),
            target=S.SELF_ASSESSED,
            who=unit_author,
            label="Báo cáo kết quả",
            icon="bi-clipboard-check",
            done="Đã gửi báo cáo kết quả và tự đánh giá.",
            page="models_registry:registration_report",
            notify=("officials",),
        ),
        Move(
            "evaluate",
            sources=(S.SELF_ASSESSED,),
            target=S.EVALUATED,
            who=commune_official,
            label="Chấm điểm",
            icon="bi-star-half",
            done="Đã lưu điểm đánh giá.",
            page="models_registry:registration_evaluate",
            notify=("leaders",),
        ),
        Move(
            "recognize",
            sources=(S.EVALUATED,),
            target=S.RECOGNIZED,
            who=leader,
            label="Công nhận",
            icon="bi-award",
            style="success",
            done="Đã công nhận mô hình.",
            page="models_registry:registration_recognize",
            notify=("author",),
        ),
        Move(
            "not_recognize",
            sources=(S.EVALUATED,),
            target=S.NOT_RECOGNIZED,
            who=leader,
            label="Không công nhận",
            style="outline-danger",
            confirm="Quyết định không công nhận mô hình này?",
            done="Đã ghi nhận không công nhận mô hình.",
            comment=Comment.REQUIRED,
            comment_label="Lý do",
            notify=("author",),
        ),
        Move(
            "drop",
            sources=BEFORE_EVALUATION,
            target=S.DROPPED,
            who=unit_author | commune_official,
            label="Dừng mô hình",
            icon="bi-stop-circle",
            style="outline-danger",
            confirm="Dừng mô hình này? Không thể hoàn tác.",
            done="Đã dừng mô hình.",
            comment=Comment.REQUIRED,
            comment_label="Lý do dừng",
            notify=("author", "officials"),
        ),
    ),
)

REGISTRATION_TRANSITIONS = REGISTRATION_LIFECYCLE.transitions
