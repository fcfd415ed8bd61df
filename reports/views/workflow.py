"""The plain workflow moves of a periodic report and of a unit's part, served by the one danvan TransitionView."""

from danvan.issue_jobs import IssueJobMixin
from danvan.views import TransitionView
from reports.views.cycles import PartMixin
from reports.views.periodic import ReportMixin


class ReportTransitionView(IssueJobMixin, TransitionView, ReportMixin):
    """A plain move of a report (reports/workflows.py): submit, approve, return, issue. POST only.

    Issuing runs as the "report_issue" job (reports/jobs.py); the POST answers at once with its progress.
    """

    issue_job_kind = "report_issue"


class PartTransitionView(TransitionView, PartMixin):
    """A plain move of a unit's part (reports/workflows.py): the office returns it. POST only; back to the cycle."""

    def success_url(self, document) -> str:
        return document.cycle.get_absolute_url()
