"""The public pages: open to anyone, cached per government, showing only what the government published.

Pages are rendered without the request (no navigation, no person, no CSRF token, no nonce), so
one cached copy serves every visitor. Downloads of issued copies are not written to the audit
trail: they are public documents, and an anonymous visitor must not be able to fill the trail.
"""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.views import View
from django.views.decorators.http import require_GET

from danvan.downloads import attachment
from danvan.search import search_words
from danvan.views import PortalMixin
from plans.models import Plan
from public import selectors
from public.cache import ALL, SHORT_TIMEOUT, TIMEOUT, cached
from public.feeds import GovernmentFeed
from public.services import document_set_published
from reports.models import PeriodicReport

PDF = "application/pdf"


def absolute_base(request) -> str:
    """Return "https://host" for links shared outside the portal: SITE_URL when set, else the request's host."""
    return settings.SITE_URL.rstrip("/") or request.build_absolute_uri("/").rstrip("/")


def public_response(request, content: str) -> HttpResponse:
    """Answer a public page; anonymous visitors' browsers may keep it a minute."""
    response = HttpResponse(content)
    if not request.user.is_authenticated:
        response["Cache-Control"] = "public, max-age=60"
    return response


def _timeout(documents) -> int:
    """Keep a page briefly while one of its issued documents still waits for its stored PDF."""
    return TIMEOUT if all(document.issued_pdf_sha256 for document in documents) else SHORT_TIMEOUT


@require_GET
def index(request):
    """Search every government's public page and documents, diacritics ignored; the newest documents first."""
    query = request.GET.get("q", "")[:200]
    base = absolute_base(request)

    def build():
        governments = selectors.search_governments(query) if search_words(query) else selectors.governments()
        context = {
            "query": query,
            "governments": list(governments[:200]),
            "documents": selectors.search_documents(query),
            "base": base,
            "path": request.path,
        }
        return render_to_string("public/index.html", context), TIMEOUT

    if search_words(query):
        return public_response(request, build()[0])
    return public_response(request, cached(ALL, f"index:{base}", build))


@require_GET
def government(request, unit):
    """A government's page: its issued plans, recognised models and issued reports that it published."""
    government = selectors.government_or_404(unit)
    base = absolute_base(request)

    def build():
        plans = list(selectors.plans_of(government)[: selectors.PAGE_LIMIT])
        reports = list(selectors.reports_of(government)[: selectors.PAGE_LIMIT])
        context = {
            "government": government,
            "plans": plans,
            "reports": reports,
            "models": list(selectors.models_of(government)[: selectors.PAGE_LIMIT]),
            "page_description": f"Kế hoạch, báo cáo đã ban hành và mô hình “Dân vận khéo” của {government.name}.",
            "base": base,
            "path": request.path,
        }
        return render_to_string("public/government.html", context), _timeout(plans + reports)

    return public_response(request, cached(government.pk, f"government:{base}", build))


@require_GET
def plan(request, unit, pk):
    """One issued plan: its number, date, signer, the stored PDF and its tasks' status and progress."""
    government = selectors.government_or_404(unit)
    base = absolute_base(request)

    def build():
        plan = selectors.plan_of(government, pk)
        tasks = list(selectors.tasks_of(plan))
        for task in tasks:
            task.plan = plan  # "late" reads the plan's status; the plan is already here
        context = {
            "government": government,
            "plan": plan,
            "tasks": tasks,
            "page_description": f"{plan.reference} ngày {plan.issued_on:%d/%m/%Y} của {government.name}: {plan.title}",
            "base": base,
            "path": request.path,
        }
        return render_to_string("public/plan.html", context), _timeout([plan])

    return public_response(request, cached(government.pk, f"plan:{pk}:{base}", build))


@require_GET
def plan_pdf(request, unit, pk):
    """The PDF of an issued plan, byte for byte the copy stored when it was issued."""
    plan = selectors.plan_of(selectors.government_or_404(unit), pk)
    return attachment(selectors.stored_pdf(plan), filename=f"{plan.reference} {plan.title}.pdf", content_type=PDF)


@require_GET
def report_pdf(request, unit, pk):
    """The PDF of an issued periodic report, byte for byte the copy stored when it was issued."""
    report = selectors.report_of(selectors.government_or_404(unit), pk)
    return attachment(selectors.stored_pdf(report), filename=f"{report.reference} {report.title}.pdf", content_type=PDF)


class PublishView(PortalMixin, View):
    """Publish a plan or report of one's government on its public page, or withdraw it. Its leaders; POST only.

    The document is looked up among those the person may see (404 otherwise); the checkbox
    `published` says what the leader wants.
    """

    http_method_names = ["post"]
    model: type = Plan
    view_permission = "plans.view_plan"

    @cached_property
    def document(self):
        """Return the plan or report of the URL if the person may see it; 404 otherwise, as on its own page."""
        document = get_object_or_404(self.model, pk=self.kwargs["pk"])
        if not self.request.user.has_perm(self.view_permission, document):
            raise Http404("Không tìm thấy văn bản.")
        return document

    def get_permission_object(self):
        return self.document

    def post(self, request, pk):
        published = request.POST.get("published") == "on"
        document_set_published(document=self.document, published=published, by=request.user)
        if published:
            messages.success(request, "Văn bản sẽ hiện trên trang công khai khi đã ban hành.")
        else:
            messages.success(request, "Đã thôi công khai văn bản trên trang công khai.")
        return redirect(self.document.get_absolute_url())


class PlanPublishView(PublishView):
    permission = "public.publish_plan"


class ReportPublishView(PublishView):
    permission = "public.publish_report"
    model = PeriodicReport
    view_permission = "reports.view_report"


@require_GET
def feed(request, unit):
    """The government's Atom feed of newly issued documents, cached with its pages."""
    government = selectors.government_or_404(unit)
    base = absolute_base(request)

    def build():
        response = GovernmentFeed()(request, unit=unit)
        return (response.content, response["Content-Type"]), TIMEOUT

    content, content_type = cached(government.pk, f"feed:{base}", build)
    return HttpResponse(content, content_type=content_type)
