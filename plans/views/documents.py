"""Downloads of a plan as an official document: the PDF in the state format and the editable DOCX."""

from django.views import View

from danvan.views import document_response
from plans import exports
from plans.models import Plan
from plans.text_limit import plan_text_chars
from plans.views.authoring import PlanMixin


class PlanDocumentView(PlanMixin, View):
    """Download the plan as an official document file. Roles that may see the plan.

    An issued plan is served from the copy stored when it was issued; any
    other plan is rendered on each request, marked as a draft. A long render
    goes on as a background job and the page shows its progress.
    """

    permission = "plans.view_plan"
    extension = ""
    content_type = ""
    job_kind = ""  # the background job that builds a long document (plans/jobs.py)

    def build(self, plan: Plan) -> bytes:
        raise NotImplementedError

    def pages(self, plan: Plan) -> int:
        """Return an estimate of the document's pages from the database (0: let the render decide)."""
        return 0

    def get(self, request, pk):
        return document_response(
            request,
            build=lambda: self.build(self.plan),
            obj=self.plan,
            filename=exports.plan_filename(self.plan, self.extension),
            content_type=self.content_type,
            job_kind=self.job_kind,
            pages=lambda: self.pages(self.plan),
        )


class PlanPdfView(PlanDocumentView):
    """The plan as PDF in the state format (Nghị định 30/2020/NĐ-CP)."""

    extension = "pdf"
    content_type = "application/pdf"
    job_kind = "plan_pdf"

    def build(self, plan):
        return exports.plan_pdf(plan)

    def pages(self, plan):
        if plan.issued_pdf_sha256:
            return 0  # the stored copy is served as it is
        from danvan.document_budget import CHARS_PER_PAGE

        return plan_text_chars(plan.pk) // CHARS_PER_PAGE + 1


class PlanDocxView(PlanDocumentView):
    """The plan as an editable Word file, with the same text as the PDF."""

    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def build(self, plan):
        return exports.plan_docx(plan)
