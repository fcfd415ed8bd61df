"""The demo data: the Thượng Hồng 2025 campaign with units in every state and one missing; volume on demand."""

import pytest

from models_registry.demo import seed_registry
from models_registry.models import Campaign, CampaignReminder, Indicator, Registration, RegistrationTransition
from models_registry.selectors import campaign_coverage
from tests.factories import PlanFactory
from units.demo import seed_units
from units.models import Unit, User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = [Campaign, Registration, Indicator, RegistrationTransition, CampaignReminder, Unit, User]
    return {model.__name__: model.objects.count() for model in models}


def test_demo_campaign_links_the_plan_and_leaves_one_unit_missing():
    """Given the demo units and the 31/KH-UBND plan, the campaign is linked to it, most units registered, one missing."""
    seed_units(password="danvan-demo")
    commune = Unit.objects.get(name="Ủy ban nhân dân xã Thượng Hồng")
    plan = PlanFactory(
        issuing_unit=commune,
        title="Thực hiện phong trào “Dân vận khéo” trong hoạt động của Ủy ban nhân dân xã Thượng Hồng",
    )
    created = seed_registry()
    campaign = Campaign.objects.get(issuing_unit=commune, year=2025)
    assert created["campaigns"] == 1
    assert campaign.plan == plan
    coverage = campaign_coverage(campaign)
    assert coverage.eligible == 9
    assert coverage.counted == 6 and coverage.pending == 2
    assert [unit.name for unit in coverage.unregistered] == ["Trường Mầm non Thượng Hồng"]
    statuses = set(campaign.registrations.values_list("status", flat=True))
    assert statuses >= {"draft", "submitted", "returned", "accepted", "implementing", "self_assessed", "evaluated"}
    assert {"recognized", "dropped"} <= statuses
    truongphong = User.objects.get(username="truongphong")
    assert campaign.registrations.get(unit=truongphong.unit).status == "returned"


def test_demo_runs_twice_without_change_and_without_a_plan():
    seed_units(password="danvan-demo")
    seed_registry()
    assert Campaign.objects.get().plan is None
    before = counts()
    assert seed_registry() == {"campaigns": 0, "registrations": 0}
    assert counts() == before


def test_scale_adds_volume_once():
    seed_units(password="danvan-demo", scale=1)
    created = seed_registry(scale=1)
    assert created["scale_registrations"] == 25 * 5 * 5
    assert Campaign.objects.filter(issuing_unit__name__startswith="Ủy ban nhân dân xã Mẫu ").count() == 125
    before = counts()
    assert seed_registry(scale=1)["scale_registrations"] == 0
    assert counts() == before
