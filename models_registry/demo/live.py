"""This year's "Dân vận khéo" campaign of Thượng Hồng, dated relative to the day the demo is built.

Registration is open (its deadline three weeks ahead) and the units' registrations stand in
several states: a draft, two waiting for the office, one returned to the Văn phòng (the demo
unit head's unit) with what to fix, two accepted; the other units have not registered yet.
Every move goes through the services, made by the person who makes it. The 2025 campaign
(campaign.py) is a fidelity fixture and stays as it is.
"""

import datetime

from django.contrib.auth import get_user_model

from models_registry import services
from models_registry.demo.campaign import _head_of
from models_registry.demo.content import CAMPAIGN_NAME, DEMO_COMMUNE, MODELS
from models_registry.models import Campaign, Field
from plans.demo_live import issued_title
from plans.models import Plan
from units.choices import Role, UnitKind
from units.models import Unit

# (unit name prefix, state reached); a unit without a head is skipped.
LIVE_REGISTRATIONS = [
    ("Văn phòng", "returned"),
    ("Phòng Văn hóa", "submitted"),
    ("Trạm Y tế", "submitted"),
    ("Trung tâm Văn hóa", "accepted"),
    ("Trường Tiểu học", "accepted"),
    ("Phòng Kinh tế", "draft"),
]
RETURN_COMMENT = "Đề nghị ghi rõ chỉ tiêu đo được (số hồ sơ, số buổi) và mốc hoàn thành của từng chỉ tiêu."


def _model_for(index: int) -> dict:
    """Return the fields of a registration, borrowed from the 2025 models (one per unit)."""
    model = dict(MODELS[index % len(MODELS)][2])
    model.pop("evidence", None)
    return model


def seed_live_campaign(*, today: datetime.date) -> Campaign | None:
    """Create this year's campaign with its registrations; return it, or None if the year has one already."""
    commune = Unit.objects.filter(name=DEMO_COMMUNE, kind=UnitKind.COMMUNE).first()
    if commune is None or Campaign.objects.filter(issuing_unit=commune, year=today.year).exists():
        return None
    active = get_user_model().objects.filter(is_active=True).order_by("pk")
    official = active.filter(unit__parent=commune, role=Role.OFFICIAL).first()
    if official is None:
        return None
    campaign = services.campaign_create(
        by=official,
        issuing_unit=commune,
        name=CAMPAIGN_NAME.format(year=today.year),
        year=today.year,
        plan=Plan.objects.filter(issuing_unit=commune, title=issued_title(today.year)).first(),
        registration_deadline=today + datetime.timedelta(days=21),
        report_deadline=today + datetime.timedelta(days=150),
    )
    units = list(campaign.eligible_units.order_by("position", "pk"))
    for index, (prefix, state) in enumerate(LIVE_REGISTRATIONS):
        unit = next((u for u in units if u.name.startswith(prefix)), None)
        head = _head_of(unit) if unit else None
        if head is None:
            continue
        model = _model_for(index)
        rows = model.pop("indicators")
        registration = services.registration_create(
            campaign=campaign,
            by=head,
            today=today,
            field=Field.objects.get(owner__isnull=True, name=model.pop("field")),
            indicators=[{"name": n, "measure": m, "baseline": b, "target": t} for n, m, b, t, *_ in rows],
            start_date=today + datetime.timedelta(days=30),
            end_date=today + datetime.timedelta(days=140),
            person_in_charge=head.get_full_name(),
            contact=f"{head.username}@thuonghong.haiphong.gov.vn",
            kind="model",
            subject="collective",
            origin="new",
            **model,
        )
        if state == "draft":
            continue
        registration = services.registration_submit(registration=registration, by=head, today=today)
        if state == "returned":
            services.registration_return(registration=registration, by=official, comment=RETURN_COMMENT)
        elif state == "accepted":
            services.registration_accept(registration=registration, by=official)
    return campaign
