"""The task lists: every task in scope and a unit's inbox, each with its Excel export."""

from operator import attrgetter

import rules
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.views import View
from django.views.generic import TemplateView

from danvan.downloads import attachment
from danvan.list_options import cached_options_html, with_selected
from danvan.uploads import CONTENT_TYPES
from danvan.views import PortalMixin, SortMixin
from plans import selectors
from plans.filters import TaskFilter
from plans.list_counts import PLANS_CHANGED, cached_counts
from plans.models import DATED_OPEN_ORDER, URGENCY_ORDER, Plan
from plans.rules import PUBLISHED
from plans.schedule import report_period
from plans.task_list_rows import task_list_rows
from plans.task_sheets import progress_sheet_workbook, task_list_workbook
from units.choices import GOVERNMENT_KINDS
from units.models import Unit
from units.permissions import scope_root
from units.scope import scope_of

XLSX = CONTENT_TYPES["xlsx"]


class CappedPaginator(Paginator):
    """A paginator that counts no further than COUNT_CAP rows; `capped` says there are more.

    A view that keeps its counts (plans.list_counts) sets `total` to the capped count it kept.
    """

    @cached_property
    def count(self) -> int:
        total = self.total if hasattr(self, "total") else selectors.capped_count(self.object_list)
        self.capped = total > selectors.COUNT_CAP
        return min(total, selectors.COUNT_CAP)


def plan_option_label(plan: Plan) -> str:
    """Return a plan as the task list's plan filter offers it: its reference and the start of its title."""
    return f"{plan.reference} · {Truncator(plan.title).chars(70)}"


class TaskFilterMixin(SortMixin):
    """The filter and sort shared by the task list and its Excel export."""

    sort_options = {
        "due": URGENCY_ORDER,
        "-due": (F("next_due_on").desc(nulls_last=True), "-pk"),
        "progress": ("progress", "pk"),
        "-progress": ("-progress", "-pk"),
        "created": ("pk",),
        "-created": ("-pk",),
    }
    default_sort = "due"

    def sorted_tasks(self, tasks, task_filter: TaskFilter):
        """Return `tasks` in the chosen order; by due day alone when the filter keeps only late tasks.

        That is the same order (their urgency is one value), which SQLite reads from the
        "task_urgency" index instead of sorting every late task (DATED_OPEN_ORDER).
        """
        if self.get_sort() == "due" and task_filter.keeps_late_only():
            return tasks.order_by(*DATED_OPEN_ORDER)
        return self.sort_queryset(tasks)

    def filter_units(self):
        """Return the units a filter may name: those in scope (queried only to check a choice)."""
        return scope_of(self.request.user).units()

    def filter_plans(self):
        """Return the plans a filter may name: the published plans in scope (queried only to check a choice)."""
        return Plan.objects.filter(scope_of(self.request.user).condition("issuing_unit_id"), status__in=PUBLISHED)

    def task_filter(self, tasks, *, units=True) -> TaskFilter:
        return TaskFilter(
            self.request.GET,
            queryset=tasks,
            units=self.filter_units() if units else None,
            plans=self.filter_plans(),
            today=timezone.localdate(),
        )

    def unit_options(self):
        """Return the units offered in the unit filters: the user's own government and its own departments.

        A city's supervisor would otherwise get every commune and department; any
        unit in scope can still be filtered by its id in the address.
        """
        root = scope_root(self.request.user)
        below = Q(parent=root) & ~Q(kind__in=GOVERNMENT_KINDS)
        return Unit.objects.filter(Q(pk=root.pk) | below).only("pk", "name").order_by("position", "name")

    def plan_options(self):
        """Return the plans offered in the filter: those the user's own government issued, newest first (at most 100).

        Any plan in scope can still be filtered by its id in the address (the plan page links to it).
        """
        return (
            self.filter_plans()
            .filter(issuing_unit=scope_root(self.request.user))
            .only("pk", "number", "symbol", "title")
            .order_by("-issued_on", "-pk")[:100]
        )

    def filter_options(self, task_filter: TaskFilter) -> dict[str, str]:
        """Return the printed `<option>`s of the unit and plan selects, kept per government (issue 19).

        Printed once, not per request: the plan options change with the plans (a saved
        plan or task drops them, as it drops the counts), the unit options with the units.
        A bound value outside them (a unit or plan in scope named in the address) is put
        first, selected.
        """
        root_id = scope_root(self.request.user).pk
        units = cached_options_html("task_units", root_id, self.unit_options, attrgetter("name"))
        plans = cached_options_html(
            "task_plans", root_id, self.plan_options, plan_option_label, also_dropped_by=(PLANS_CHANGED,)
        )
        form, cleaned = task_filter.form, getattr(task_filter.form, "cleaned_data", {})
        options = {
            f"{name}_options": with_selected(
                units, form[name].value(), missing=cleaned.get(name), label=attrgetter("name")
            )
            for name in ("lead_unit", "coordinating_unit")
        }
        options["plan_options"] = with_selected(
            plans, form["plan"].value(), missing=cleaned.get("plan"), label=plan_option_label
        )
        return options


