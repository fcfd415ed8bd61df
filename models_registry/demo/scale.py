"""Synthetic campaigns in volume for benchmarks, written by bulk_create on the "Mẫu NNN" communes."""

import datetime
from decimal import Decimal
from itertools import cycle

from django.contrib.auth import get_user_model
from django.db import transaction

from models_registry import services
from models_registry.demo.content import CAMPAIGN_NAME, S
from models_registry.models import Campaign, Criterion, Indicator, Registration, RegistrationTransition
from units.choices import OPERATIONAL_KINDS, UnitKind
from units.models import Unit

SCALE_YEARS = (2021, 2022, 2023, 2024, 2025)
SCALE_STATUSES = [S.RECOGNIZED, S.IMPLEMENTING, S.ACCEPTED, S.SUBMITTED, S.EVALUATED, S.NOT_RECOGNIZED, S.DRAFT]
SCALE_MODEL_NAMES = [
    "Một cửa thân thiện, gần dân",
    "Bình dân học vụ số",
    "Chợ văn minh thương mại",
    "Khu dân cư không có tội phạm",
    "Vận động bảo hiểm y tế toàn dân",
    "Tuyến đường sáng - xanh - sạch - đẹp",
    "Dân vận khéo trong giải phóng mặt bằng",
    "Trường học an toàn",
]


@transaction.atomic
def seed_scale(*, scale: int, communes_per_scale: int = 25, years=SCALE_YEARS, per_campaign: int = 5) -> int:
    """Add campaigns with registrations, by bulk_create, to the synthetic communes "Mẫu NNN"; return how many.

    Each of the first `scale * communes_per_scale` synthetic communes gets a campaign per year, with
    `per_campaign` of its operational units registered in mixed states. Communes that already have
    campaigns are skipped, so running again adds nothing.
    """
    User = get_user_model()
    author, _created = User.objects.get_or_create(username="dvk-tonghop", defaults={"full_name": "Dữ liệu tổng hợp"})
    communes = list(
        Unit.objects.filter(kind=UnitKind.COMMUNE, name__startswith="Ủy ban nhân dân xã Mẫu ")
        .exclude(dvk_campaigns__isnull=False)
        .order_by("name")[: scale * communes_per_scale]
    )
    if not communes:
        return 0
    units_by_commune: dict[int, list[Unit]] = {}
    for unit in Unit.objects.filter(parent__in=communes, kind__in=OPERATIONAL_KINDS).order_by("position", "pk"):
        units_by_commune.setdefault(unit.parent_id, []).append(unit)
    default_fields = services.default_fields()
    campaigns = Campaign.objects.bulk_create(
        Campaign(
            issuing_unit=commune,
            year=year,
            name=CAMPAIGN_NAME.format(year=year),
            registration_deadline=datetime.date(year, 9, 30),
            report_deadline=datetime.date(year, 12, 15),
            created_by=author,
        )
        for commune in communes
        for year in years
    )
    Eligible = Campaign.eligible_units.through
    Offered = Campaign.offered_fields.through
    Eligible.objects.bulk_create(
        Eligible(campaign_id=c.pk, unit_id=u.pk) for c in campaigns for u in units_by_commune.get(c.issuing_unit_id, [])
    )
    Offered.objects.bulk_create(Offered(campaign_id=c.pk, field_id=f.pk) for c in campaigns for f in default_fields)
    Criterion.objects.bulk_create(
        Criterion(campaign=c, position=1, name="Hiệu quả thiết thực, có khả năng nhân rộng", max_score=100)
        for c in campaigns
    )
    statuses, names, fields = cycle(SCALE_STATUSES), cycle(SCALE_MODEL_NAMES), cycle(default_fields)
    registrations = []
    for campaign in campaigns:
        for unit in units_by_commune.get(campaign.issuing_unit_id, [])[:per_campaign]:
            status = next(statuses)
            decided = status in (S.RECOGNIZED, S.NOT_RECOGNIZED, S.EVALUATED)
            registrations.append(
                Registration(
                    campaign=campaign,
                    unit=unit,
                    name=f"{next(names)} ({unit.short_name or unit.name}, {campaign.year})",
                    field=next(fields),
                    problem="Vấn đề người dân quan tâm tại địa bàn.",
                    objectives="Giải quyết dứt điểm, được người dân đồng tình.",
                    method="Tuyên truyền, vận động, đối thoại với người dân.",
                    place_scope=campaign.issuing_unit.name,
                    participants="Cán bộ đơn vị; người dân",
                    start_date=datetime.date(campaign.year, 10, 1),
                    end_date=datetime.date(campaign.year, 12, 15),
                    person_in_charge="Người phụ trách",
                    contact="vanphong@example.invalid",
                    status=status,
                    exclusive=True,
                    created_by=author,
                    total_score=Decimal(90) if decided else None,
                    recognition_level="commune" if status == S.RECOGNIZED else "",
                )
            )
    for registration in registrations:
        registration.search_text = registration.index_text()  # bulk_create skips save()
    registrations = Registration.objects.bulk_create(registrations, batch_size=2000)
    Indicator.objects.bulk_create(
        (
            Indicator(
                registration=r,
                position=1,
                name="Tỷ lệ người dân hài lòng",
                measure="%",
                baseline=Decimal(80),
                target=Decimal(95),
                achieved=Decimal(96) if r.status in (S.RECOGNIZED, S.NOT_RECOGNIZED, S.EVALUATED) else None,
            )
            for r in registrations
        ),
        batch_size=2000,
    )
    RegistrationTransition.objects.bulk_create(
        (
            RegistrationTransition(registration=r, from_status=S.DRAFT, to_status=S.SUBMITTED, by=author)
            for r in registrations
            if r.status != S.DRAFT
        ),
        batch_size=2000,
    )
    return len(registrations)
