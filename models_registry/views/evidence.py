"""Views of the evidence files of a registration (upload, download, delete) and of its printable PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views import View

from danvan.uploads import CONTENT_TYPES
from danvan.views import PortalMixin, document_response, error_text, stored_file_response
from models_registry import services
from models_registry.forms import EvidenceForm
from models_registry.models import EvidenceFile
from models_registry.selectors import registrations_visible_to
from models_registry.views.registrations import RegistrationMixin


class EvidenceAddView(RegistrationMixin, View):
    """Upload an evidence file to the unit's registration. Unit heads of the unit; POST only."""

    permission = "models_registry.add_evidence"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.evidence_add(
                    registration=self.registration,
                    by=request.user,
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, "Đã tải lên tài liệu kiểm chứng.")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{self.registration.get_absolute_url()}#evidence")


class EvidenceMixin(PortalMixin):
    @cached_property
    def evidence(self) -> EvidenceFile:
        visible = registrations_visible_to(self.request.user)
        return get_object_or_404(
            EvidenceFile.objects.select_related("registration__unit", "registration__campaign").filter(
                registration__in=visible
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.evidence


class EvidenceDownloadView(EvidenceMixin, View):
    """Download an evidence file under the name it was uploaded with. Roles that may see the registration."""

    permission = "models_registry.view_evidence"

    def get(self, request, pk):
        evidence = self.evidence
        return stored_file_response(
            obj=evidence,
            file=evidence.file,
            filename=evidence.original_name,
            content_type=CONTENT_TYPES[evidence.kind],
        )


class EvidenceDeleteView(EvidenceMixin, View):
    """Remove an evidence file. Unit heads of the unit while they may add evidence; POST only."""

    permission = "models_registry.delete_evidence"
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = self.evidence.registration
        try:
            services.evidence_delete(evidence=self.evidence, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "Đã xóa tài liệu.")
        return redirect(f"{registration.get_absolute_url()}#evidence")


class RegistrationPdfView(RegistrationMixin, View):
    """The registration form (PHIẾU ĐĂNG KÝ MÔ HÌNH "DÂN VẬN KHÉO") as a PDF. Roles that may see it."""

    permission = "models_registry.print_registration"

    def get(self, request, pk):
        from models_registry.document import registration_filename, registration_pdf

        registration = self.registration
        return document_response(
            request,
            build=lambda: registration_pdf(registration),
            obj=registration,
            filename=registration_filename(registration),
            content_type="application/pdf",
            job_kind="registration_pdf",
        )
