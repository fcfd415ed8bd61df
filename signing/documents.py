"""The documents that take a signed copy: issued plans and issued periodic reports, looked up for one person.

Only the leaders and officials of the issuing government may upload one; anyone
else, and any document not issued yet, gets 404, as elsewhere in the portal.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from units.permissions import is_leader, is_official
from units.scope import scope_of


@dataclass(frozen=True)
class Kind:
    """How to find a kind of document, its issuing unit, its page and its issued-copy rules."""

    key: str
    label: str

    def model(self):
        if self.key == "plan":
            from plans.models import Plan

            return Plan
        from reports.models import PeriodicReport

        return PeriodicReport

    def issued(self):
        if self.key == "plan":
            from plans.models import Plan

            return Plan.objects.issued().select_related("issuing_unit")
        from reports.choices import ReportStatus
        from reports.models import PeriodicReport

        return PeriodicReport.objects.filter(status=ReportStatus.ISSUED).select_related("unit")

    def is_issued(self, document) -> bool:
        return document.status in (("issued", "completed") if self.key == "plan" else ("issued",))

    def unit(self, document):
        return document.issuing_unit if self.key == "plan" else document.unit

    def issued_copy(self):
        if self.key == "plan":
            from plans.exports.pdf import ISSUED_COPY

            return ISSUED_COPY
        from reports.exports import ISSUED_COPY

        return ISSUED_COPY

    def page(self, document) -> str:
        from django.urls import reverse

        if self.key == "plan":
            return reverse("plans:plan_detail", args=[document.pk])
        return reverse("reports:report_detail", args=[document.pk])


KINDS = {"plan": Kind("plan", "kế hoạch"), "report": Kind("report", "báo cáo")}


def may_upload(user, kind: Kind, document) -> bool:
    """Leaders and officials of the government that issued `document`, once it is issued."""
    return (is_leader(user) or is_official(user)) and scope_of(user).governs(kind.unit(document))


def document_for(user, kind_key: str, pk: int):
    """Return (kind, document) for a person who may upload its signed copy, or raise 404."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise Http404
    document = get_object_or_404(kind.issued(), pk=pk)
    if not may_upload(user, kind, document):
        raise Http404
    return kind, document
