"""Who may do what with plans, composed from the predicates of units/permissions.py."""

import rules

from plans.choices import EDITABLE_STATUSES, PlanStatus
from units.permissions import (
    government_of,
    has_workplace,
    is_leader,
    is_official,
    is_supervisor,
    is_unit_head,
    scope_root,
    unit_in_scope,
)

PUBLISHED = (PlanStatus.ISSUED, PlanStatus.COMPLETED)


@rules.predicate
def plan_in_scope(user, plan) -> bool:
    """The plan's issuing unit lies in the user's scope."""
    return plan is not None and unit_in_scope(user, plan.issuing_unit)


@rules.predicate
def plan_of_own_government(user, plan) -> bool:
    """The plan is issued by the government the user works in (their commune)."""
    return plan is not None and has_workplace(user) and government_of(plan.issuing_unit) == scope_root(user)


@rules.predicate
def plan_published(user, plan) -> bool:
    return plan is not None and plan.status in PUBLISHED


@rules.predicate
def plan_editable(user, plan) -> bool:
    return plan is not None and plan.status in EDITABLE_STATUSES


def status_is(*statuses):
    @rules.predicate(name=f"plan_status_in_{'_'.join(statuses)}")
    def predicate(user, plan) -> bool:
        return plan is not None and plan.status in statuses

    return predicate


# Officials, leaders and supervisors read every plan in scope; unit heads read published ones.
can_view_plan = plan_in_scope & ((is_official | is_leader | is_supervisor) | (is_unit_head & plan_published))
can_author_plan = is_official & plan_of_own_government

rules.add_perm("plans.view_plan_list", has_workplace)
rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.add_plan", is_official)
rules.add_perm("plans.change_plan", can_author_plan & plan_editable)
rules.add_perm("plans.copy_plan", is_official & can_view_plan)
rules.add_perm("plans.submit_plan", can_author_plan & status_is(PlanStatus.DRAFT, PlanStatus.RETURNED))
rules.add_perm("plans.approve_plan", is_leader & plan_of_own_government & status_is(PlanStatus.SUBMITTED))
rules.add_perm(
    "plans.return_plan", is_leader & plan_of_own_government & status_is(PlanStatus.SUBMITTED, PlanStatus.APPROVED)
)
rules.add_perm("plans.issue_plan", is_leader & plan_of_own_government & status_is(PlanStatus.APPROVED))
rules.add_perm("plans.complete_plan", is_leader & plan_of_own_government & status_is(PlanStatus.ISSUED))
rules.add_perm("plans.view_references", has_workplace)
rules.add_perm("plans.add_reference", is_official)
