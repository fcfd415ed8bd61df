"""The forms the text tests fill in (plan, campaign, admin unit and user) and the hostile characters they use.

Every text test (test_text_*.py, bad inputs 1-14) goes through the pages a person uses (the plan,
registration, campaign and reference forms; the admin for the names of units and people), then reads
back what was stored and what the page, the download headers and the PDF show.
"""

import re

from django.urls import reverse

from models_registry.models import Field
from plans.models import Plan
from tests.factories import PlanFactory, UserFactory
from units.choices import Role, UnitKind
from units.models import User

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
DIRECTION_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff"]
COMBINING_RUN = re.compile(r"[\u0300-\u036f]{3,}")
HEBREW = ("שלום", "עולם")
ARABIC = ("مرحبا", "بالعالم")


def plan_data(world, **overrides) -> dict:
    """Return the POST data of the plan header form, for creating or editing a plan of our commune."""
    return {
        "title": "Kế hoạch tuyên truyền công tác dân vận năm 2025",
        "kind": "propaganda",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuing_unit": world.commune.pk,
        "place_name": "Thượng Hồng",
        "recipients": "Lưu: VT.",
        **overrides,
    }


def saved_plan(world, official, **fields) -> Plan:
    return PlanFactory(
        issuing_unit=world.commune, created_by=official, title="Bản đã lưu", intro="Câu dẫn đã lưu", **fields
    )


def snapshot(plan: Plan) -> dict:
    """Return the stored fields of `plan` that an edit could change."""
    plan = Plan.objects.get(pk=plan.pk)
    return {name: getattr(plan, name) for name in ("title", "intro", "symbol", "signer_name", "version", "status")}


def post_edit(client, plan: Plan, world, **overrides):
    return client.post(reverse("plans:plan_edit", args=[plan.pk]), plan_data(world, version=plan.version, **overrides))


def campaign_data(world, **overrides) -> dict:
    return {
        "name": "Phong trào thi đua “Dân vận khéo” năm 2026",
        "year": 2026,
        "registration_deadline": "30/09/2026",
        "report_deadline": "15/12/2026",
        "target_percent": 100,
        "eligible_units": [world.department.pk, world.other_department.pk],
        "offered_fields": [f.pk for f in Field.objects.filter(owner__isnull=True)],
        **overrides,
    }


def site_admin() -> User:
    return UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)


def unit_admin_data(world, **overrides) -> dict:
    """Return the POST data of the admin's "add unit" form: a new department of our commune."""
    return {
        "name": "Ban Quản lý chợ",
        "short_name": "",
        "abbreviation": "QLC",
        "place_name": "",
        "kind": UnitKind.DEPARTMENT,
        "position": 0,
        "parent": world.commune.pk,
        "active_from": "",
        "active_to": "",
        **overrides,
    }


def user_admin_data(world, **overrides) -> dict:
    """Return the POST data of the admin's "add user" form: an official without a password yet."""
    return {
        "username": "canbomoi",
        "usable_password": "false",
        "password1": "",
        "password2": "",
        "full_name": "Nguyễn Văn An",
        "unit": world.department.pk,
        "role": Role.OFFICIAL,
        "position": "Chuyên viên",
        **overrides,
    }
