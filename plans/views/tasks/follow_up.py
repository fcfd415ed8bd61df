"""One task: its page, progress reports, comments, cancellation and evidence downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View

from danvan.views import PortalMixin, error_text, stored_file_response
from plans import selectors, services
from plans.choices import TimeframeKind
from plans.forms import ProgressForm, TaskCancelForm, TaskCommentForm
from plans.models import EvidenceFile, Task
from plans.schedule import occurrences, recurring_period, report_period


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
        """Return the file if the user may see its task; 404 otherwise, as for the task itself (no probing ids)."""
        evidence = get_object_or_404(
            EvidenceFile.objects.select_related("update__task__plan__issuing_unit"),
            pk=self.kwargs["pk"],
            update__task__in=selectors.tasks_in_plan_scope(self.request.user),
        )
        if not self.request.user.has_perm("plans.view_task", evidence.update.task):
            raise Http404("Không tìm thấy tệp minh chứng.")
        return evidence

    def get_permission_object(self):
        return self.evidence.update.task

    def get(self, request, pk):
        evidence = self.evidence
        return stored_file_response(
            obj=evidence, file=evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )
