"""Report cycles: the office opens one, each unit sends its part, the office may return a part."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, error_text, paginate, stale_edit
from reports import services
from reports.choices import PartStatus
from reports.forms import CycleOpenForm, PartForm
from reports.models import ReportCycle, UnitPart
from reports.workflows import PART_LIFECYCLE
from units.choices import Role
from units.permissions import scope_root
from units.scope import scope_of

# The refusal of a part sent by a colleague after this person opened it.
STALE_PART = "Phần báo cáo vừa được người khác nộp sau khi bạn mở trang. Bản đã nộp và bản của bạn ở bên dưới."
SENT_HINT = (
    "Phần báo cáo đã nộp nên không sửa được nữa: chép nội dung của bạn ở trên nếu cần; "
    "văn phòng trả lại phần báo cáo thì đơn vị sửa và nộp lại."
)


class CycleListView(PortalMixin, TemplateView):
    """The report cycles of the commune; a unit head sees the parts asked of their unit."""

    permission = "reports.view_cycle_list"
    template_name = "reports/cycle_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.role == Role.UNIT_HEAD:
            context["parts"] = UnitPart.objects.filter(unit_id=user.unit_id).select_related("cycle").order_by("-pk")
        else:
            context["cycles"] = paginate(
                self.request, ReportCycle.objects.filter(government=scope_root(user)).order_by("-year", "-pk")
            )
        context["today"] = timezone.localdate()
        return context


class CycleCreateView(PortalMixin, View):
    """Open a report cycle for a period with a deadline. Officials (the office)."""

    permission = "reports.add_cycle"

    def get(self, request):
        return render(request, "reports/cycle_form.html", {"form": CycleOpenForm()})

    def post(self, request):
        form = CycleOpenForm(request.POST)
        if form.is_valid():
            try:
                cycle = services.cycle_open(government=scope_root(request.user), by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, "Đã mở đợt báo cáo; các đơn vị đã có phần báo cáo điền sẵn tiến độ.")
                return redirect(cycle.get_absolute_url())
        return render(request, "reports/cycle_form.html", {"form": form}, status=400)


class CycleMixin(PortalMixin):
    @cached_property
    def cycle(self) -> ReportCycle:
        """Return the cycle if the user may see it; 404 otherwise (a unit head, a supervisor), never 403."""
        cycle = get_object_or_404(
            ReportCycle.objects.filter(scope_of(self.request.user).condition("government_id")), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm("reports.view_cycle", cycle):
            raise Http404("Không tìm thấy đợt báo cáo.")
        return cycle

    def get_permission_object(self):
        return self.cycle


class CycleDetailView(CycleMixin, TemplateView):
    """Unit by unit: who has sent its part, who is late, who was returned. Officials and leaders of the commune."""

    permission = "reports.view_cycle"
    template_name = "reports/cycle_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        parts = list(self.cycle.parts.select_related("unit", "submitted_by"))
        for part in parts:
            part.late = part.is_late_on(today)
        context.update(
            cycle=self.cycle,
            parts=parts,
            counts={
                "submitted": sum(p.status == PartStatus.SUBMITTED for p in parts),
                "returned": sum(p.status == PartStatus.RETURNED for p in parts),
                "late": sum(p.late for p in parts),
                "total": len(parts),
            },
        )
        return context


class CycleRemindView(CycleMixin, View):
    """Remind the units that have not sent their part (once a day each). POST; officials."""

    http_method_names = ["post"]
    permission = "reports.remind_cycle"

    def post(self, request, pk):
        sent = services.cycle_remind(cycle=self.cycle, by=request.user)
        messages.success(request, f"Đã nhắc {sent} người." if sent else "Hôm nay đã nhắc các đơn vị này rồi.")
        return redirect(self.cycle.get_absolute_url())


class PartMixin(PortalMixin):
    @cached_property
    def part(self) -> UnitPart:
        """Return the part if the user may see it; another unit's part is 404 to a unit head (no probing ids)."""
        part = get_object_or_404(
            UnitPart.objects.filter(scope_of(self.request.user).condition("cycle__government_id")).select_related(
                "cycle", "unit"
            ),
            pk=self.kwargs["pk"],
        )
        if not self.request.user.has_perm("reports.view_part", part):
            raise Http404("Không tìm thấy phần báo cáo.")
        return part

    def get_permission_object(self):
        return self.part


class PartEditView(PartMixin, View):
    """A unit's part: its head writes the narrative and sends it; the office reads it and may return it."""

    permission = "reports.view_part"

    def context(self, form=None):
        return {
            "part": self.part,
            "workflow": PART_LIFECYCLE.actions_for(self.request.user, self.part),
            "form": form or PartForm(initial={"narrative": self.part.narrative, "version": self.part.version}),
        }

    def get(self, request, pk):
        return render(request, "reports/part_edit.html", self.context())

    def conflict(self, form, error: StaleEditError):
        """Answer 409: the part as the colleague sent it beside the narrative this person sent, both whole."""
        saved = UnitPart.objects.get(pk=self.part.pk)
        context = self.context(form)
        context["conflict"] = stale_edit(error, saved, form.cleaned_data, ["narrative"], form)
        if saved.status not in PART_LIFECYCLE["submit"].sources:
            context["conflict"]["hint"] = SENT_HINT
        return render(self.request, "reports/part_edit.html", context, status=409)

    def post(self, request, pk):
        form = PartForm(request.POST)
        if not request.user.has_perm("reports.submit_part", self.part):
            # A head of the unit whose colleague sent the part since the page was opened: the part may no
            # longer be sent, but their text is shown beside the colleague's instead of being dropped.
            submitter = PART_LIFECYCLE["submit"].who.test(request.user, self.part)
            if submitter and form.is_valid() and form.cleaned_data["version"] != self.part.version:
                return self.conflict(form, StaleEditError(STALE_PART))
            raise PermissionDenied
        if form.is_valid():
            try:
                services.part_submit(
                    part=self.part,
                    by=request.user,
                    narrative=form.cleaned_data["narrative"],
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEditError as error:
                return self.conflict(form, error)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, "Đã nộp phần báo cáo của đơn vị.")
                return redirect(self.part.get_absolute_url())
        return render(request, "reports/part_edit.html", self.context(form), status=400)
