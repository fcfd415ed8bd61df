"""Who may see the dashboards and write, approve and issue periodic reports."""

import rules

from reports.choices import EDITABLE_STATUSES, ReportStatus
from units.permissions import (
    has_workplace,
    is_leader,
    is_official,
    is_supervisor,
    is_unit_head,
    scope_root,
    unit_in_scope,
)
from units.scope import scope_of


@rules.predicate
def report_in_scope(user, report) -> bool:
    """The report's government lies in the user's scope."""
    return report is not None and unit_in_scope(user, report.unit)


@rules.predicate
def report_of_own_government(user, report) -> bool:
    """The report is that of the government the user works in."""
    return report is not None and has_workplace(user) and report.unit_id == scope_of(user).root_id


@rules.predicate
def report_editable(user, report) -> bool:
    return report is not None and report.status in EDITABLE_STATUSES


@rules.predicate
def report_issued(user, report) -> bool:
    return report is not None and report.status == ReportStatus.ISSUED


@rules.predicate
def commune_in_scope(user, unit) -> bool:
    """The commune is a government under the user's: two parent ids, not the whole unit tree of a city."""
    return unit is not None and scope_of(user).contains_government(unit)


can_author = is_official & report_of_own_government

# The commune's officials and leaders see its dashboard; supervisors see every commune's.
rules.add_perm("reports.view_dashboard", is_official | is_leader | is_supervisor)
rules.add_perm("reports.view_rollup", is_supervisor)
rules.add_perm("reports.view_commune_dashboard", is_supervisor & commune_in_scope)
rules.add_perm("reports.view_report_list", is_official | is_leader | is_supervisor)
rules.add_perm("reports.add_report", is_official)
# A supervisor reads a commune's report once it is issued: drafts stay inside the commune.
rules.add_perm("reports.view_report", report_in_scope & ((is_official | is_leader) | (is_supervisor & report_issued)))
rules.add_perm("reports.change_report", can_author & report_editable)
rules.add_perm("reports.regenerate_report", can_author & report_editable)
# The workflow moves (reports.submit_report, reports.return_part, ...) are registered from reports/workflows.py.


# --- report cycles ---------------------------------------------------------------------------------


@rules.predicate
def cycle_of_own_government(user, cycle) -> bool:
    return cycle is not None and has_workplace(user) and cycle.government_id == scope_root(user).pk


@rules.predicate
def part_of_own_unit(user, part) -> bool:
    return part is not None and has_workplace(user) and part.unit_id == user.unit_id


@rules.predicate
def part_of_own_government(user, part) -> bool:
    return part is not None and cycle_of_own_government(user, part.cycle)


# The office (officials) opens cycles, follows them up and returns parts; leaders read; unit heads send their part.
rules.add_perm("reports.view_cycle_list", is_official | is_leader | is_unit_head)
rules.add_perm("reports.add_cycle", is_official)
rules.add_perm("reports.view_cycle", (is_official | is_leader) & cycle_of_own_government)
rules.add_perm("reports.remind_cycle", is_official & cycle_of_own_government)
rules.add_perm("reports.view_part", part_of_own_unit | ((is_official | is_leader) & part_of_own_government))
