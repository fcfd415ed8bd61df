"""Every workflow service of every app, called as each role: exactly the roles the lifecycle admits succeed.

The table below is the specification, written independently of the declarations in
`<app>/workflows.py`: if a declaration admits one more role (or one fewer), a test fails.
A refused call raises MoveRefused (a PermissionDenied), changes nothing and leaves one
"refused" row in the audit trail, even though the service's own transaction rolled back.
"""

import datetime
import itertools

import pytest

from danvan.lifecycle import MoveRefused
from danvan.models import AuditAction, AuditEntry
from models_registry import services as registry_services
from models_registry.workflows import REGISTRATION_LIFECYCLE
from plans import services as plan_services
from plans.importing.persist import plan_record_issued
from plans.workflows import PLAN_LIFECYCLE
from reports import services as report_services
from reports.models import PeriodicReport, ReportCycle, UnitPart
from reports.workflows import PART_LIFECYCLE, REPORT_LIFECYCLE
from tests.factories import CampaignFactory, PlanFactory, RegistrationFactory, SectionFactory

ROLES = ("official", "unit_head", "leader", "supervisor")
_years = itertools.count(2001)

# (lifecycle, action) -> the roles of the document's own commune that may make the move.
EXPECTED = {
    ("plan", "submit"): {"official"},
    ("plan", "approve"): {"leader"},
    ("plan", "return"): {"leader"},
    ("plan", "issue"): {"leader"},
    ("plan", "complete"): {"leader"},
    ("plan", "record_issued"): {"official"},
    ("registration", "submit"): {"unit_head"},
    ("registration", "accept"): {"official"},
    ("registration", "return"): {"official"},
    ("registration", "start"): {"unit_head"},
    ("registration", "report"): {"unit_head"},
    ("registration", "evaluate"): {"official"},
    ("registration", "recognize"): {"leader"},
    ("registration", "not_recognize"): {"leader"},
    ("registration", "drop"): {"unit_head", "official"},
    ("report", "submit"): {"official"},
    ("report", "approve"): {"leader"},
    ("report", "return"): {"leader"},
    ("report", "issue"): {"leader"},
    ("part", "submit"): {"unit_head"},
    ("part", "return"): {"official"},
}
LIFECYCLES = {
    lifecycle.name: lifecycle
    for lifecycle in (PLAN_LIFECYCLE, REGISTRATION_LIFECYCLE, REPORT_LIFECYCLE, PART_LIFECYCLE)
}


def make_plan(world, status):
    numbered = status in ("issued", "completed")
    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        status=status,
        number=next(_years) if numbered else None,
        year=2025 if numbered else None,
        issued_on=datetime.date(2025, 9, 12) if numbered else None,
    )
    SectionFactory(plan=plan)
    return plan


def make_registration(world, status):
    campaign = CampaignFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        allow_multiple=True,
        eligible_units=[world.other_department],
    )
    return RegistrationFactory(
        campaign=campaign,
        unit=world.other_department,
        created_by=world.users["unit_head"],
        status=status,
        drop_reason="Không còn phù hợp." if status == "dropped" else "",
        recognition_level="commune" if status == "recognized" else "",
    )


def make_report(world, status):
    issued = status == "issued"
    year = next(_years)
    return PeriodicReport.objects.create(
        unit=world.commune,
        period_kind="year",
        year=year,
        number=1 if issued else None,
        number_year=year if issued else None,
        issued_on=datetime.date(year, 12, 10) if issued else None,
        title="Kết quả thực hiện công tác dân vận",
        results="Đã hoàn thành các nhiệm vụ.",
        status=status,
        created_by=world.users["official"],
    )


def make_part(world, status):
    cycle = ReportCycle.objects.create(
        government=world.commune,
        period_kind="year",
        year=next(_years),
        deadline=datetime.date(2025, 12, 15),
        opened_by=world.users["official"],
    )
    return UnitPart.objects.create(cycle=cycle, unit=world.other_department, status=status, narrative="Đã làm.")


MAKERS = {"plan": make_plan, "registration": make_registration, "report": make_report, "part": make_part}


