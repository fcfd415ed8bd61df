"""A person's edit leaves a trace: the writes that once bypassed the models' history now go through save()."""

import datetime

from danvan.models import AuditAction, AuditEntry
from models_registry import services as registry_services
from plans import services
from plans.choices import Recurrence, TimeframeKind
from tests.danvan.test_lifecycle_services import make_plan, make_registration


def test_moving_a_section_writes_each_moved_sections_history(world, official):
    """Given two sections, when the second is moved up, then both keep a history row naming the reorder."""
    plan = make_plan(world, "draft")
    first = plan.sections.get()
    second = services.section_add(plan=plan, numbering="roman", heading="NỘI DUNG")
    before = {s.pk: (s.position, s.history.count()) for s in (first, second)}
    services.part_move(plan=plan, part=second, step=-1)
    renumbered = [s for s in plan.sections.all() if s.position != before[s.pk][0]]
    assert renumbered
    for section in renumbered:
        assert section.history.count() == before[section.pk][1] + 1
        assert section.history.first().history_change_reason.startswith("Đổi thứ tự")
    assert [s.pk for s in plan.sections.order_by("position")] == [second.pk, first.pk]


def test_rescheduling_a_recurring_task_writes_its_history(world, official):
    """Given a recurring task whose stored due date is stale, when the plan's tasks are rescheduled,
    then its date changes through save() and its history says why."""
    from tests.factories import TaskFactory

    plan = make_plan(world, "issued")
    plan.period_start, plan.period_end = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    plan.save()
    task = TaskFactory(plan=plan, timeframe_kind=TimeframeKind.RECURRING, recurrence=Recurrence.QUARTERLY)
    type(task).objects.filter(pk=task.pk).update(next_due_on=datetime.date(2000, 1, 1))  # a stale stored date
    rows = task.history.count()
    assert services.tasks_reschedule(plan=plan) == 1
    task.refresh_from_db()
    assert task.next_due_on != datetime.date(2000, 1, 1)
    assert task.history.count() == rows + 1
    assert task.history.first().history_change_reason == "Tính lại hạn theo giai đoạn của kế hoạch"


def test_a_replication_note_is_in_the_history_and_the_audit_trail(world):
    """Given a recognised model, when a leader writes a replication note, then the registration's history
    and the audit trail both keep it, even when no new unit is named."""
    registration = make_registration(world, "recognized")
    leader = world.users["leader"]
    registry_services.registration_replicate(registration=registration, by=leader, units=[world.department])
    rows = registration.history.count()
    registry_services.registration_replicate(
        registration=registration, by=leader, units=[world.department], note="Nhân rộng ra các thôn."
    )
    registration.refresh_from_db()
    assert registration.replication_note == "Nhân rộng ra các thôn."
    assert registration.history.count() == rows + 1
    assert registration.history.first().replication_note == "Nhân rộng ra các thôn."
    latest = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(registration.pk)).latest("pk")
    assert "Nhân rộng ra các thôn." in latest.summary
