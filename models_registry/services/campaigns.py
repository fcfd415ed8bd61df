"""Campaigns of "Dân vận khéo": launching a year's campaign with its eligible units, fields and criteria,
changing it, reopening registration, and reminding the units that have not registered.
"""

import datetime
import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.text import normalize_text, spelling_key
from danvan.versioning import bump_version
from models_registry.choices import DEFAULT_CRITERIA, DEFAULT_FIELDS
from models_registry.models import Campaign, CampaignReminder, Criterion, Field
from models_registry.selectors import default_eligible_units, unregistered_units
from models_registry.services._common import _require, _text
from units.models import Unit, User
from units.scope import scope_of

logger = logging.getLogger(__name__)


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
    government = scope_of(by).root
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
    expected_version: int | None = None,
    eligible_units: Iterable[Unit] | None = None,
    fields: Iterable[Field] | None = None,
    extra_field_names: Iterable[str] = (),
    **changes,
) -> Campaign:
    """Change a campaign's deadlines, target, eligible units or fields, refusing a stale edit."""
    _require(by, "models_registry.change_campaign", campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    bump_version(
        locked,
        expected_version,
        message="Phong trào vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại.",
    )
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
    get an email, sent by a job once the transaction commits. Each reminder is recorded
    (who sent it, when, to which addresses), so the office sees who was asked.
    Returns the reminders created now; units already reminded today are skipped.
    """
    from danvan.jobs import start_job
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
            # One job per unit's reminder, keyed by it: a worker sends it after the commit, never twice.
            start_job(
                "campaign_reminder_email",
                target=campaign,
                user=by,
                key=f"campaign_reminder_email:{reminder.pk}",
                params={"reminder": reminder.pk, "link": link},
            )
    return created


def campaign_reminder_email_send(*, reminder: CampaignReminder, link: str = "") -> int:
    """Send the email of one unit's reminder to the addresses it recorded; return how many addresses.

    Raises when the mail server fails (the job records it with its message).
    """
    recipients = [address for address in reminder.recipients.splitlines() if address]
    if not recipients:
        return 0
    subject, body = _reminder_text(reminder.campaign, reminder.unit, link)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return len(recipients)
