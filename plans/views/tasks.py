"""Following tasks up: the task lists, a unit's inbox, a task's timeline and reports, the calendar, Excel.

Thin views: check the rule named on each (plans/rules.py), call one selector
or service, answer. A task is loaded from the published plans the user may
open (plans.selectors.tasks_in_plan_scope): outside them it is 404, so a plan
of another commune or a draft reveals nothing; inside them the rule decides,
so a unit head posting on another unit's task of a plan they can read gets 403
and nothing is written.
"""

import calendar
import datetime
import re

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.downloads import attachment
from danvan.uploads import CONTENT_TYPES
from danvan.views import PortalMixin, SortMixin, error_text, stored_file_response
from plans import selectors, services
from plans.choices import TimeframeKind
from plans.filters import TaskFilter
from plans.forms import ProgressForm, ProgressSheetForm, TaskCancelForm, TaskCommentForm
from plans.models import URGENCY_ORDER, EvidenceFile, Plan, Task, TaskSheetImport
from plans.rules import PUBLISHED
from plans.schedule import occurrences, recurring_period, report_period
from plans.task_sheets import progress_sheet_workbook, task_list_workbook
from units.choices import GOVERNMENT_KINDS
from units.models import Unit
from units.permissions import scope_root
from units.scope import scope_of

XLSX = CONTENT_TYPES["xlsx"]
MONTH_NAMES = [f"Tháng {n}" for n in range(1, 13)]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


class CappedPaginator(Paginator):
    """A paginator that counts no further than COUNT_CAP rows; `capped` says there are more."""

    @cached_property
    def count(self) -> int:
        total = selectors.capped_count(self.object_list)
        self.capped = total > selectors.COUNT_CAP
        return min(total, selectors.COUNT_CAP)


def paginate_capped(request, queryset, per_page: int = 50):
    """Return the requested page of `queryset` (as danvan.views.paginate), counting at most COUNT_CAP rows."""
    return CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))


