"""Writes of the models_registry app: campaigns, registrations and every move of their workflow.

Every function is atomic, checks that the person may make the move (the same
rules as the buttons, models_registry/rules.py) and that the table of legal
moves allows it, writes one history row per move, and raises `ValidationError`
with a Vietnamese message when the move is refused for a business reason.
"""

import datetime
import hashlib
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.text import normalize_text, spelling_key
from danvan.uploads import check_upload
from danvan.versioning import bump_version
from models_registry.choices import (
    DEFAULT_CRITERIA,
    DEFAULT_FIELDS,
    EDITABLE_STATUSES,
    REGISTRATION_TRANSITIONS,
    CommendationForm,
    Origin,
    RecognitionLevel,
    RegistrationStatus,
)
from models_registry.models import (
    Campaign,
    CampaignReminder,
    Criterion,
    EvidenceFile,
    Field,
    Indicator,
    Registration,
    RegistrationTransition,
    Score,
)
from models_registry.numbers import parse_number
from models_registry.scope import government_of_user
from models_registry.selectors import default_eligible_units, unregistered_units
from units.models import Unit, User

logger = logging.getLogger(__name__)
S = RegistrationStatus


def _require(by, permission: str, obj, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    """Refuse the move unless `by` holds `permission` on `obj` (the rule the buttons use)."""
    if by is None or not by.has_perm(permission, obj):
        raise PermissionDenied(message)


def _text(value: str | None) -> str:
    return (value or "").strip()


# --- campaigns --------------------------------------------------------------------------------


def default_fields() -> list[Field]:
    """Return the five default fields, creating any that is missing (the data migration creates them)."""
    return [
        Field.objects.get_or_create(owner=None, name=name, defaults={"position": position})[0]
        for position, name in enumerate(DEFAULT_FIELDS, start=1)
    ]


def _fields_for(*, issuing_unit: Unit, fields: Iterable[Field] | None, extra_field_names: Iterable[str]) -> list[Field]:
    """Return the offered fields: the given ones (default: the five defaults) plus the commune's new ones."""
    chosen = list(fields) if fields is not None else default_fields()
    names = [normalize_text(_text(name), single_line=True).strip()[:150] for name in extra_field_names]
    if not any(names):
        return chosen
    # "Văn hoá - Xã hội" (tone on the a) is the default "Văn hóa - Xã hội", not a new field.
    known = {spelling_key(field.name): field for field in Field.objects.offered_by(issuing_unit)}
    for name in filter(None, names):
        field = known.get(spelling_key(name))
        if field is None:
            field = known[spelling_key(name)] = Field.objects.create(owner=issuing_unit, name=name)
        if field not in chosen:
            chosen.append(field)
    return chosen


def _check_campaign(campaign: Campaign) -> None:
    # The unique constraint compares names exactly; "hòa" and "hoà" are one name typed two ways.
    key = spelling_key(campaign.name)
    namesakes = Campaign.objects.filter(issuing_unit_id=campaign.issuing_unit_id, year=campaign.year)
    if any(spelling_key(name) == key for name in namesakes.exclude(pk=campaign.pk).values_list("name", flat=True)):
        raise ValidationError("Cơ quan đã có phong trào cùng tên trong năm này.")
    campaign.full_clean(exclude=["created_by"])
    if campaign.plan_id and campaign.plan.issuing_unit_id != campaign.issuing_unit_id:
        raise ValidationError("Kế hoạch phát động phải do chính cơ quan phát động phong trào ban hành.")


@transaction.atomic
def campaign_create(
    *,
    by,
    name: str,
    year: int,
    registration_deadline: datetime.date,
    report_deadline: datetime.date,
    issuing_unit: Unit | None = None,
    target_percent: int = 100,
    allow_multiple: bool = False,
    plan=None,
    eligible_units: Iterable[Unit] | None = None,
    fields: Iterable[Field] | None = None,
    extra_field_names: Iterable[str] = (),
    criteria: Sequence[tuple[str, int | Decimal]] = DEFAULT_CRITERIA,
) -> Campaign:
    """Launch a year's campaign of the official's commune.

    By default every department and service unit of the commune is eligible, the
    five default fields are offered, and the default criteria are used for scoring.
    """
    _require(by, "models_registry.add_campaign", None)
    government = government_of_user(by)
    if government is None:
        raise PermissionDenied("Người phát động phải thuộc một xã, phường.")
    issuing_unit = issuing_unit or government
    if issuing_unit.pk != government.pk:
        raise PermissionDenied("Chỉ phát động phong trào của chính xã, phường nơi bạn công tác.")
    campaign = Campaign(
        issuing_unit=issuing_unit,
        name=name,
        year=year,
        registration_deadline=registration_deadline,
        report_deadline=report_deadline,
        target_percent=target_percent,
        allow_multiple=allow_multiple,
        plan=plan,
        created_by=by,
    )
    _check_campaign(campaign)
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as error:
        raise ValidationError("Cơ quan đã có phong trào cùng tên trong năm này.") from error
    units = list(eligible_units) if eligible_units is not None else list(default_eligible_units(issuing_unit))
    _check_eligible(issuing_unit, units)
    campaign.eligible_units.set(units)
    campaign.offered_fields.set(
        _fields_for(issuing_unit=issuing_unit, fields=fields, extra_field_names=extra_field_names)
    )
    Criterion.objects.bulk_create(
        Criterion(campaign=campaign, position=position, name=text, max_score=Decimal(points))
        for position, (text, points) in enumerate(criteria, start=1)
    )
    audit(AuditAction.CREATE, obj=campaign, by=by, summary=campaign.name)
    return campaign


def _check_eligible(issuing_unit: Unit, units: list[Unit]) -> None:
    if not units:
        raise ValidationError("Phong trào cần ít nhất một đơn vị tham gia.")
    inside = set(Unit.objects.descendants(issuing_unit).values_list("pk", flat=True))
    if any(unit.pk not in inside for unit in units):
        raise ValidationError("Đơn vị tham gia phải là đơn vị trực thuộc cơ quan phát động.")


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    by,
    eligible_units: Iterable[Unit] | None = None,
    fields: Iterable[Field] | None = None,
    extra_field_names: Iterable[str] = (),
    **changes,
) -> Campaign:
    """Change a campaign's deadlines, target, eligible units or fields."""
    _require(by, "models_registry.change_campaign", campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    _check_campaign(locked)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as error:
        raise ValidationError("Cơ quan đã có phong trào cùng tên trong năm này.") from error
    if eligible_units is not None:
        units = list(eligible_units)
        _check_eligible(locked.issuing_unit, units)
        locked.eligible_units.set(units)
    if fields is not None or extra_field_names:
        current = list(locked.offered_fields.all()) if fields is None else fields
        locked.offered_fields.set(
            _fields_for(issuing_unit=locked.issuing_unit, fields=current, extra_field_names=extra_field_names)
        )
    audit(AuditAction.UPDATE, obj=locked, by=by, summary=", ".join(sorted(changes)) or locked.name)
    return locked


@transaction.atomic
def campaign_set_open(*, campaign: Campaign, by, open_: bool) -> Campaign:
    """Reopen registration after the deadline (or close it again)."""
    _require(by, "models_registry.change_campaign", campaign)
    Campaign.objects.filter(pk=campaign.pk).update(registration_open_override=open_, updated_at=timezone.now())
    campaign.refresh_from_db()
    audit(
        AuditAction.UPDATE,
        obj=campaign,
        by=by,
        summary="Mở lại đăng ký" if open_ else "Đóng đăng ký theo hạn",
    )
    return campaign


def _reminder_text(campaign: Campaign, unit: Unit, link: str) -> tuple[str, str]:
    subject = f"Nhắc đăng ký mô hình “Dân vận khéo”: {campaign.name}"
    body = (
        f"Kính gửi {unit.name},\n\n"
        f"{campaign.issuing_unit.name} đề nghị đơn vị đăng ký mô hình “Dân vận khéo” trong {campaign.name}.\n"
        f"Hạn đăng ký: {campaign.registration_deadline:%d/%m/%Y}.\n"
    )
    if link:
        body += f"Đăng ký tại: {link}\n"
    body += "\nĐây là thư tự động của Cổng Dân vận; xin không trả lời thư này."
    return subject, body


@transaction.atomic
def campaign_remind(
    *, campaign: Campaign, by, units: Iterable[Unit] | None = None, today=None, link: str = ""
) -> list[CampaignReminder]:
    """Remind units that have not registered, in the portal and by email; at most once per unit and day.

    Every active person of the unit gets an in-app notification (the bell of the
    navigation bar) linking to the registration form; those with an address also
    get an email, sent once the transaction commits. Each reminder is recorded
    (who sent it, when, to which addresses), so the office sees who was asked.
    Returns the reminders created now; units already reminded today are skipped.
    """
    from units.services import notify

    _require(by, "models_registry.remind_campaign", campaign)
    today = today or timezone.localdate()
    waiting = {unit.pk: unit for unit in unregistered_units(campaign)}
    if units is not None:
        waiting = {unit.pk: waiting[unit.pk] for unit in units if unit.pk in waiting}
    already = set(
        CampaignReminder.objects.filter(campaign=campaign, sent_on=today, unit_id__in=waiting).values_list(
            "unit_id", flat=True
        )
    )
    people_by_unit: dict[int, list] = {}
    for person in User.objects.filter(unit_id__in=waiting, is_active=True).order_by("unit_id", "pk"):
        people_by_unit.setdefault(person.unit_id, []).append(person)
    created = []
    for unit_id, unit in waiting.items():
        if unit_id in already:
            continue
        people = people_by_unit.get(unit_id, [])
        recipients = sorted({person.email for person in people if person.email})
        try:
            with transaction.atomic():
                reminder = CampaignReminder.objects.create(
                    campaign=campaign, unit=unit, sent_on=today, sent_by=by, recipients="\n".join(recipients)
                )
        except IntegrityError:  # a second click at the same moment: one reminder is enough
            continue
        created.append(reminder)
        notify(
            recipients=people,
            text=f"Đơn vị chưa đăng ký mô hình “Dân vận khéo” trong {campaign.name}; "
            f"hạn đăng ký {campaign.registration_deadline:%d/%m/%Y}.",
            url=reverse("models_registry:registration_create", args=[campaign.pk]),
            key=f"dvk-remind:{campaign.pk}:{unit_id}:{today:%Y%m%d}",
        )
        if recipients:
            subject, body = _reminder_text(campaign, unit, link)
            transaction.on_commit(lambda s=subject, b=body, r=recipients: _send(s, b, r))
    return created


def _send(subject: str, body: str, recipients: list[str]) -> None:
    """Send one reminder; a mail server failure is logged, never shown as an error page."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("Không gửi được thư nhắc đăng ký tới %s", ", ".join(recipients))


# --- registrations: content -------------------------------------------------------------------


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
        locked = _transition(registration=locked, by=by, to=S.DRAFT, comment="Đơn vị sửa lại theo ý kiến trả lại.")
    return locked


# --- registrations: workflow ------------------------------------------------------------------


def _transition(*, registration: Registration, by, to: str, comment: str = "", **changes) -> Registration:
    """Move the registration to `to` if the table of legal moves allows it, with one history row.

    The update is conditional on the status read, so a double click or a
    replayed request changes nothing twice.
    """
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if to not in REGISTRATION_TRANSITIONS[locked.status]:
        raise ValidationError(
            f"Không thể chuyển phiếu từ “{locked.get_status_display()}” sang “{RegistrationStatus(to).label}”."
        )
    updated = Registration.objects.filter(pk=locked.pk, status=locked.status).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:  # pragma: no cover - guarded by the row lock on PostgreSQL
        raise ValidationError("Phiếu vừa được người khác chuyển trạng thái.")
    RegistrationTransition.objects.create(
        registration=locked, from_status=locked.status, to_status=to, by=by, comment=comment
    )
    audit(
        AuditAction.TRANSITION,
        obj=locked,
        by=by,
        summary=f"{locked.get_status_display()} → {RegistrationStatus(to).label}: {locked.name}",
    )
    locked.refresh_from_db()
    locked._change_reason = RegistrationStatus(to).label
    locked.save(update_fields=["updated_at"])  # one content-history row for the move
    return locked


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


@transaction.atomic
def registration_submit(*, registration: Registration, by, today: datetime.date | None = None) -> Registration:
    """Send the unit's registration to the commune.

    A first submission after the deadline is refused unless an official reopened
    registration; a registration returned for corrections may always be sent again.
    """
    _require(by, "models_registry.submit_registration", registration)
    today = today or timezone.localdate()
    locked = Registration.objects.select_for_update().select_related("campaign").get(pk=registration.pk)
    first_time = not locked.transitions.filter(to_status=S.SUBMITTED).exists()
    if first_time and not locked.campaign.registration_open(today):
        raise ValidationError(
            f"Đã hết hạn đăng ký ({locked.campaign.registration_deadline:%d/%m/%Y}). "
            "Đề nghị cán bộ phụ trách phong trào mở lại đăng ký."
        )
    if locked.status in (S.DRAFT, S.RETURNED) and not locked.indicators.exists():
        raise ValidationError("Phiếu chưa có chỉ tiêu nào: hãy thêm ít nhất một chỉ tiêu đo được kết quả.")
    if locked.status in (S.DRAFT, S.RETURNED):
        _check_higher_targets(locked)
    if locked.status == S.RETURNED:
        locked = _transition(registration=locked, by=by, to=S.DRAFT, comment="Đơn vị gửi lại không sửa nội dung.")
    return _transition(registration=locked, by=by, to=S.SUBMITTED)


@transaction.atomic
def registration_accept(*, registration: Registration, by, comment: str = "") -> Registration:
    """Accept a submitted registration: the unit now counts as registered."""
    _require(by, "models_registry.accept_registration", registration)
    return _transition(registration=registration, by=by, to=S.ACCEPTED, comment=_text(comment))


@transaction.atomic
def registration_return(*, registration: Registration, by, comment: str) -> Registration:
    """Send a submitted registration back to its unit with what to correct."""
    _require(by, "models_registry.return_registration", registration)
    if not _text(comment):
        raise ValidationError("Cần ghi ý kiến khi trả lại phiếu đăng ký: đơn vị cần biết phải sửa gì.")
    return _transition(registration=registration, by=by, to=S.RETURNED, comment=_text(comment))


@transaction.atomic
def registration_start(*, registration: Registration, by, comment: str = "") -> Registration:
    """Record that the unit has launched its accepted model."""
    _require(by, "models_registry.start_registration", registration)
    return _transition(registration=registration, by=by, to=S.IMPLEMENTING, comment=_text(comment))


@transaction.atomic
def registration_report(
    *,
    registration: Registration,
    by,
    self_assessment: str,
    achieved: Mapping[int, object],
) -> Registration:
    """Record the unit's implementation report, self-assessment and the value reached on every indicator."""
    _require(by, "models_registry.report_registration", registration)
    if not _text(self_assessment):
        raise ValidationError("Cần nêu kết quả thực hiện và tự đánh giá của đơn vị.")
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != S.IMPLEMENTING:
        raise ValidationError(f"Phiếu đang ở trạng thái “{locked.get_status_display()}”: chưa thể báo cáo kết quả.")
    indicators = list(locked.indicators.all())
    for indicator in indicators:
        value = parse_number(achieved.get(indicator.pk), label=f"Kết quả của chỉ tiêu “{indicator.name}”")
        if value is None:
            raise ValidationError(f"Cần nhập kết quả đạt được của chỉ tiêu “{indicator.name}”.")
        indicator.achieved = value
    Indicator.objects.bulk_update(indicators, ["achieved"])
    return _transition(
        registration=locked,
        by=by,
        to=S.SELF_ASSESSED,
        self_assessment=_text(self_assessment),
        reported_at=timezone.now(),
    )


@transaction.atomic
def registration_evaluate(
    *, registration: Registration, by, scores: Mapping[int, object], comment: str = ""
) -> Registration:
    """Score a self-assessed registration on every criterion of its campaign, within each maximum."""
    _require(by, "models_registry.evaluate_registration", registration)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != S.SELF_ASSESSED:
        raise ValidationError(f"Phiếu đang ở trạng thái “{locked.get_status_display()}”: chưa thể chấm điểm.")
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
    return _transition(
        registration=locked,
        by=by,
        to=S.EVALUATED,
        comment=_text(comment),
        evaluation_comment=_text(comment),
        evaluated_by=by,
        evaluated_at=timezone.now(),
        total_score=sum((row.score for row in rows), Decimal(0)),
    )


@transaction.atomic
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
    _require(by, "models_registry.recognize_registration", registration)
    if level not in RecognitionLevel.values:
        raise ValidationError("Chọn cấp công nhận mô hình.")
    if commendation_form and commendation_form not in CommendationForm.values:
        raise ValidationError("Hình thức khen thưởng không hợp lệ.")
    decision = _text(commendation_decision)
    if (decision or commendation_date) and not commendation_form:
        raise ValidationError("Có quyết định khen thưởng thì cần chọn hình thức khen thưởng.")
    if commendation_form and commendation_form != CommendationForm.PRAISE and not (decision and commendation_date):
        raise ValidationError("Giấy khen, Bằng khen cần số và ngày của quyết định khen thưởng.")
    return _transition(
        registration=registration,
        by=by,
        to=S.RECOGNIZED,
        comment=_text(comment),
        recognition_level=level,
        is_exemplary=bool(is_exemplary),
        commendation_form=commendation_form or "",
        commendation_decision=decision[:60],
        commendation_date=commendation_date,
        decided_at=timezone.now(),
    )


@transaction.atomic
def registration_not_recognize(*, registration: Registration, by, comment: str) -> Registration:
    """Decide not to recognize an evaluated model, saying why."""
    _require(by, "models_registry.recognize_registration", registration)
    if not _text(comment):
        raise ValidationError("Cần ghi lý do không công nhận mô hình.")
    return _transition(
        registration=registration, by=by, to=S.NOT_RECOGNIZED, comment=_text(comment), decided_at=timezone.now()
    )


@transaction.atomic
def registration_drop(*, registration: Registration, by, reason: str) -> Registration:
    """Stop a model before its evaluation, with the reason; the unit may then register another one."""
    _require(by, "models_registry.drop_registration", registration)
    if not _text(reason):
        raise ValidationError("Cần ghi lý do dừng mô hình.")
    return _transition(
        registration=registration,
        by=by,
        to=S.DROPPED,
        comment=_text(reason),
        drop_reason=_text(reason),
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
    if note:
        Registration.objects.filter(pk=locked.pk).update(replication_note=_text(note), updated_at=timezone.now())
    if new:
        names = ", ".join(unit.name for unit in new)
        RegistrationTransition.objects.create(
            registration=locked,
            from_status=locked.status,
            to_status=locked.status,
            by=by,
            comment=f"Nhân rộng đến: {names}",
        )
        audit(AuditAction.UPDATE, obj=locked, by=by, summary=f"Nhân rộng đến: {names}")
    locked.refresh_from_db()
    return locked


# --- evidence ---------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(*, registration: Registration, by, upload, description: str = "") -> EvidenceFile:
    """Store an evidence file under a generated name after checking what it really is."""
    _require(by, "models_registry.add_evidence", registration)
    checked = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = EvidenceFile(
        registration=registration,
        stored_token=uuid.uuid4().hex,
        original_name=checked.original_name,
        description=_text(description)[:255],
        kind=checked.kind,
        size=checked.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    evidence.file.save("evidence", upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    audit(AuditAction.CREATE, obj=evidence, by=by, summary=f"{evidence.original_name} ({registration.name})")
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: EvidenceFile, by) -> None:
    """Remove an evidence file and its stored copy."""
    _require(by, "models_registry.add_evidence", evidence.registration)
    stored = evidence.file
    audit(AuditAction.DELETE, obj=evidence, by=by, summary=f"{evidence.original_name} ({evidence.registration.name})")
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
