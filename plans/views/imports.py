"""Import of existing plan documents, with a review before the draft is accepted."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from danvan.forms import Form
from danvan.views import PortalMixin
from plans.document import plan_document
from plans.importing.persist import (
    MAX_UPLOAD_BYTES,
    AlreadyImportedError,
    PlanAlreadyHeldError,
    import_confirm_issued,
    import_failure_text,
    is_expected_import_failure,
    plan_import_file,
)
from plans.models import ImportRecord
from units.permissions import scope_root

logger = logging.getLogger(__name__)


class ImportForm(Form):
    file = forms.FileField(
        label="Tệp văn bản kế hoạch",
        help_text="Tệp .docx, .pdf (có lớp chữ) hoặc .txt, tối đa 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("Tệp lớn hơn 10 MB; hãy tách hoặc nén lại trước khi nhập.")
        return upload


class PlanImportView(PortalMixin, View):
    """Upload a plan document; it is parsed and saved as a draft, then reviewed. Officials."""

    permission = "plans.add_plan"

    def get(self, request):
        return render(request, "plans/import_form.html", {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record = plan_import_file(
                    data=upload.read(),
                    filename=upload.name,
                    issuing_unit=scope_root(request.user),
                    by=request.user,
                    record_issued=False,
                )
            except AlreadyImportedError as error:
                form.add_error("file", error.messages[0])
                context = {"form": form, "existing_plan": error.record.plan}
                return render(request, "plans/import_form.html", context, status=400)
            except PlanAlreadyHeldError as error:
                form.add_error("file", error.messages[0])
                return render(
                    request, "plans/import_form.html", {"form": form, "existing_plan": error.plan}, status=400
                )
            except Exception as error:
                if isinstance(error, DatabaseError) and not isinstance(error, IntegrityError):
                    raise  # the database itself is lost or busy: danvan.middleware answers with its 503 page
                if not is_expected_import_failure(error):
                    logger.exception("Import of %r failed unexpectedly", upload.name)
                form.add_error("file", import_failure_text(error))
            else:
                messages.success(request, "Đã đọc văn bản và tạo dự thảo. Hãy đối chiếu với bản gốc rồi sửa nếu cần.")
                return redirect("plans:import_review", pk=record.pk)
        return render(request, "plans/import_form.html", {"form": form}, status=400)


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