class TaskMixin(PortalMixin):
    """Load the task of the URL from the published plans the user may open, if they may see it (404 otherwise).

    A unit head asking for the task of a unit they neither lead nor help gets 404, as
    for another unit's registration (bad-inputs row 48): ids are not to be probed.
    """

    @cached_property
    def task(self) -> Task:
        task = get_object_or_404(
            selectors.tasks_in_plan_scope(self.request.user).select_related(
                "plan__issuing_unit", "plan__created_by", "section"
            ),
            pk=self.kwargs["pk"],
        )
        if not self.request.user.has_perm("plans.view_task", task):
            raise Http404("Không tìm thấy nhiệm vụ.")
        return task

    def get_permission_object(self):
        return self.task


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
            self.filter_plans().filter(issuing_unit=scope_root(self.request.user)).order_by("-issued_on", "-pk")[:100]
        )


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
        page = paginate_capped(self.request, selectors.task_page_rows(self.sort_queryset(task_filter.qs)))
        context.update(
            filter=task_filter,
            page=page,
            sort=self.get_sort(),
            today=today,
            counts=selectors.task_counts(visible, today),
            report_period_end=report_period(today)[1],
            units=self.unit_options(),
            plan_options=self.plan_options(),
            selected_plan=task_filter.form.cleaned_data.get("plan") if task_filter.form.is_valid() else None,
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
        tasks = self.sort_queryset(task_filter.qs)
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
        page = paginate_capped(self.request, selectors.task_page_rows(task_filter.qs))
        context.update(
            filter=task_filter,
            page=page,
            role=role,
            today=today,
            unit=user.unit,
            counts=selectors.task_counts(selectors.unit_inbox(user, role="lead"), today, exact=True),
            report_period_end=report_period(today)[1],
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


def task_page(request, task: Task, *, status: int = 200, **forms):
    """Render a task's page: facts, progress, timeline, and the forms the user may use (`forms` override them)."""
    today = timezone.localdate()
    context = {
        "progress_form": ProgressForm(initial={"reported_on": today, "percent": task.progress}),
        "comment_form": TaskCommentForm(),
        "cancel_form": TaskCancelForm(),
        **forms,
    }
    schedule = []
    if task.timeframe_kind == TimeframeKind.RECURRING:
        plan = task.plan
        start, end = recurring_period(
            start_date=task.start_date,
            end_date=task.end_date,
            plan_start=plan.period_start,
            plan_end=plan.period_end,
            plan_year=plan.year or (plan.issued_on.year if plan.issued_on else None),
        )
        schedule = occurrences(task.recurrence, start, end)
    context.update(
        task=task,
        plan=task.plan,
        today=today,
        timeline=selectors.task_timeline(task),
        lead_units=task.lead_units.all(),
        lead_groups=task.lead_groups.prefetch_related("members"),
        coordinating_units=task.coordinating_units.all(),
        coordinating_groups=task.coordinating_groups.prefetch_related("members"),
        schedule=schedule,
        report_period_end=report_period(today)[1],
        can_list=request.user.has_perm("plans.view_task_list"),
    )
    return render(request, "plans/task_detail.html", context, status=status)


class TaskDetailView(TaskMixin, View):
    """One task: what, who, when, its progress and timeline, with the report and comment forms. Those who may see it."""

    permission = "plans.view_task"

    def get(self, request, pk):
        return task_page(request, self.task)


class TaskProgressView(TaskMixin, View):
    """Report progress on a task: date, percent, text, evidence files. Heads of the lead unit; POST only."""

    permission = "plans.report_task_progress"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.task_report_progress(
                    task=self.task,
                    by=request.user,
                    reported_on=data["reported_on"],
                    percent=data["percent"],
                    text=data["text"],
                    files=data["files"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                done = data["percent"] == 100
                messages.success(
                    request, "Đã ghi nhận hoàn thành nhiệm vụ." if done else f"Đã báo cáo tiến độ {data['percent']}%."
                )
                return redirect("tasks:task_detail", pk=pk)
        return task_page(request, self.task, status=400, progress_form=form)


class TaskCommentView(TaskMixin, View):
    """Add a comment to a task's timeline. Coordinating and lead units, the government's officials and leaders; POST."""

    permission = "plans.comment_task"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = TaskCommentForm(request.POST)
        if form.is_valid():
            try:
                services.task_comment(task=self.task, by=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã gửi ý kiến.")
                return redirect("tasks:task_detail", pk=pk)
        return task_page(request, self.task, status=400, comment_form=form)


class TaskCancelView(TaskMixin, View):
    """Cancel an open task with a reason. Officials and leaders of the plan's government; POST only."""

    permission = "plans.cancel_task"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = TaskCancelForm(request.POST)
        if form.is_valid():
            try:
                services.task_cancel(task=self.task, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, "Đã hủy nhiệm vụ.")
        else:
            messages.error(request, "Cần ghi lý do hủy nhiệm vụ.")
        return redirect("tasks:task_detail", pk=pk)


class EvidenceDownloadView(PortalMixin, View):
    """Download an evidence file under the name it was uploaded with. Those who may see its task."""

    permission = "plans.view_task"

    @cached_property
    def evidence(self) -> EvidenceFile:
        return get_object_or_404(
            EvidenceFile.objects.select_related("update__task__plan__issuing_unit"),
            pk=self.kwargs["pk"],
            update__task__in=selectors.tasks_in_plan_scope(self.request.user),
        )

    def get_permission_object(self):
        return self.evidence.update.task

    def get(self, request, pk):
        evidence = self.evidence
        return stored_file_response(
            obj=evidence, file=evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )


def month_from(value: str | None, today: datetime.date) -> datetime.date:
    """Return the first day of the month `value` ("2025-12") names, or of this month; years 2000-2100 only."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return today.replace(day=1)


class TaskCalendarView(PortalMixin, TemplateView):
    """A month calendar of the due dates of the tasks the user may see. Any role with a workplace."""

    permission = "plans.view_task_calendar"
    template_name = "plans/task_calendar.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        month = month_from(self.request.GET.get("month"), today)
        data = selectors.task_calendar(selectors.tasks_visible_to(user), month)
        weeks = [
            [
                {
                    "day": day,
                    "in_month": day.month == month.month,
                    "tasks": data["tasks"].get(day, []),
                    "count": data["counts"].get(day, 0),
                }
                for day in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
        ]
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = data["month_end"] + datetime.timedelta(days=1)
        list_url = reverse("tasks:task_list" if user.has_perm("plans.view_task_list") else "tasks:unit_tasks")
        return super().get_context_data(
            month=month,
            month_label=f"{MONTH_NAMES[month.month - 1]} năm {month.year}",
            weeks=weeks,
            weekdays=WEEKDAYS,
            today=today,
            previous=f"{previous:%Y-%m}" if previous.year >= 2000 else None,
            following=f"{following:%Y-%m}" if following.year <= 2100 else None,
            total=sum(data["counts"].values()),
            list_url=list_url,
            **kwargs,
        )


class SheetImportView(PortalMixin, View):
    """Upload the filled-in progress sheet; nothing is written until the preview is confirmed. Unit heads."""

    permission = "plans.import_task_sheet"

    def get(self, request):
        return render(request, "plans/task_sheet_import.html", {"form": ProgressSheetForm()})

    def post(self, request):
        form = ProgressSheetForm(request.POST, request.FILES)
        if form.is_valid():
            checked = form.cleaned_data["file"]
            checked.upload.seek(0)
            try:
                sheet = services.task_sheet_read(
                    data=checked.upload.read(), filename=checked.original_name, by=request.user
                )
            except services.SheetAlreadyAppliedError as error:
                form.add_error("file", error_text(error))
                return render(
                    request, "plans/task_sheet_import.html", {"form": form, "applied": error.sheet}, status=400
                )
            except ValidationError as error:
                form.add_error("file", error_text(error))
            else:
                return redirect("tasks:sheet_preview", pk=sheet.pk)
        return render(request, "plans/task_sheet_import.html", {"form": form}, status=400)


class SheetMixin(PortalMixin):
    permission = "plans.import_task_sheet"

    def sheet(self, pk) -> TaskSheetImport:
        return get_object_or_404(TaskSheetImport, pk=pk, uploaded_by=self.request.user)


class SheetPreviewView(SheetMixin, View):
    """Row by row, what the uploaded sheet will change and what it refuses. The unit head who uploaded it."""

    def get(self, request, pk):
        sheet = self.sheet(pk)
        return render(request, "plans/task_sheet_preview.html", {"sheet": sheet})


class SheetApplyView(SheetMixin, View):
    """Apply every change of a previewed sheet in one transaction. The unit head who uploaded it; POST only."""

    http_method_names = ["post"]

    def post(self, request, pk):
        sheet = self.sheet(pk)
        try:
            count = services.task_sheet_apply(sheet=sheet, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("tasks:sheet_preview", pk=pk)
        messages.success(request, f"Đã cập nhật tiến độ {count} nhiệm vụ từ tệp “{sheet.filename}”.")
        return redirect("tasks:unit_tasks")


__all__ = [
    "EvidenceDownloadView",
    "SheetApplyView",
    "SheetImportView",
    "SheetPreviewView",
    "TaskCalendarView",
    "TaskCancelView",
    "TaskCommentView",
    "TaskDetailView",
    "TaskExportView",
    "TaskListView",
    "TaskProgressView",
    "UnitTaskExportView",
    "UnitTaskListView",
]
