"""Demo data of the "Dân vận khéo" app: the Thượng Hồng 2025 campaign, and synthetic campaigns for benchmarks.

`seed_registry()` runs after the units (and, when present, the plans) demo data.
The 2025 campaign follows Kế hoạch 31/KH-UBND of 12/9/2025: every department
and service unit registers a model tied to its work by the end of September,
and reports before 15/12/2025. Every move goes through the services, so the
history is the one a real campaign would leave. Running it twice changes nothing.
"""

from models_registry.demo.campaign import seed_thuong_hong_campaign
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
)
from models_registry.demo.scale import SCALE_MODEL_NAMES, SCALE_STATUSES, SCALE_YEARS, seed_scale

__all__ = [
    "CAMPAIGN_NAME",
    "DEMO_COMMUNE",
    "DROP_REASON",
    "DROPPED_MODEL",
    "DURING_REGISTRATION",
    "EXTRA_UNITS",
    "HEADS",
    "MODELS",
    "PATHS",
    "SCALE_MODEL_NAMES",
    "SCALE_STATUSES",
    "SCALE_YEARS",
    "seed_registry",
    "seed_scale",
    "seed_thuong_hong_campaign",
]


def seed_registry(*, scale: int = 0, years=SCALE_YEARS, per_campaign: int = 5) -> dict[str, int]:
    """Create the demo "Dân vận khéo" data; with `scale`, add synthetic campaigns in volume.

    `years` and `per_campaign` (up to the six operational units of a synthetic commune) set the
    volume per commune, so a benchmark reaches its count over the communes that already exist.
    Idempotent: the Thượng Hồng campaign is created once, and synthetic communes that
    already have campaigns are skipped. Returns what was created, for the command to print.
    """
    campaign = seed_thuong_hong_campaign()
    created = {
        "campaigns": 1 if campaign else 0,
        "registrations": campaign.registrations.count() if campaign else 0,
    }
    if scale:
        created["scale_registrations"] = seed_scale(scale=scale, years=years, per_campaign=per_campaign)
    return created
