"""Given: the records the request tests (test_requests_*.py, rows 45-52) act on, and how they read the outcome.

Each request is made the way a browser (or someone replaying one) would make it; the answer is a clear
refusal or a harmless page, what is stored stays as it was, and never a 500.
"""

import datetime

import pytest
from django.utils import timezone

from danvan.models import AuditEntry
from models_registry import services as registry
from models_registry.models import Registration
from reports import services as reporting
from tests.factories import IssuedPlanFactory, TaskFactory, UserFactory
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS
from units.choices import Role

# --- given ------------------------------------------------------------------------------------


@pytest.fixture
def second_official(world):
    """Another official of the commune's Phòng Văn hóa - Xã hội: the second editor."""
    return UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL)


@pytest.fixture
def campaign(world, official):
    """The commune's 2025 "Dân vận khéo" campaign, open for another month."""
    today = timezone.localdate()
    return registry.campaign_create(
        by=official,
        name="Phong trào thi đua “Dân vận khéo” năm 2025",
        year=2025,
        registration_deadline=today + datetime.timedelta(days=30),
        report_deadline=today + datetime.timedelta(days=90),
    )


def offered_field(campaign):
    return campaign.offered_fields.order_by("position", "pk").first()


@pytest.fixture
def draft_registration(campaign, unit_head):
    """A draft registration of the unit head's unit (Văn phòng HĐND và UBND)."""
    return registry.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=offered_field(campaign), **REGISTRATION_FIELDS
    )


@pytest.fixture
def other_registration(campaign, world, official):
    """A draft registration of the official's department: another unit's, for the unit head."""
    head = UserFactory(username="truongphongvhxh", unit=world.department, role=Role.UNIT_HEAD)
    return registry.registration_create(
        campaign=campaign,
        by=head,
        indicators=INDICATORS,
        field=offered_field(campaign),
        **{**REGISTRATION_FIELDS, "name": "Tổ hòa giải ở cơ sở"},
    )


@pytest.fixture
def report(world, official):
    """The commune's draft report for the second half of 2025."""
    return reporting.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)


@pytest.fixture
def tracked(world):
    """An issued plan with a task of the unit head's unit and a task of the official's department."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    return {
        "own": TaskFactory(plan=plan, lead_units=[world.other_department], content="Tổ chức hội nghị dân vận"),
        "other": TaskFactory(plan=plan, lead_units=[world.department], content="Biên tập chuyên mục tuyên truyền"),
    }


def registration_form(registration, **overrides) -> dict:
    """Return the POST data of the registration form (edit page, or new when unsaved) with its indicator table."""
    data = {
        **{k: v for k, v in REGISTRATION_FIELDS.items() if k not in ("start_date", "end_date")},
        "start_date": "01/10/2025",
        "end_date": "31/12/2025",
        "field": registration.field_id,
        "version": Registration.objects.get(pk=registration.pk).version if registration.pk else "",
        "indicators-TOTAL_FORMS": len(INDICATORS),
        "indicators-INITIAL_FORMS": 0,
        "indicators-MIN_NUM_FORMS": 0,
        "indicators-MAX_NUM_FORMS": 30,
        **overrides,
    }
    for index, row in enumerate(INDICATORS):
        for key, value in row.items():
            data[f"indicators-{index}-{key}"] = value
    return data


def audit_rows(obj) -> list[str]:
    """Return the actions of the audit rows about `obj`, oldest first."""
    rows = AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by("pk")
    return list(rows.values_list("action", flat=True))


def shown_messages(client, url) -> str:
    return client.get(url).content.decode()
