"""What a government shows the public: only issued or recognised documents it chose to publish.

Every public read goes through these functions, so nothing a page shows can be a draft,
an unpublished document, evidence, a comment or a person other than the signer. A
government's own documents are those issued by it or by one of its own units one level
below (a department), never by a government under it (a city does not list its communes').
"""

import hashlib
import logging

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from danvan.search import search_filter, search_folded
from models_registry.models import Indicator, Registration
from plans.choices import PlanStatus
from plans.models import Plan, Task
from reports.choices import ReportStatus
from reports.models import PeriodicReport
from units.choices import GOVERNMENT_KINDS
from units.models import Unit, UnitGroup

logger = logging.getLogger(__name__)

PUBLIC_PLAN_STATUSES = (PlanStatus.ISSUED, PlanStatus.COMPLETED)
# How many of each kind a government's page lists, newest first; the search reaches older ones.
PAGE_LIMIT = 100
FEED_LIMIT = 30


def governments() -> QuerySet[Unit]:
    """Return the active governments (city, communes, wards), the units that have a public page."""
    return Unit.objects.governments().active().order_by("kind", "name")


def government_or_404(pk: int) -> Unit:
    """Return the government `pk`, or 404 for any other unit (a department has no page of its own)."""
    unit = Unit.objects.filter(pk=pk, kind__in=GOVERNMENT_KINDS).first()
    if unit is None:
        raise Http404("Không có trang công khai này.")
    return unit


def _issued_by(government: Unit, field: str) -> Q:
    """Return "`field` (a unit) is the government or one of its own units one level below"."""
    own_unit = Q(**{f"{field}__parent": government}) & ~Q(**{f"{field}__kind__in": GOVERNMENT_KINDS})
    return Q(**{field: government}) | own_unit


def public_plans() -> QuerySet[Plan]:
    """Return every plan the public may see: issued (or since completed) and published."""
    return Plan.objects.filter(status__in=PUBLIC_PLAN_STATUSES, published=True)


def public_reports() -> QuerySet[PeriodicReport]:
    """Return every periodic report the public may see: issued and published."""
    return PeriodicReport.objects.filter(status=ReportStatus.ISSUED, published=True)


def plans_of(government: Unit) -> QuerySet[Plan]:
    """Return the government's public plans, newest issued first."""
    return (
        public_plans()
        .filter(_issued_by(government, "issuing_unit"))
        .only(
            "pk",
            "number",
            "symbol",
            "issued_on",
            "issued_at",
            "title",
            "issued_pdf_sha256",
            "issuing_unit_id",
            "status",
        )
        .order_by("-issued_on", "-number", "-pk")
    )


def reports_of(government: Unit) -> QuerySet[PeriodicReport]:
    """Return the government's public periodic reports, newest issued first."""
    return (
        public_reports()
        .filter(_issued_by(government, "unit"))
        .only("pk", "number", "issued_on", "issued_at", "title", "issued_pdf_sha256", "unit_id", "status")
        .order_by("-issued_on", "-number", "-pk")
    )


def models_of(government: Unit) -> QuerySet[Registration]:
    """Return the "Dân vận khéo" models the government recognised, with their results, newest campaign first."""
    return (
        Registration.objects.recognized()
        .filter(campaign__issuing_unit=government)
        .select_related("campaign", "unit", "field")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position", "pk")))
        .order_by("-campaign__year", "-is_exemplary", "name", "pk")
    )


def plan_of(government: Unit, pk: int) -> Plan:
    """Return the government's public plan `pk`, or 404 (a draft, an unpublished plan, another government's)."""
    plan = plans_of(government).filter(pk=pk).only(*PLAN_PAGE_FIELDS).first()
    if plan is None:
        raise Http404("Không có văn bản công khai này.")
    return plan


def report_of(government: Unit, pk: int) -> PeriodicReport:
    """Return the government's public report `pk`, or 404."""
    report = (
        reports_of(government).filter(pk=pk).only("pk", "number", "title", "issued_pdf", "issued_pdf_sha256").first()
    )
    if report is None:
        raise Http404("Không có văn bản công khai này.")
    return report


# The fields of a plan its public page shows: never the author, the history or the comments.
PLAN_PAGE_FIELDS = (
    "pk",
    "number",
    "symbol",
    "issued_on",
    "title",
    "status",
    "period_label",
    "signer_name",
    "signer_title",
    "signature_authority",
    "issued_pdf",
    "issued_pdf_sha256",
    "issuing_unit_id",
)


def tasks_of(plan: Plan) -> QuerySet[Task]:
    """Return the plan's tasks with their status and progress (and nothing of their reports or evidence)."""
    return (
        Task.objects.filter(plan=plan)
        .only(
            "pk",
            "plan_id",
            "position",
            "content",
            "lead_text",
            "timeframe_text",
            "timeframe_kind",
            "due_date",
            "next_due_on",
            "status",
            "progress",
        )
        .prefetch_related(
            Prefetch("lead_units", queryset=Unit.objects.only("pk", "name")),
            Prefetch("lead_groups", queryset=UnitGroup.objects.only("pk", "name")),
        )
        .order_by("position", "pk")
    )


def search_governments(query: str) -> QuerySet[Unit]:
    """Return the governments whose name holds every word of `query`, diacritics ignored."""
    return search_filter(governments(), query, ["name", "short_name", "place_name"])[:50]


def search_documents(query: str) -> list:
    """Return the public plans and reports of every government matching `query` (or the newest), newest first."""
    plans = public_plans().select_related("issuing_unit")
    reports = public_reports().select_related("unit")
    if query:
        plans = search_folded(plans, query)
        reports = search_filter(reports, query, ["title"])
    plans = list(plans.order_by("-issued_at", "-pk")[:30])
    reports = list(reports.order_by("-issued_at", "-pk")[:30])
    documents = [_listed(plan, plan.issuing_unit) for plan in plans] + [_listed(r, r.unit) for r in reports]
    return sorted(documents, key=lambda entry: (entry["issued_on"], entry["pk"]), reverse=True)[:30]


def _listed(document, unit: Unit) -> dict:
    """Return a document of the search results with the government whose page holds it."""
    government_id = unit.pk if unit.kind in GOVERNMENT_KINDS else unit.parent_id
    return {
        "pk": document.pk,
        "kind": "plan" if isinstance(document, Plan) else "report",
        "reference": document.reference,
        "title": document.title,
        "issued_on": document.issued_on,
        "government_id": government_id,
        "unit": unit,
    }


def stored_pdf(document) -> bytes:
    """Return the stored issued copy of `document`, checked against its SHA-256; 404 when there is none.

    Never renders: an anonymous request must not start the renderer. A copy not yet stored
    (the issuance renders it just after its commit) is simply not offered yet.
    """
    if not document.issued_pdf_sha256 or not document.issued_pdf:
        raise Http404("Bản ban hành chưa sẵn sàng.")
    try:
        with document.issued_pdf.open("rb") as stored:
            pdf = stored.read()
    except FileNotFoundError as error:
        raise Http404("Bản ban hành không còn trên máy chủ.") from error
    if hashlib.sha256(pdf).hexdigest() != document.issued_pdf_sha256:
        logger.error("Stored PDF of %s %s does not match its SHA-256", type(document).__name__, document.pk)
        raise Http404("Bản ban hành không khớp mã kiểm tra.")
    return pdf
