"""The page where a leader or official uploads the signed PDF of an issued plan or report and sees it verified."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from danvan.views import PortalMixin
from signing.documents import document_for
from signing.forms import SignedCopyForm
from signing.models import SignedCopyCheck


class SignedCopyView(PortalMixin, View):
    """GET: the form and earlier checks; POST: verify the file, record it, show the verdict."""

    template_name = "signing/signed_copy.html"

    def _page(self, request, kind, document, form, status=200):
        checks = SignedCopyCheck.objects.filter(
            content_type=ContentType.objects.get_for_model(document), object_id=document.pk
        ).select_related("uploaded_by")
        context = {"kind": kind, "document": document, "form": form, "checks": checks, "page": kind.page(document)}
        return render(request, self.template_name, context, status=status)

    def get(self, request, kind, pk):
        kind, document = document_for(request.user, kind, pk)
        return self._page(request, kind, document, SignedCopyForm())

    def post(self, request, kind, pk):
        kind, document = document_for(request.user, kind, pk)
        form = SignedCopyForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, kind, document, form)
        from signing.uploads import record_signed_copy  # here, so only an upload loads pyHanko

        try:
            check = record_signed_copy(kind=kind, document=document, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
            return self._page(request, kind, document, form)
        if check.accepted:
            messages.success(request, f"Đã nhận bản ký số làm bản ban hành của {kind.label} {document.reference}.")
        else:
            messages.error(request, "Tệp bị từ chối: " + " ".join(check.problems))
        return redirect(request.path)
