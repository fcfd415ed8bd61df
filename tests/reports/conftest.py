"""Seeded data of the reports tests: one issued plan for H2 2025 with tasks in every state, and a campaign."""

import datetime
from dataclasses import dataclass

import pytest

from models_registry.choices import RegistrationStatus
from tests.factories import CampaignFactory, IssuedPlanFactory, RegistrationFactory, TaskFactory

# The day the tests look from: late tasks are judged on 1/1/2026, the day after the period.
TODAY = datetime.date(2026, 3, 1)


@dataclass
class Seeded:
    plan: object
    campaign: object
    tasks: dict


@pytest.fixture
def seeded(world):
    """Given Thượng Hồng's plan 01/KH-UBND of 10/07/2025 with five tasks and a 2025 campaign with two models."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"], title="Kế hoạch dân vận")
    dept, office = world.department, world.other_department
    tasks = {
        "done": TaskFactory(plan=plan, status="done", progress=100, lead_units=[dept]),
        "late": TaskFactory(
            plan=plan,
            status="in_progress",
            progress=40,
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 9, 30),
            lead_units=[office],
        ),
        "late2": TaskFactory(
            plan=plan,
            status="not_started",
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 11, 30),
            lead_units=[office, dept],
        ),
        "open": TaskFactory(
            plan=plan, status="in_progress", progress=50, timeframe_kind="deadline", due_date=datetime.date(2026, 6, 30)
        ),
        "cancelled": TaskFactory(plan=plan, status="cancelled", lead_units=[dept]),
    }
    campaign = CampaignFactory(
        issuing_unit=world.commune, year=2025, eligible_units=[dept, office], created_by=world.users["official"]
    )
    RegistrationFactory(
        campaign=campaign,
        unit=dept,
        status=RegistrationStatus.RECOGNIZED,
        recognition_level="commune",
        is_exemplary=True,
        commendation_form="certificate",
        commendation_decision="15/QĐ-UBND",
        created_by=world.users["official"],
    )
    RegistrationFactory(
        campaign=campaign, unit=office, status=RegistrationStatus.SUBMITTED, created_by=world.users["official"]
    )
    return Seeded(plan=plan, campaign=campaign, tasks=tasks)