class TaskListView(PortalMixin, TaskFilterMixin, TemplateView):
    """Tasks of every published plan in scope, filtered, searched, sorted; late ones flagged. Officials, leaders, supervisors."""

    permission = "plans.view_task_list"
    template_name = "plans/task_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        visible = selectors.tasks_visible_to(user)
        task_filter = self.task_filter(visible)
        # The same filter on the same tasks, phrased to read one page in order (the counts keep `visible`).
        one_page = selectors.tasks_for_one_page(user)
        if task_filter.is_bound:
            task_filter.errors  # noqa: B018 - validates the form, as `task_filter.qs` does
            one_page = task_filter.filter_queryset(one_page)
        counts = cached_counts(
            self.request,
            lambda: {
                "rows": selectors.capped_count(task_filter.qs),
                "cards": selectors.task_counts(visible, today),
            },
        )
        paginator = CappedPaginator(selectors.task_page_rows(self.sorted_tasks(one_page, task_filter)), 50)
        paginator.total = counts["rows"]
        page = paginator.get_page(self.request.GET.get("page"))
        period_end = report_period(today)[1]
        context.update(
            filter=task_filter,
            page=page,
            rows=task_list_rows(page.object_list, report_period_end=period_end, today=today),
            sort=self.get_sort(),
            today=today,
            counts=counts["cards"],
            report_period_end=period_end,
            # Printed options, not querysets: the template runs no query (tests/perf/test_task_list_queries.py).
            **self.filter_options(task_filter),
            # Asked of the rules alone: Django's model backend would load the person's permissions (two queries).
            can_mine=rules.has_perm("plans.view_unit_tasks", user),
        )
        return context


class TaskExportView(PortalMixin, TaskFilterMixin, View):
    """The filtered task list as an Excel file, Vietnamese headers, dates dd/mm/yyyy. Officials, leaders, supervisors."""

    permission = "plans.view_task_list"

    def get(self, request):
        today = timezone.localdate()
        task_filter = self.task_filter(selectors.tasks_visible_to(request.user))
        tasks = self.sorted_tasks(task_filter.qs, task_filter)
        total = tasks.count()
        rows = selectors.task_rows(tasks).prefetch_related("coordinating_units", "coordinating_groups")
        content = task_list_workbook(
            rows.iterator(chunk_size=2000),
            title=f"Danh sách nhiệm vụ – {scope_root(request.user).name}",
            today=today,
            total=total,
        )
        return attachment(content, filename=f"Danh sách nhiệm vụ {today:%d-%m-%Y}.xlsx", content_type=XLSX)


class UnitTaskListView(PortalMixin, TemplateView):
    """ "Việc của đơn vị tôi": the tasks the user's unit leads (or helps with), most urgent first. Commune staff."""

    permission = "plans.view_unit_tasks"
    template_name = "plans/task_mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        role = "coordinate" if self.request.GET.get("role") == "coordinate" else "lead"
        inbox = selectors.unit_inbox(user, role=role)
        task_filter = TaskFilter(self.request.GET, queryset=inbox, today=today)
        # Counted once per unit, filter and COUNT_SECONDS, as the task list is: a busy unit's inbox holds thousands.
        counts = cached_counts(
            self.request,
            lambda: {
                "rows": selectors.capped_count(task_filter.qs),
                "cards": selectors.task_counts(selectors.unit_inbox(user, role="lead"), today, exact=True),
            },
            per_unit=True,
        )
        paginator = CappedPaginator(selectors.task_page_rows(task_filter.qs), 50)
        paginator.total = counts["rows"]
        page = paginator.get_page(self.request.GET.get("page"))
        period_end = report_period(today)[1]
        context.update(
            filter=task_filter,
            page=page,
            rows=task_list_rows(page.object_list, report_period_end=period_end, today=today),
            role=role,
            today=today,
            unit=user.unit,
            counts=counts["cards"],
            report_period_end=period_end,
            can_import=rules.has_perm("plans.import_task_sheet", user),
            can_list=rules.has_perm("plans.view_task_list", user),
        )
        return context


class UnitTaskExportView(PortalMixin, View):
    """The unit's open tasks as an Excel sheet to fill in offline and upload back. Commune staff."""

    permission = "plans.view_unit_tasks"

    def get(self, request):
        today = timezone.localdate()
        tasks = selectors.unit_inbox(request.user).open().select_related("plan")
        content = progress_sheet_workbook(tasks, unit=request.user.unit, today=today)
        return attachment(content, filename=f"Tiến độ nhiệm vụ {today:%d-%m-%Y}.xlsx", content_type=XLSX)
