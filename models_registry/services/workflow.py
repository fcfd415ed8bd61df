"""The workflow of a registration: submit, accept, return, start, report, evaluate, recognize or not and drop,
each the service of a move declared in models_registry/workflows.py; and replicate, which moves nothing.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.workflow import move
from models_registry.choices import CommendationForm, RecognitionLevel, RegistrationStatus
from models_registry.models import Indicator, Registration, RegistrationTransition, Score
from models_registry.numbers import parse_number
from models_registry.services._common import _require, _text
from models_registry.workflows import REGISTRATION_LIFECYCLE
from units.models import Unit

S = RegistrationStatus


def _check_higher_targets(registration: Registration) -> None:
    """A continued model must aim higher than last year: no lower target, and at least one higher."""
    previous = registration.continued_from
    if previous is None:
        return
    before = {i.name.casefold(): i for i in previous.indicators.all()}
    higher = False
    for indicator in registration.indicators.all():
        old = before.get(indicator.name.casefold())
        if old is None:
            higher = True  # a new indicator raises the bar too
            continue
        if indicator.target < old.target:
            raise ValidationError(
                f"Mô hình tiếp tục phải có chỉ tiêu cao hơn năm trước: “{indicator.name}” năm trước "
                f"đặt mục tiêu {old.target.normalize():f} {old.measure}, nay chỉ {indicator.target.normalize():f}."
            )
        higher = higher or indicator.target > old.target
    if not higher:
        raise ValidationError(
            "Mô hình tiếp tục phải có mục tiêu, chỉ tiêu cao hơn năm trước: hãy nâng ít nhất một chỉ tiêu "
            "hoặc thêm chỉ tiêu mới."
        )


@REGISTRATION_LIFECYCLE.service("submit")
def registration_submit(*, registration: Registration, by, today: datetime.date | None = None) -> Registration:
    """Send the unit's registration to the commune.

    A first submission after the deadline is refused unless an official reopened
    registration; a registration returned for corrections may always be sent again.
    """
    today = today or timezone.localdate()
    locked = Registration.objects.select_for_update().select_related("campaign").get(pk=registration.pk)
    first_time = not locked.transitions.filter(to_status=S.SUBMITTED).exists()
    if first_time and not locked.campaign.registration_open(today):
        raise ValidationError(
            f"Đã hết hạn đăng ký ({locked.campaign.registration_deadline:%d/%m/%Y}). "
            "Đề nghị cán bộ phụ trách phong trào mở lại đăng ký."
        )
    REGISTRATION_LIFECYCLE.require_source("submit", locked)
    if not locked.indicators.exists():
        raise ValidationError("Phiếu chưa có chỉ tiêu nào: hãy thêm ít nhất một chỉ tiêu đo được kết quả.")
    _check_higher_targets(locked)
    if locked.status == S.RETURNED:
        locked = move(locked, REGISTRATION_LIFECYCLE, "redraft", by=by, comment="Đơn vị gửi lại không sửa nội dung.")
    return move(locked, REGISTRATION_LIFECYCLE, "submit", by=by)


@REGISTRATION_LIFECYCLE.service("accept")
def registration_accept(*, registration: Registration, by, comment: str = "") -> Registration:
    """Accept a submitted registration: the unit now counts as registered."""
    return move(registration, REGISTRATION_LIFECYCLE, "accept", by=by, comment=_text(comment))


@REGISTRATION_LIFECYCLE.service("return")
def registration_return(*, registration: Registration, by, comment: str) -> Registration:
    """Send a submitted registration back to its unit with what to correct."""
    if not _text(comment):
        raise ValidationError("Cần ghi ý kiến khi trả lại phiếu đăng ký: đơn vị cần biết phải sửa gì.")
    return move(registration, REGISTRATION_LIFECYCLE, "return", by=by, comment=_text(comment))


@REGISTRATION_LIFECYCLE.service("start")
def registration_start(*, registration: Registration, by, comment: str = "") -> Registration:
    """Record that the unit has launched its accepted model."""
    return move(registration, REGISTRATION_LIFECYCLE, "start", by=by, comment=_text(comment))


@REGISTRATION_LIFECYCLE.service("report")
def registration_report(
    *,
    registration: Registration,
    by,
    self_assessment: str,
    achieved: Mapping[int, object],
) -> Registration:
    """Record the unit's implementation report, self-assessment and the value reached on every indicator."""
    if not _text(self_assessment):
        raise ValidationError("Cần nêu kết quả thực hiện và tự đánh giá của đơn vị.")
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    REGISTRATION_LIFECYCLE.require_source(
        "report", locked, f"Phiếu đang ở trạng thái “{locked.get_status_display()}”: chưa thể báo cáo kết quả."
    )
    indicators = list(locked.indicators.all())
    for indicator in indicators:
        value = parse_number(achieved.get(indicator.pk), label=f"Kết quả của chỉ tiêu “{indicator.name}”")
        if value is None:
            raise ValidationError(f"Cần nhập kết quả đạt được của chỉ tiêu “{indicator.name}”.")
        indicator.achieved = value
    Indicator.objects.bulk_update(indicators, ["achieved"])
    return move(
        locked,
        REGISTRATION_LIFECYCLE,
        "report",
        by=by,
        self_assessment=_text(self_assessment),
        reported_at=timezone.now(),
    )


