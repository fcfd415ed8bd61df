"""Every move URL of every lifecycle refuses a person the move does not admit, whatever the document's state.

The supervisor reads what every commune has sent onward but makes no move: a POST to any move
URL answers 403 with one audit row and changes no table, on a document waiting for that move and
on one already moved; a document still inside its commune (a draft) is 404 to them, as out of scope. A repeat by someone who could have made the move is answered "nothing changed".
"""

import pytest
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from models_registry.choices import RegistrationStatus
from plans.choices import PlanStatus
from plans.rules import PUBLISHED
from reports.choices import PartStatus, ReportStatus
from tests.conftest import client_for
from tests.danvan.test_lifecycle_services import EXPECTED, LIFECYCLES, MAKERS
from tests.test_permission_matrix import state_of_the_database

# What stays inside its commune, out of the supervisor's sight (404): see the rules of each app.
HIDDEN_FROM_SUPERVISOR = {
    "plan": set(PlanStatus) - set(PUBLISHED),
    "report": set(ReportStatus) - {ReportStatus.ISSUED},
    "registration": {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED},
    # A unit's part of a report cycle is the commune's own working paper: never shown to the supervisor.
    "part": set(PartStatus),
}

PLAIN_MOVES = [
    (name, move.action)
    for name, lifecycle in LIFECYCLES.items()
    for move in lifecycle.moves
    if not move.page and not move.internal
]


def test_every_plain_move_has_a_url():
    """Given the declarations, each plain move is served at `<app>:<name>_<action>` and no other move is."""
    for name, action in PLAIN_MOVES:
        assert reverse(f"{LIFECYCLES[name].app_label}:{name}_{action}", args=[1])


@pytest.mark.parametrize("state", ["source", "target"])
@pytest.mark.parametrize(("name", "action"), PLAIN_MOVES, ids=lambda value: value)
def test_supervisor_post_is_refused_and_audited(world, name, action, state):
    """Given a document waiting for the move (or already moved), when the supervisor POSTs the move,
    then 403 and one refusal in the audit trail (404 for a document still inside its commune), and no table changed."""
    lifecycle = LIFECYCLES[name]
    move = lifecycle[action]
    document = MAKERS[name](world, move.sources[0] if state == "source" else move.target)
    url = reverse(f"{lifecycle.app_label}:{name}_{action}", args=[document.pk])
    before = state_of_the_database()
    response = client_for(world.users["supervisor"]).post(url, {"comment": "Thử."})
    hidden = document.status in HIDDEN_FROM_SUPERVISOR.get(name, ())
    assert response.status_code == (404 if hidden else 403)
    assert state_of_the_database() == before
    refusals = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, object_id=str(document.pk))
    assert refusals.filter(object_type=document._meta.label).count() == (0 if hidden else 1)


@pytest.mark.parametrize(("name", "action"), PLAIN_MOVES, ids=lambda value: value)
def test_a_repeat_by_an_admitted_person_changes_nothing(world, name, action):
    """Given a document already moved, when a person who may make the move POSTs it again,
    then they are sent back to it with "không có gì thay đổi" and nothing is written."""
    lifecycle = LIFECYCLES[name]
    move = lifecycle[action]
    document = MAKERS[name](world, move.target)
    role = sorted(EXPECTED[(name, action)])[0]
    url = reverse(f"{lifecycle.app_label}:{name}_{action}", args=[document.pk])
    before = state_of_the_database()
    audit_rows = AuditEntry.objects.count()
    response = client_for(world.users[role]).post(url, {"comment": "Lần nữa."}, follow=True)
    assert response.status_code == 200
    assert "không có gì thay đổi" in response.content.decode()
    assert state_of_the_database() == before
    assert AuditEntry.objects.count() == audit_rows
