"""Seed the Thượng Hồng 2025 campaign: every move goes through the services, as a real campaign's would."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from models_registry import services
from models_registry.demo.content import (
    CAMPAIGN_NAME,
    DEMO_COMMUNE,
    DROP_REASON,
    DROPPED_MODEL,
    DURING_REGISTRATION,
    EXTRA_UNITS,
    HEADS,
    MODELS,
    PATHS,
    S,
)
from models_registry.models import Campaign, Field, Registration
from plans.models import Plan
from units.choices import Role, UnitKind
from units.models import Unit


def _head_of(unit: Unit):
    """Return the unit's head: a demo login if there is one, else a person record without a password."""
    User = get_user_model()
    head = User.objects.filter(unit=unit, role=Role.UNIT_HEAD, is_active=True).order_by("pk").first()
    if head:
        return head
    for prefix, (username, full_name, position) in HEADS.items():
        if unit.name.startswith(prefix):
            head, created = User.objects.get_or_create(
                username=username,
                defaults={"unit": unit, "role": Role.UNIT_HEAD, "full_name": full_name, "position": position},
            )
            if created:
                head.set_unusable_password()
                head.save()
            return head
    return None


def _ensure_units(commune: Unit) -> None:
    last = max(commune.children.values_list("position", flat=True), default=0)
    for offset, (name, abbreviation, kind) in enumerate(EXTRA_UNITS, start=1):
        Unit.objects.get_or_create(
            parent=commune,
            name=name,
            defaults={
                "short_name": name,
                "abbreviation": abbreviation,
                "kind": kind,
                "place_name": commune.place_name,
                "position": last + offset,
            },
        )


def _walk(
    registration: Registration, target: str, *, achieved: dict[str, object], exemplary: bool, head, official, leader
) -> Registration:
    """Move a new draft to `target` through the services, each step by the person who takes it.

    `achieved` maps indicator names to the results reported (default: the target).
    """
    for step in PATHS[target]:
        if step == "submit":
            registration = services.registration_submit(registration=registration, by=head, today=DURING_REGISTRATION)
        elif step == "return":
            registration = services.registration_return(
                registration=registration,
                by=official,
                comment="Đề nghị bổ sung mốc thời gian cho từng chỉ tiêu và người phụ trách ở từng thôn.",
            )
        elif step == "accept":
            registration = services.registration_accept(registration=registration, by=official)
        elif step == "start":
            registration = services.registration_start(
                registration=registration, by=head, comment="Đã ra mắt mô hình tại hội nghị của đơn vị."
            )
        elif step == "report":
            results = {i.pk: achieved.get(i.name, i.target) for i in registration.indicators.all()}
            registration = services.registration_report(
                registration=registration,
                by=head,
                self_assessment="Đơn vị đã triển khai đủ các nội dung đăng ký; các chỉ tiêu đạt và vượt kế hoạch. "
                "Người dân đồng tình, tham gia tích cực; mô hình có thể duy trì và nhân rộng.",
                achieved=results,
            )
        elif step == "evaluate":
            scores = {c.pk: c.max_score - Decimal(c.position % 3) for c in registration.campaign.criteria.all()}
            registration = services.registration_evaluate(
                registration=registration, by=official, scores=scores, comment="Mô hình thiết thực, hiệu quả rõ."
            )
        elif step == "recognize":
            registration = services.registration_recognize(
                registration=registration,
                by=leader,
                level="commune",
                is_exemplary=exemplary,
                commendation_form="certificate",
                commendation_decision="512/QĐ-UBND",
                commendation_date=datetime.date(2025, 12, 22),
            )
    return registration


def _register(campaign, unit, head, model: dict) -> Registration:
    fields = dict(model)
    rows = fields.pop("indicators")
    field = Field.objects.get(owner__isnull=True, name=fields.pop("field"))
    registration = services.registration_create(
        campaign=campaign,
        by=head,
        today=DURING_REGISTRATION,
        field=field,
        indicators=[{"name": n, "measure": m, "baseline": b, "target": t} for n, m, b, t, *_ in rows],
        start_date=datetime.date(2025, 10, 1),
        end_date=datetime.date(2025, 12, 15),
        person_in_charge=head.get_full_name(),
        contact=f"{head.username}@thuonghong.haiphong.gov.vn",
        kind="model",
        subject="collective",
        origin="new",
        **fields,
    )
    return registration


@transaction.atomic
def seed_thuong_hong_campaign() -> Campaign | None:
    """Create the Thượng Hồng 2025 campaign and its registrations; return it, or None if it already exists."""
    commune = Unit.objects.filter(name=DEMO_COMMUNE, kind=UnitKind.COMMUNE).first()
    if commune is None:
        return None
    name = CAMPAIGN_NAME.format(year=2025)
    if Campaign.objects.filter(issuing_unit=commune, year=2025, name=name).exists():
        return None
    User = get_user_model()
    official = User.objects.filter(unit__parent=commune, role=Role.OFFICIAL, is_active=True).order_by("pk").first()
    leader = User.objects.filter(unit=commune, role=Role.LEADER, is_active=True).order_by("pk").first()
    if official is None or leader is None:
        return None
    _ensure_units(commune)
    plan = Plan.objects.filter(issuing_unit=commune, title__icontains="Dân vận khéo").order_by("pk").first()
    campaign = services.campaign_create(
        by=official,
        issuing_unit=commune,
        name=name,
        year=2025,
        plan=plan,
        registration_deadline=datetime.date(2025, 9, 30),
        report_deadline=datetime.date(2025, 12, 15),
    )
    units = {unit.name: unit for unit in campaign.eligible_units.all()}
    for prefix, target, model in MODELS:
        unit = next((u for n, u in units.items() if n.startswith(prefix)), None)
        head = _head_of(unit) if unit else None
        if head is None:
            continue
        if prefix == "Phòng Kinh tế":
            first = _register(campaign, unit, head, DROPPED_MODEL)
            services.registration_submit(registration=first, by=head, today=DURING_REGISTRATION)
            services.registration_drop(registration=first, by=head, comment=DROP_REASON)
        registration = _register(campaign, unit, head, model)
        achieved = {row[0]: row[4] for row in model["indicators"] if len(row) > 4}
        registration = _walk(
            registration,
            target,
            achieved=achieved,
            exemplary=prefix == "Phòng Văn hóa",
            head=head,
            official=official,
            leader=leader,
        )
        if target == S.RECOGNIZED and prefix == "Phòng Văn hóa":
            others = [u for n, u in units.items() if n.startswith("Trung tâm Văn hóa")]
            services.registration_replicate(registration=registration, by=leader, units=others)
    return campaign