@REGISTRATION_LIFECYCLE.service("evaluate")
def registration_evaluate(
    *, registration: Registration, by, scores: Mapping[int, object], comment: str = ""
) -> Registration:
    """Score a self-assessed registration on every criterion of its campaign, within each maximum."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    REGISTRATION_LIFECYCLE.require_source(
        "evaluate", locked, f"Phiếu đang ở trạng thái “{locked.get_status_display()}”: chưa thể chấm điểm."
    )
    criteria = list(locked.campaign.criteria.all())
    if not criteria:
        raise ValidationError("Phong trào chưa có tiêu chí chấm điểm.")
    rows = []
    for criterion in criteria:
        value = parse_number(scores.get(criterion.pk), label=f"Điểm tiêu chí “{criterion.name}”")
        if value is None:
            raise ValidationError(f"Cần chấm điểm tiêu chí “{criterion.name}”.")
        if value > criterion.max_score:
            raise ValidationError(
                f"Điểm tiêu chí “{criterion.name}” phải từ 0 đến {criterion.max_score.normalize():f}."
            )
        rows.append(
            Score(registration=locked, criterion=criterion, score=value, max_score=criterion.max_score, evaluator=by)
        )
    Score.objects.filter(registration=locked).delete()
    Score.objects.bulk_create(rows)
    return move(
        locked,
        REGISTRATION_LIFECYCLE,
        "evaluate",
        by=by,
        comment=_text(comment),
        evaluation_comment=_text(comment),
        evaluated_by=by,
        evaluated_at=timezone.now(),
        total_score=sum((row.score for row in rows), Decimal(0)),
    )


@REGISTRATION_LIFECYCLE.service("recognize")
def registration_recognize(
    *,
    registration: Registration,
    by,
    level: str,
    is_exemplary: bool = False,
    commendation_form: str = "",
    commendation_decision: str = "",
    commendation_date: datetime.date | None = None,
    comment: str = "",
) -> Registration:
    """Recognize an evaluated model at a level, with the commendation when there is one."""
    if level not in RecognitionLevel.values:
        raise ValidationError("Chọn cấp công nhận mô hình.")
    if commendation_form and commendation_form not in CommendationForm.values:
        raise ValidationError("Hình thức khen thưởng không hợp lệ.")
    decision = _text(commendation_decision)
    if (decision or commendation_date) and not commendation_form:
        raise ValidationError("Có quyết định khen thưởng thì cần chọn hình thức khen thưởng.")
    if commendation_form and commendation_form != CommendationForm.PRAISE and not (decision and commendation_date):
        raise ValidationError("Giấy khen, Bằng khen cần số và ngày của quyết định khen thưởng.")
    return move(
        registration,
        REGISTRATION_LIFECYCLE,
        "recognize",
        by=by,
        comment=_text(comment),
        recognition_level=level,
        is_exemplary=bool(is_exemplary),
        commendation_form=commendation_form or "",
        commendation_decision=decision[:60],
        commendation_date=commendation_date,
        decided_at=timezone.now(),
    )


@REGISTRATION_LIFECYCLE.service("not_recognize")
def registration_not_recognize(*, registration: Registration, by, comment: str) -> Registration:
    """Decide not to recognize an evaluated model, saying why."""
    if not _text(comment):
        raise ValidationError("Cần ghi lý do không công nhận mô hình.")
    return move(
        registration, REGISTRATION_LIFECYCLE, "not_recognize", by=by, comment=_text(comment), decided_at=timezone.now()
    )


@REGISTRATION_LIFECYCLE.service("drop")
def registration_drop(*, registration: Registration, by, comment: str) -> Registration:
    """Stop a model before its evaluation, with the reason; the unit may then register another one."""
    reason = _text(comment)
    if not reason:
        raise ValidationError("Cần ghi lý do dừng mô hình.")
    return move(
        registration,
        REGISTRATION_LIFECYCLE,
        "drop",
        by=by,
        comment=reason,
        drop_reason=reason,
        exclusive=False,
    )


@transaction.atomic
def registration_replicate(*, registration: Registration, by, units: Iterable[Unit], note: str = "") -> Registration:
    """Mark a recognized model for replication to the named units, recorded in its timeline."""
    _require(by, "models_registry.replicate_registration", registration)
    units = [unit for unit in units if unit.pk != registration.unit_id]
    if not units:
        raise ValidationError("Chọn ít nhất một đơn vị khác để nhân rộng mô hình.")
    allowed = set(Unit.objects.descendants(registration.campaign.issuing_unit).values_list("pk", flat=True))
    if any(unit.pk not in allowed for unit in units):
        raise ValidationError("Chỉ nhân rộng đến các đơn vị thuộc cơ quan phát động phong trào.")
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != S.RECOGNIZED:
        raise ValidationError("Chỉ nhân rộng mô hình đã được công nhận.")
    new = [unit for unit in units if not locked.replication_units.filter(pk=unit.pk).exists()]
    locked.replication_units.add(*units)
    changes = []
    if new:
        names = ", ".join(unit.name for unit in new)
        changes.append(f"Nhân rộng đến: {names}")
        RegistrationTransition.objects.create(
            registration=locked, from_status=locked.status, to_status=locked.status, by=by, comment=changes[0]
        )
    note = _text(note)
    if note and note != locked.replication_note:
        locked.replication_note = note
        locked._change_reason = "Ghi chú nhân rộng"
        locked.save(update_fields=["replication_note", "updated_at"])  # a content-history row, like any edit
        changes.append(f"Ghi chú nhân rộng: {note}")
    if changes:
        audit(AuditAction.UPDATE, obj=locked, by=by, summary="; ".join(changes))
    locked.refresh_from_db()
    return locked
