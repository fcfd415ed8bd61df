"""Views of the plans app. Thin: check permission, call one service or selector, answer.

Who may use each view is the `permission` rule named on it (plans/rules.py);
plans outside the user's scope are 404, never 403, so their existence is not revealed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.issue_jobs import IssueJobMixin
from danvan.list_options import cached_options_html, with_selected
from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, SortMixin, TransitionView, paginate, stale_edit
from plans import selectors, services
from plans.document import plan_document
from plans.filters import PlanFilter
from plans.forms import CopyForm, PlanForm
from plans.history import plan_changes
from plans.models import Plan
from plans.plan_task_rows import plan_task_rows
from plans.workflows import PLAN_LIFECYCLE
from units.permissions import scope_root
from units.scope import scope_of


def editor_context(plan: Plan) -> dict:
    """Return what the editor's list of parts (plans/_plan_parts.html) shows: bases, the numbered outline, tasks.

    The outline pairs each section's printed paragraph with the section's version, which its delete button sends.
    """
    document = plan_document(plan)
    versions = dict(plan.sections.values_list("pk", "version"))
    return {
        "plan": plan,
        "bases": plan.bases.all(),
        "document": document,
        "outline": [(p, versions[p.section_pk]) for p in document.body if p.section_pk in versions],
        "tasks": plan.tasks.select_related("section").prefetch_related("lead_units", "lead_groups"),
    }


class PlanMixin(PortalMixin):
    """Load the plan of the URL from the plans the user may see (404 otherwise)."""

    @cached_property
    def plan(self) -> Plan:
        return get_object_or_404(
            selectors.plans_visible_to(self.request.user).select_related("issuing_unit", "parent", "created_by"),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.plan


class PlanListView(PortalMixin, SortMixin, TemplateView):
    """Plans of the user's scope, filtered, searched, sorted and paginated. Any role."""

    permission = "plans.view_plan_list"
    template_name = "plans/plan_list.html"
    sort_options = {
        # Ids grow with creation time; ordering by them lets the primary-key index stop after one page.
        "created": ("pk",),
        "-created": ("-pk",),
        "title": ("title",),
        "-title": ("-title",),
        "number": ("year", "number"),
        "-number": ("-year", "-number"),
        "status": ("status", "-created_at"),
    }
    default_sort = "-created"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = scope_of(user).units().order_by("position", "name")
        plan_filter = PlanFilter(self.request.GET, queryset=selectors.plan_list(user), units=units)
        page = paginate(self.request, self.sort_queryset(plan_filter.qs))
        selectors.with_task_counts(page.object_list)
        context.update(
            filter=plan_filter,
            page=page,
            sort=self.get_sort(),
            # Every unit of a city for its supervisor: printed once per government, not per request (issue 19).
            unit_options=with_selected(
                cached_options_html(
                    "plan_issuing_unit", scope_of(user).root_id, lambda: units.only("pk", "name", "short_name")
                ),
                plan_filter.form["issuing_unit"].value(),
            ),
        )
        return context


class PlanDetailView(PlanMixin, TemplateView):
    """The plan as a document, its tasks, status history, changes and related plans. Roles that may see it."""

    permission = "plans.view_plan"
    template_name = "plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.plan
        visible = selectors.plans_visible_to(self.request.user)
        document = plan_document(plan)
        tracked_ids = selectors.visible_task_ids(self.request.user, plan)
        return super().get_context_data(
            plan=plan,
            document=document,
            task_rows=plan_task_rows(plan, document.tasks, tracked_ids),
            transitions=plan.transitions.select_related("by"),
            changes=plan_changes(plan),
            implementing=visible.filter(parent=plan).select_related("issuing_unit"),
            citing=visible.filter(bases__references__plan=plan).distinct().select_related("issuing_unit"),
            workflow=PLAN_LIFECYCLE.actions_for(self.request.user, plan),
            **kwargs,
        )


