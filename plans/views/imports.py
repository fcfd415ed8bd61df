"""Import of existing plan documents, with a review before the draft is accepted."""

import hashlib
import uuid
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from danvan.forms import Form
from danvan.jobs import job_response, start_job
from danvan.uploads import clean_filename
from danvan.views import PortalMixin
from plans.document import plan_document
from plans.importing.persist import MAX_UPLOAD_BYTES, import_confirm_issued
from plans.importing.readers import MACRO_EXTENSIONS
from plans.jobs import PENDING_IMPORTS, PLAN_IMPORT, plan_import_key
from plans.models import ImportRecord
from units.permissions import scope_root

# What the upload page takes. Every check of the content (its type by its first bytes, an unsafe Word package:
# DTD, macros, zip bombs) is the reader's, the first thing the job does, before anything parses the file.
IMPORT_EXTENSIONS = (".docx", ".pdf", ".txt", ".md")


class ImportForm(Form):
    file = forms.FileField(
        label="Tệp văn bản kế hoạch",
        help_text="Tệp .docx, .pdf (có lớp chữ) hoặc .txt, tối đa 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(IMPORT_EXTENSIONS)}),
    )

    def clean_file(self):
        """Refuse at once what needs no reading: a file too large or of a type the importer does not read."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("Tệp lớn hơn 10 MB; hãy tách hoặc nén lại trước khi nhập.")
        name = clean_filename(upload.name)
        extension = PurePath(name).suffix.lower()
        if extension not in IMPORT_EXTENSIONS + tuple(MACRO_EXTENSIONS):  # the reader says why it refuses a .docm
            raise ValidationError(f"Chỉ nhận tệp .docx, .pdf, .txt hoặc .md; “{name}” không được nhận.")
        return upload


class PlanImportView(PortalMixin, View):
    """Upload a plan document; a job parses it and saves it as a draft, then it is reviewed. Officials.

    The request checks the file and keeps it under media (imports/pending/); the job reads it from there,
    so a long document never holds a web worker. The same file again joins the same job (or its result).
    """

    permission = "plans.add_plan"

    def get(self, request):
        return render(request, "plans/import_form.html", {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            if request.htmx:  # htmx swaps only a 2xx answer: the form comes back with its errors in place
                return render(request, "plans/_import_form.html", {"form": form})
            return render(request, "plans/import_form.html", {"form": form}, status=400)
        job = start_import(form.cleaned_data["file"], issuing_unit=scope_root(request.user), user=request.user)
        return job_response(request, job)


def start_import(upload, *, issuing_unit, user):
    """Keep the upload under media and start (or join) the job importing it into `issuing_unit`.

    A joined job keeps its own stored copy, so the one kept here is removed at once.
    """
    data = upload.read()
    digest = hashlib.sha256(data).hexdigest()
    stored = default_storage.save(f"{PENDING_IMPORTS}/{uuid.uuid4().hex}", ContentFile(data))
    params = {"file": stored, "filename": clean_filename(upload.name), "sha256": digest}
    job = start_job(
        PLAN_IMPORT,
        target=issuing_unit,
        user=user,
        key=plan_import_key(issuing_unit=issuing_unit, sha256=digest),
        params=params,
    )
    if job.params.get("file") != stored:
        default_storage.delete(stored)
    return job


class ImportRecordMixin(PortalMixin):
    permission = "plans.add_plan"

    def record(self, pk) -> ImportRecord:
        return get_object_or_404(
            ImportRecord.objects.select_related("plan__issuing_unit"), pk=pk, issuing_unit=scope_root(self.request.user)
        )


class ImportReviewView(ImportRecordMixin, View):
    """The parsed plan beside the original text, with what the parser was unsure of. Officials of the government."""

    def get(self, request, pk):
        record = self.record(pk)
        context = {"record": record, "plan": record.plan, "created_units": record.created_units.all()}
        if record.plan:
            context["document"] = plan_document(record.plan)
        return render(request, "plans/import_review.html", context)


class ImportConfirmIssuedView(ImportRecordMixin, View):
    """Record the reviewed draft as the issued document, with the number and date it carries. POST only."""

    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.record(pk)
        try:
            plan = import_confirm_issued(record=record, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("plans:import_review", pk=pk)
        messages.success(request, f"Đã ghi nhận văn bản đã ban hành số {plan.reference}.")
        return redirect(plan.get_absolute_url())
