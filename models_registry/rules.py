"""Who may do what in the "Dân vận khéo" campaigns, composed from the predicates of units/permissions.py.

Officials of the campaign's commune run the campaign, accept or return and
evaluate registrations; unit heads register and report for their own unit,
editing only drafts and returned registrations; leaders recognize; supervisors read.
"""

import rules

from models_registry.choices import EDITABLE_STATUSES, EVIDENCE_STATUSES, RegistrationStatus
from units.permissions import has_workplace, is_leader, is_official, is_supervisor, is_unit_head
from units.scope import scope_of

S = RegistrationStatus
# What a supervisor reads of a commune's registrations: those the commune has received. Drafts and
# returned registrations stay with their unit.
SUBMITTED_ONWARD = tuple(status for status in S if status not in (S.DRAFT, S.RETURNED))


@rules.predicate
def campaign_in_scope(user, campaign) -> bool:
    """The campaign's issuing government lies in the user's scope."""
    return campaign is not None and scope_of(user).contains_government(campaign.issuing_unit)


@rules.predicate
def campaign_of_own_government(user, campaign) -> bool:
    """The campaign was launched by the government the user works in."""
    return campaign is not None and has_workplace(user) and campaign.issuing_unit_id == scope_of(user).root_id


@rules.predicate
def own_unit_is_eligible(user, campaign) -> bool:
    """The user's unit is one of the campaign's eligible units."""
    return campaign is not None and has_workplace(user) and campaign.eligible_units.filter(pk=user.unit_id).exists()


@rules.predicate
def registration_in_scope(user, registration) -> bool:
    """The registration's campaign is in scope (its unit is one of the campaign's government's units)."""
    return registration is not None and campaign_in_scope(user, registration.campaign)


@rules.predicate
def registration_of_own_unit(user, registration) -> bool:
    """The registration belongs to the user's own unit."""
    return registration is not None and has_workplace(user) and registration.unit_id == user.unit_id


@rules.predicate
def registration_of_own_government(user, registration) -> bool:
    """The registration is in a campaign of the government the user works in."""
    return registration is not None and campaign_of_own_government(user, registration.campaign)


def status_is(*statuses):
    @rules.predicate(name=f"registration_status_in_{'_'.join(statuses)}")
    def predicate(user, registration) -> bool:
        return registration is not None and registration.status in statuses

    return predicate


def _of_registration(predicate):
    """Apply a registration predicate to an evidence file's registration."""

    @rules.predicate(name=f"evidence_{predicate.name}")
    def wrapped(user, evidence) -> bool:
        return evidence is not None and predicate.test(user, evidence.registration)

    return wrapped


can_view_campaign = campaign_in_scope & has_workplace
# Officials and leaders read every registration of their commune, supervisors those past submission,
# unit heads their own unit's and the recognized models.
can_view_registration = registration_in_scope & (
    (is_official | is_leader)
    | (is_supervisor & status_is(*SUBMITTED_ONWARD))
    | (is_unit_head & (registration_of_own_unit | status_is(S.RECOGNIZED)))
)
unit_author = is_unit_head & registration_of_own_unit
commune_official = is_official & registration_of_own_government
can_add_evidence = unit_author & status_is(*EVIDENCE_STATUSES)

rules.add_perm("models_registry.view_campaign_list", has_workplace)
rules.add_perm("models_registry.view_campaign", can_view_campaign)
rules.add_perm("models_registry.add_campaign", is_official)
rules.add_perm("models_registry.change_campaign", is_official & campaign_of_own_government)
rules.add_perm("models_registry.remind_campaign", is_official & campaign_of_own_government)
rules.add_perm("models_registry.view_registration_list", has_workplace)
rules.add_perm("models_registry.view_gallery", has_workplace)
rules.add_perm("models_registry.add_registration", is_unit_head & campaign_of_own_government & own_unit_is_eligible)
rules.add_perm("models_registry.view_registration", can_view_registration)
rules.add_perm("models_registry.change_registration", unit_author & status_is(*EDITABLE_STATUSES))
# The workflow moves (models_registry.submit_registration, ...) are registered from models_registry/workflows.py.
rules.add_perm(
    "models_registry.replicate_registration",
    (is_official | is_leader) & registration_of_own_government & status_is(S.RECOGNIZED),
)
rules.add_perm("models_registry.add_evidence", can_add_evidence)
rules.add_perm("models_registry.delete_evidence", _of_registration(can_add_evidence))
rules.add_perm("models_registry.view_evidence", _of_registration(can_view_registration))
rules.add_perm("models_registry.print_registration", can_view_registration)
