"""Writes of the models_registry app: campaigns, registrations and every move of their workflow.

Every function is atomic, checks that the person may make the move (the same
rules as the buttons, models_registry/rules.py) and that the table of legal
moves allows it, writes one history row per move, and raises `ValidationError`
with a Vietnamese message when the move is refused for a business reason.

One module per concern: campaigns (with their reminders), content (creating and editing a registration),
workflow (every move after that) and evidence. Callers import from `models_registry.services`; a test
that patches a function patches it in the module that calls it.
"""

from models_registry.services.campaigns import (
    campaign_create,
    campaign_remind,
    campaign_set_open,
    campaign_update,
    default_fields,
)
from models_registry.services.content import registration_create, registration_update
from models_registry.services.evidence import evidence_add, evidence_delete
from models_registry.services.workflow import (
    registration_accept,
    registration_drop,
    registration_evaluate,
    registration_not_recognize,
    registration_recognize,
    registration_replicate,
    registration_report,
    registration_return,
    registration_start,
    registration_submit,
)

__all__ = [
    "campaign_create",
    "campaign_remind",
    "campaign_set_open",
    "campaign_update",
    "default_fields",
    "evidence_add",
    "evidence_delete",
    "registration_accept",
    "registration_create",
    "registration_drop",
    "registration_evaluate",
    "registration_not_recognize",
    "registration_recognize",
    "registration_replicate",
    "registration_report",
    "registration_return",
    "registration_start",
    "registration_submit",
    "registration_update",
]
