"""The content of a registration: registering a model of the unit in a campaign as a draft, and saving the
unit's edits of a draft or returned registration with its indicator table.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.versioning import bump_version
from danvan.workflow import move
from models_registry.choices import EDITABLE_STATUSES, Origin, RegistrationStatus
from models_registry.models import Campaign, Indicator, Registration
from models_registry.numbers import parse_number
from models_registry.services._common import _require, _text
from models_registry.workflows import REGISTRATION_LIFECYCLE

S = RegistrationStatus


def _bump_version(registration: Registration, expected_version: int | None) -> None:
    bump_version(
        registration,
        expected_version,
        message="Phiếu đăng ký vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại.",
    )


def _indicator_rows(rows: Iterable[Mapping]) -> list[Indicator]:
    """Return unsaved Indicators from dicts (name, measure, baseline, target), checking every number."""
    indicators = []
    for position, row in enumerate(rows, start=1):
        name = _text(row.get("name"))
        if not name:
            raise ValidationError(f"Chỉ tiêu thứ {position} chưa có tên.")
        label = f"Chỉ tiêu “{name}”"
        target = parse_number(row.get("target"), label=f"{label}: mục tiêu")
        if target is None:
            raise ValidationError(f"{label}: cần nhập giá trị mục tiêu (một số).")
        indicator = Indicator(
            position=position,
            name=name,
            measure=_text(row.get("measure")),
            baseline=parse_number(row.get("baseline"), label=f"{label}: hiện trạng"),
            target=target,
        )
        indicator.full_clean(exclude=["registration"])
        indicators.append(indicator)
    return indicators


def _replace_indicators(registration: Registration, indicators: list[Indicator]) -> None:
    registration.indicators.all().delete()
    for indicator in indicators:
        indicator.registration = registration
    Indicator.objects.bulk_create(indicators)


@transaction.atomic
def registration_create(
    *,
    campaign: Campaign,
    by,
    indicators: Iterable[Mapping] = (),
    continued_from: Registration | None = None,
    today: datetime.date | None = None,
    **fields,
) -> Registration:
    """Register a model of the person's unit in `campaign` as a draft.

    Refused after the registration deadline unless an official reopened it, and
    for a second model of the same unit unless the campaign allows several.
    """
    _require(
        by, "models_registry.add_registration", campaign, "Đơn vị của bạn không thuộc diện đăng ký phong trào này."
    )
    today = today or timezone.localdate()
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not locked.registration_open(today):
        raise ValidationError(
            f"Đã hết hạn đăng ký ({locked.registration_deadline:%d/%m/%Y}). "
            "Đề nghị cán bộ phụ trách phong trào mở lại đăng ký nếu đơn vị cần đăng ký muộn."
        )
    unit = by.unit
    existing = Registration.objects.filter(campaign=locked, unit=unit, exclusive=True).first()
    if existing and not locked.allow_multiple:
        raise ValidationError(
            f"Đơn vị đã đăng ký mô hình “{existing.name}” trong phong trào này; "
            "mỗi đơn vị chỉ đăng ký một mô hình. Hãy sửa phiếu đã có, hoặc dừng nó trước khi đăng ký mô hình khác."
        )
    field = fields.get("field")
    if field is not None and not locked.offered_fields.filter(pk=field.pk).exists():
        raise ValidationError("Lĩnh vực đã chọn không có trong phong trào này.")
    if continued_from is not None:
        if continued_from.unit_id != unit.pk or continued_from.campaign.year >= locked.year:
            raise ValidationError("Chỉ tiếp tục được mô hình của chính đơn vị từ năm trước.")
        fields["origin"] = Origin.CONTINUED
    rows = _indicator_rows(indicators)
    registration = Registration(
        campaign=locked,
        unit=unit,
        created_by=by,
        continued_from=continued_from,
        exclusive=not locked.allow_multiple,
        **fields,
    )
    registration.full_clean(exclude=["created_by", "campaign", "unit"])
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # two tabs registering at the same moment
        raise ValidationError("Đơn vị vừa đăng ký một mô hình khác trong phong trào này.") from error
    _replace_indicators(registration, rows)
    audit(AuditAction.CREATE, obj=registration, by=by, summary=registration.name)
    return registration


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    by,
    expected_version: int | None,
    indicators: Iterable[Mapping] | None = None,
    **fields,
) -> Registration:
    """Save the unit's changes to a draft or returned registration, refusing a stale edit.

    A returned registration becomes a draft again, with a history row.
    """
    _require(
        by,
        "models_registry.change_registration",
        registration,
        "Chỉ đơn vị đăng ký được sửa phiếu, và chỉ khi phiếu còn là dự thảo hoặc bị trả lại.",
    )
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(f"Phiếu đang ở trạng thái “{locked.get_status_display()}” nên không sửa được.")
    field = fields.get("field")
    if field is not None and not locked.campaign.offered_fields.filter(pk=field.pk).exists():
        raise ValidationError("Lĩnh vực đã chọn không có trong phong trào này.")
    rows = _indicator_rows(indicators) if indicators is not None else None
    _bump_version(locked, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.origin == Origin.NEW:
        locked.continued_from = None
    locked._change_reason = "Sửa phiếu đăng ký"
    locked.full_clean(exclude=["created_by", "campaign", "unit"])
    locked.save()
    if rows is not None:
        _replace_indicators(locked, rows)
    audit(AuditAction.UPDATE, obj=locked, by=by, summary=", ".join(sorted(fields)) or locked.name)
    if locked.status == S.RETURNED:
        locked = move(locked, REGISTRATION_LIFECYCLE, "redraft", by=by, comment="Đơn vị sửa lại theo ý kiến trả lại.")
    return locked