class PlanPreviewView(PlanMixin, TemplateView):
    """The document alone, as it will print (htmx fragment of the edit page). Roles that may see the plan."""

    permission = "plans.view_plan"
    template_name = "plans/_document.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, document=plan_document(self.plan), **kwargs)


class PlanCreateView(PortalMixin, View):
    """Write a new plan's header, then continue on the edit page. Officials."""

    permission = "plans.add_plan"

    def get(self, request):
        government = scope_root(request.user)
        form = PlanForm(
            user=request.user,
            initial={
                "issuing_unit": government,
                "place_name": government.place_name,
                "signature_authority": "TM. ỦY BAN NHÂN DÂN",
                "signer_title": "CHỦ TỊCH",
                "recipients": "UBND thành phố (để b/c);\nTT Đảng ủy, HĐND xã (để b/c);\nCác phòng, đơn vị thuộc xã;\nLưu: VT, VHXH.",
            },
        )
        return render(request, "plans/plan_form.html", {"form": form})

    def post(self, request):
        form = PlanForm(request.POST, user=request.user)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "issuing_unit"}}
            try:
                plan = services.plan_create(by=request.user, issuing_unit=form.cleaned_data["issuing_unit"], **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã tạo dự thảo kế hoạch. Hãy thêm căn cứ, các mục và nhiệm vụ.")
                return redirect("plans:plan_edit", pk=plan.pk)
        return render(request, "plans/plan_form.html", {"form": form}, status=400)


class PlanEditView(PlanMixin, View):
    """Edit an editable plan: header form, and in place its bases, sections and tasks (plans/views/editor.py)
    beside the live preview. Officials of the issuing government.
    """

    permission = "plans.change_plan"

    def context(self, form):
        return {
            **editor_context(self.plan),
            "form": form,
            "workflow": PLAN_LIFECYCLE.actions_for(self.request.user, self.plan),
        }

    def get(self, request, pk):
        return render(request, "plans/plan_edit.html", self.context(PlanForm(instance=self.plan, user=request.user)))

    def post(self, request, pk):
        form = PlanForm(request.POST, instance=Plan.objects.get(pk=self.plan.pk), user=request.user)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.plan_update(
                    plan=self.plan, by=request.user, expected_version=form.cleaned_data.get("version"), **data
                )
            except StaleEditError as error:
                saved = Plan.objects.get(pk=self.plan.pk)
                context = self.context(form)
                context["conflict"] = stale_edit(
                    error, saved, data, ["title", "period_label", "intro", "closing"], form
                )
                return render(request, "plans/plan_edit.html", context, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã lưu kế hoạch.")
                return redirect("plans:plan_edit", pk=pk)
        return render(request, "plans/plan_edit.html", self.context(form), status=400)


class PlanTransitionView(IssueJobMixin, TransitionView, PlanMixin):
    """A plain move of a plan (plans/workflows.py): submit, approve, return, issue, complete. POST only.

    Issuing runs as the "plan_issue" job (plans/jobs.py); the POST answers at once with its progress.
    """

    issue_job_kind = "plan_issue"


class PlanCopyView(PlanMixin, View):
    """Create a new draft from an earlier plan. Officials who may see the plan."""

    permission = "plans.copy_plan"

    def get(self, request, pk):
        return render(
            request, "plans/plan_copy.html", {"plan": self.plan, "form": CopyForm(initial={"title": self.plan.title})}
        )

    def post(self, request, pk):
        form = CopyForm(request.POST)
        if not form.is_valid():
            return render(request, "plans/plan_copy.html", {"plan": self.plan, "form": form}, status=400)
        copy = services.plan_copy(plan=self.plan, by=request.user, title=form.cleaned_data["title"])
        messages.success(request, "Đã tạo dự thảo mới từ kế hoạch cũ. Hãy sửa giai đoạn, căn cứ và thời hạn.")
        return redirect("plans:plan_edit", pk=copy.pk)
