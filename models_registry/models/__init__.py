"""The "Dân vận khéo" movement: yearly campaigns, the models units register, their results and recognition.

One module per concern: campaigns (with their fields of work and reminders), registrations (with
indicators and workflow moves), evidence files, scoring. Every model stays importable from
`models_registry.models`, and Django finds them here; the migrations name `evidence_path` here too.
"""

from models_registry.models.campaigns import (
    Campaign,
    CampaignQuerySet,
    CampaignReminder,
    Field,
    FieldQuerySet,
)
from models_registry.models.evidence import EvidenceFile, evidence_path
from models_registry.models.registrations import (
    DECIMAL,
    Indicator,
    Registration,
    RegistrationQuerySet,
    RegistrationTransition,
)
from models_registry.models.scoring import Criterion, Score

__all__ = [
    "DECIMAL",
    "Campaign",
    "CampaignQuerySet",
    "CampaignReminder",
    "Criterion",
    "EvidenceFile",
    "Field",
    "FieldQuerySet",
    "Indicator",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationTransition",
    "Score",
    "evidence_path",
]
