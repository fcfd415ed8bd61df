"""Read endpoints: units, plans with their bases, sections and tasks, tasks with their timeline,
registrations, periodic reports with their figures.

Each list starts from the queryset the portal's own list page starts from (its selector, the
person's `Scope`) and each detail asks the rule its page asks, so the API shows a person exactly
what the pages show them: a supervisor sees no draft, another commune's object is 404.
"""

from django.db.models import Prefetch
from django.utils import timezone

from api import serializers
from api.filters import ApiTaskFilter
from api.views.base import ApiDetailView, ApiListView
from models_registry.filters import RegistrationFilter
from models_registry.selectors import campaigns_visible_to, registrations_visible_to
from plans import selectors as plan_selectors
from plans.filters import PlanFilter
from plans.models import Plan, ProgressUpdate, Task
from plans.rules import PUBLISHED
from reports.views.periodic import reports_visible_to
from units.choices import OPERATIONAL_KINDS
from units.filters import UnitFilter
from units.models import Unit, UnitGroup
from units.scope import scope_of

# --- units ------------------------------------------------------------------------------------


class UnitListView(ApiListView):
    """The units of the caller's government and below it, as the unit directory lists them."""

    permission = "units.view_directory"
    serializer_class = serializers.UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self):
        return scope_of(self.request.user).units()


class UnitDetailView(ApiDetailView):
    """One unit in the caller's scope."""

    permission = "units.view_directory"
    object_permission = "units.view_unit"
    serializer_class = serializers.UnitSerializer

    def get_queryset(self):
        return scope_of(self.request.user).units()


# --- plans ------------------------------------------------------------------------------------


class PlanListView(ApiListView):
    """The plans the caller may open: drafts only inside their own commune, never for unit heads and supervisors."""

    permission = "plans.view_plan_list"
    serializer_class = serializers.PlanSerializer
    filterset_class = PlanFilter

    def filterset_choices(self):
        return {"units": scope_of(self.request.user).units()}

    def get_queryset(self):
        return plan_selectors.plans_visible_to(self.request.user).select_related("issuing_unit")


class PlanDetailView(ApiDetailView):
    """One plan with its legal bases, sections and (once issued) its tasks."""

    permission = "plans.view_plan_list"
    object_permission = "plans.view_plan"
    serializer_class = serializers.PlanDetailSerializer

    def get_queryset(self):
        return (
            plan_selectors.plans_visible_to(self.request.user)
            .select_related("issuing_unit")
            .prefetch_related("bases", "sections", Prefetch("tasks", queryset=task_rows(Task.objects.all())))
        )


# --- tasks ------------------------------------------------------------------------------------


def task_rows(tasks):
    """Return tasks with their plan, lead and coordinating units and groups: five queries a page, whatever its size.

    Only the columns the API shows are read (a task and its plan have some sixty), and of the
    units and groups their names: building full instances was most of the list's time.
    """
    named = Unit.objects.only("name", "short_name")
    groups = UnitGroup.objects.only("name")
    return (
        tasks.select_related("plan")
        .only(*TASK_FIELDS, "plan__number", "plan__symbol", "plan__title", "plan__status")
        .prefetch_related(
            Prefetch("lead_units", queryset=named),
            Prefetch("lead_groups", queryset=groups),
            Prefetch("coordinating_units", queryset=named),
            Prefetch("coordinating_groups", queryset=groups),
        )
    )


# The task columns TaskSerializer reads.
TASK_FIELDS = [
    name
    for name in serializers.TaskSerializer.Meta.fields
    if name not in {"lead_units", "lead_groups", "coordinating_units", "coordinating_groups", "overdue"}
]


class TaskListView(ApiListView):
    """The tasks of published plans the caller may read (plans.view_task as a queryset).

    Officials, leaders and supervisors read every tracked task in scope, as on the task list; a
    unit head reads the tasks their unit leads or helps with, as on "Việc của đơn vị tôi".
    """

    serializer_class = serializers.TaskSerializer
    filterset_class = ApiTaskFilter

    def filterset_choices(self):
        scope = scope_of(self.request.user)
        return {
            "units": scope.units(),
            "plans": Plan.objects.filter(scope.condition("issuing_unit_id"), status__in=PUBLISHED),
            "today": timezone.localdate(),
        }

    def get_queryset(self):
        return task_rows(plan_selectors.tasks_visible_to(self.request.user))


class TaskDetailView(ApiDetailView):
    """One task with its timeline (progress reports and comments, newest first) and their evidence files."""

    object_permission = "plans.view_task"
    serializer_class = serializers.TaskDetailSerializer

    def get_queryset(self):
        updates = ProgressUpdate.objects.timeline().select_related("author_unit")
        # Every column, and the plan's issuing unit: the rules read them to decide who may see the task.
        return (
            plan_selectors.task_rows(plan_selectors.tasks_in_plan_scope(self.request.user))
            .select_related("plan__issuing_unit")
            .prefetch_related("coordinating_units", "coordinating_groups", Prefetch("updates", queryset=updates))
        )


# --- "Dân vận khéo" registrations -------------------------------------------------------------


class RegistrationListView(ApiListView):
    """The registrations the caller may open, as the registration list shows them."""

    permission = "models_registry.view_registration_list"
    serializer_class = serializers.RegistrationSerializer
    filterset_class = RegistrationFilter

    def filterset_choices(self):
        user = self.request.user
        scope = scope_of(user)
        return {
            "campaigns": campaigns_visible_to(user),
            "units": scope.root.children.filter(kind__in=OPERATIONAL_KINDS),
            "governments": scope.governments(),
        }

    def get_queryset(self):
        return registrations_visible_to(self.request.user).select_related("campaign", "unit", "field")


class RegistrationDetailView(ApiDetailView):
    """One registration, with what the registration page shows of it."""

    permission = "models_registry.view_registration_list"
    object_permission = "models_registry.view_registration"
    serializer_class = serializers.RegistrationDetailSerializer

    def get_queryset(self):
        return registrations_visible_to(self.request.user).select_related("campaign__issuing_unit", "unit", "field")


# --- periodic reports -------------------------------------------------------------------------


class ReportListView(ApiListView):
    """The periodic reports in the caller's scope; supervisors see issued ones only."""

    permission = "reports.view_report_list"
    serializer_class = serializers.ReportSerializer

    def get_queryset(self):
        return reports_visible_to(self.request.user).select_related("unit").defer("figures")


class ReportDetailView(ApiDetailView):
    """One periodic report with its figures (frozen when it was issued)."""

    permission = "reports.view_report_list"
    object_permission = "reports.view_report"
    serializer_class = serializers.ReportDetailSerializer

    def get_queryset(self):
        return reports_visible_to(self.request.user).select_related("unit")


__all__ = [
    "PlanDetailView",
    "PlanListView",
    "RegistrationDetailView",
    "RegistrationListView",
    "ReportDetailView",
    "ReportListView",
    "TaskDetailView",
    "TaskListView",
    "UnitDetailView",
    "UnitListView",
]
