"""Who may choose what a government publishes: its leaders, for its own plans and reports."""

import rules

from plans.rules import plan_of_own_government
from reports.rules import report_of_own_government
from units.permissions import is_leader

rules.add_perm("public.publish_plan", is_leader & plan_of_own_government)
rules.add_perm("public.publish_report", is_leader & report_of_own_government)
