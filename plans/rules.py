"""Who may do what with plans, composed from the predicates of units/permissions.py."""

import rules

from plans.choices import EDITABLE_STATUSES, PlanStatus
from units.permissions import (
    has_workplace,
    is_commune_staff,
    is_leader,
    is_official,
    is_supervisor,
    is_unit_head,
    unit_in_scope,
)
from units.scope import scope_of

PUBLISHED = (PlanStatus.ISSUED, PlanStatus.COMPLETED)


@rules.predicate
def plan_in_scope(user, plan) -> bool:
    """The plan's issuing unit lies in the user's scope."""
    return plan is not None and unit_in_scope(user, plan.issuing_unit)


@rules.predicate
def plan_of_own_government(user, plan) -> bool:
    """The plan is issued by the government the user works in (their commune)."""
    return plan is not None and scope_of(user).governs(plan.issuing_unit)


@rules.predicate
def plan_published(user, plan) -> bool:
    return plan is not None and plan.status in PUBLISHED


@rules.predicate
def plan_editable(user, plan) -> bool:
    return plan is not None and plan.status in EDITABLE_STATUSES


# Officials and leaders read every plan of their commune; unit heads read published ones, and so do
# supervisors: drafts and returned plans stay inside their commune until it issues them.
can_view_plan = plan_in_scope & ((is_official | is_leader) | ((is_unit_head | is_supervisor) & plan_published))
can_author_plan = is_official & plan_of_own_government

rules.add_perm("plans.view_plan_list", has_workplace)
rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.add_plan", is_official)
rules.add_perm("plans.change_plan", can_author_plan & plan_editable)
rules.add_perm("plans.copy_plan", is_official & can_view_plan)
# The workflow moves (plans.submit_plan, plans.issue_plan, ...) are registered from plans/workflows.py.
rules.add_perm("plans.view_references", has_workplace)
rules.add_perm("plans.add_reference", is_official)


# --- tasks: who follows, reports on and comments on the tasks of published plans ---------------


def task_lead_unit_ids(task) -> set[int]:
    """Return the ids of the units leading `task`: named directly or members of a lead group. Cached on the task."""
    if not hasattr(task, "_lead_unit_ids"):
        task._lead_unit_ids = _unit_ids(task, "lead_units", "lead_groups")
    return task._lead_unit_ids


def task_coordinating_unit_ids(task) -> set[int]:
    """Return the ids of the units helping with `task`, directly or through a group. Cached on the task."""
    if not hasattr(task, "_coordinating_unit_ids"):
        task._coordinating_unit_ids = _unit_ids(task, "coordinating_units", "coordinating_groups")
    return task._coordinating_unit_ids


def _unit_ids(task, units: str, groups: str) -> set[int]:
    from units.models import UnitGroup

    direct = set(getattr(task, units).values_list("pk", flat=True))
    group_ids = getattr(task, groups).values_list("pk", flat=True)
    members = UnitGroup.members.through.objects.filter(unitgroup_id__in=group_ids).values_list("unit_id", flat=True)
    return direct | set(members)


@rules.predicate
def task_tracked(user, task) -> bool:
    """The task belongs to a published (issued or completed) plan: the only tasks followed up."""
    return task is not None and task.plan.status in PUBLISHED


@rules.predicate
def task_in_scope(user, task) -> bool:
    return task is not None and unit_in_scope(user, task.plan.issuing_unit)


@rules.predicate
def task_of_own_government(user, task) -> bool:
    return task is not None and plan_of_own_government(user, task.plan)


@rules.predicate
def task_plan_running(user, task) -> bool:
    """The task's plan is issued and not yet completed: its tasks still take reports."""
    return task is not None and task.plan.status == PlanStatus.ISSUED


@rules.predicate
def task_not_cancelled(user, task) -> bool:
    from plans.choices import TaskStatus

    return task is not None and task.status != TaskStatus.CANCELLED


@rules.predicate
def task_open(user, task) -> bool:
    return task is not None and not task.is_closed


@rules.predicate
def leads_task(user, task) -> bool:
    """The user works in a unit that leads the task."""
    return task is not None and has_workplace(user) and user.unit_id in task_lead_unit_ids(task)


@rules.predicate
def coordinates_task(user, task) -> bool:
    """The user works in a unit that helps with the task."""
    return task is not None and has_workplace(user) and user.unit_id in task_coordinating_unit_ids(task)


# Officials and leaders read their government's tasks and supervisors those below them; the people
# of a lead or coordinating unit read the tasks their unit takes part in.
can_view_task = (
    task_tracked & task_in_scope & ((is_official | is_leader | is_supervisor) | leads_task | coordinates_task)
)
# The head of a lead unit (or of a member of a lead group) reports progress, while the plan runs.
can_report_progress = task_plan_running & task_in_scope & task_not_cancelled & is_unit_head & leads_task
# Coordinating units comment; so do the lead unit and the government's officials and leaders who follow the task up.
can_comment_task = (
    task_tracked
    & task_in_scope
    & (coordinates_task | leads_task | ((is_official | is_leader) & task_of_own_government))
)

rules.add_perm("plans.view_task_list", is_official | is_leader | is_supervisor)
rules.add_perm("plans.view_unit_tasks", is_commune_staff)
rules.add_perm("plans.view_task_calendar", has_workplace)
rules.add_perm("plans.view_task", can_view_task)
rules.add_perm("plans.report_task_progress", can_report_progress)
rules.add_perm("plans.comment_task", can_comment_task)
rules.add_perm("plans.cancel_task", task_plan_running & task_open & (is_official | is_leader) & task_of_own_government)
rules.add_perm("plans.import_task_sheet", is_unit_head)