def call(name, action, document, by):
    """Call the service of `action` with arguments that are valid for a person who may make it."""
    if name == "plan":
        if action == "record_issued":
            return plan_record_issued(plan=document, by=by, number=90, on=datetime.date(2025, 3, 1))
        service = getattr(plan_services, f"plan_{action}")
        return service(plan=document, by=by, **({"comment": "Sửa lại."} if action == "return" else {}))
    if name == "registration":
        if action == "report":
            achieved = {indicator.pk: "10" for indicator in document.indicators.all()}
            return registry_services.registration_report(
                registration=document, by=by, self_assessment="Đạt mục tiêu.", achieved=achieved
            )
        if action == "evaluate":
            scores = {criterion.pk: "1" for criterion in document.campaign.criteria.all()}
            return registry_services.registration_evaluate(registration=document, by=by, scores=scores)
        if action == "recognize":
            return registry_services.registration_recognize(registration=document, by=by, level="commune")
        service = getattr(registry_services, f"registration_{action}")
        needs_comment = action in ("return", "not_recognize", "drop")
        return service(registration=document, by=by, **({"comment": "Lý do."} if needs_comment else {}))
    if name == "report":
        service = getattr(report_services, f"report_{action}")
        return service(report=document, by=by, **({"comment": "Bổ sung."} if action == "return" else {}))
    if action == "submit":
        return report_services.part_submit(part=document, by=by, narrative="Kết quả của đơn vị.", expected_version=None)
    return report_services.part_return(part=document, by=by, comment="Bổ sung số liệu.")


def test_the_table_covers_every_service_of_every_lifecycle():
    """Given the declarations, every move that has a service is in the table above, and nothing else is."""
    declared = {(name, action) for name, lifecycle in LIFECYCLES.items() for action in lifecycle._services}
    assert declared == set(EXPECTED)


@pytest.mark.parametrize(("name", "action"), sorted(EXPECTED), ids=lambda value: value)
def test_exactly_the_declared_roles_may_make_the_move(world, name, action):
    """Given a document in the move's first source status, when each role calls the service, then only the
    expected roles move it; the others get MoveRefused, the status stays and a refusal is audited."""
    lifecycle = LIFECYCLES[name]
    move = lifecycle[action]
    for role in ROLES:
        document = MAKERS[name](world, move.sources[0])
        refused_before = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, object_id=str(document.pk)).count()
        if role in EXPECTED[(name, action)]:
            moved = call(name, action, document, world.users[role])
            assert moved.status == move.target, f"{role} should {action} a {name}"
        else:
            with pytest.raises(MoveRefused):
                call(name, action, document, world.users[role])
            document.refresh_from_db()
            assert document.status == move.sources[0], f"{role} moved a {name} by {action}"
            refused = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, object_id=str(document.pk))
            assert refused.count() == refused_before + 1
            assert document.transitions.count() == 0


@pytest.mark.parametrize(("name", "action"), sorted(EXPECTED), ids=lambda value: value)
def test_a_refused_person_is_refused_whatever_the_state(world, name, action):
    """Given a document already in the move's target status, a person the move does not admit is still refused
    (MoveRefused), not told "nothing changed" nor "wrong state"."""
    lifecycle = LIFECYCLES[name]
    move = lifecycle[action]
    document = MAKERS[name](world, move.target)
    with pytest.raises(MoveRefused):
        call(name, action, document, world.users["supervisor"])


def test_a_move_is_announced_once_after_its_commit(world, django_capture_on_commit_callbacks):
    """Given a listener of `moved`, when a plan is submitted, then it hears of it once, after the commit,
    with the declared move (whose `notify` names who must be told)."""
    from danvan.lifecycle import moved

    heard = []

    def listener(sender, move, document, by, **kwargs):
        heard.append((sender.name, move.action, document.status, by.pk, move.notify))

    moved.connect(listener)
    try:
        plan = make_plan(world, "draft")
        with django_capture_on_commit_callbacks(execute=True):
            plan_services.plan_submit(plan=plan, by=world.users["official"])
            assert heard == []
        with pytest.raises(MoveRefused), django_capture_on_commit_callbacks(execute=True):
            plan_services.plan_approve(plan=plan, by=world.users["official"])
    finally:
        moved.disconnect(listener)
    assert heard == [("plan", "submit", "submitted", world.users["official"].pk, ("leaders",))]
