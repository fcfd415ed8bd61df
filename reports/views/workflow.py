"""The plain workflow moves of a periodic report and of a unit's part, served by the one danvan TransitionView."""

from danvan.views import TransitionView
from reports.views.cycles import PartMixin
from reports.views.periodic import ReportMixin


class ReportTransitionView(TransitionView, ReportMixin):
    """A plain move of a report (reports/workflows.py): submit, approve, return, issue. POST only."""


class PartTransitionView(TransitionView, PartMixin):
    """A plain move of a unit's part (reports/workflows.py): the office returns it. POST only; back to the cycle."""

    def success_url(self, document) -> str:
        return document.cycle.get_absolute_url()
