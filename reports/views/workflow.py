"""The workflow moves of a periodic report (submit, approve, return, issue)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views import View

from danvan.views import WorkflowMoveMixin, error_text
from reports import services
from reports.choices import ReportStatus
from reports.views.periodic import ReportMixin


class ReportTransitionView(WorkflowMoveMixin, ReportMixin, View):
    """One workflow move (submit, approve, return, issue). POST only; the rule names who."""

    targets = {
        "submit": ReportStatus.SUBMITTED,
        "approve": ReportStatus.APPROVED,
        "return": ReportStatus.RETURNED,
        "issue": ReportStatus.ISSUED,
    }

    @property
    def permission(self):
        return f"reports.{self.action}_report"

    def post(self, request, pk):
        service = getattr(services, f"report_{self.action}")
        kwargs = {"comment": request.POST.get("comment", "")} if self.action in {"return", "approve"} else {}
        try:
            service(report=self.report, by=request.user, **kwargs)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, self.done_message)
        return redirect(self.report.get_absolute_url())
