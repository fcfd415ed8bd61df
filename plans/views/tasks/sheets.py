"""The progress spreadsheet round trip: upload, preview row by row, apply."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from danvan.views import PortalMixin, error_text
from plans import services
from plans.forms import ProgressSheetForm
from plans.models import TaskSheetImport


class SheetImportView(PortalMixin, View):
    """Upload the filled-in progress sheet; nothing is written until the preview is confirmed. Unit heads."""

    permission = "plans.import_task_sheet"

    def get(self, request):
        return render(request, "plans/task_sheet_import.html", {"form": ProgressSheetForm()})

    def post(self, request):
        form = ProgressSheetForm(request.POST, request.FILES)
        if form.is_valid():
            checked = form.cleaned_data["file"]
            checked.upload.seek(0)
            try:
                sheet = services.task_sheet_read(
                    data=checked.upload.read(), filename=checked.original_name, by=request.user
                )
            except services.SheetAlreadyAppliedError as error:
                form.add_error("file", error_text(error))
                return render(
                    request, "plans/task_sheet_import.html", {"form": form, "applied": error.sheet}, status=400
                )
            except ValidationError as error:
                form.add_error("file", error_text(error))
            else:
                return redirect("tasks:sheet_preview", pk=sheet.pk)
        return render(request, "plans/task_sheet_import.html", {"form": form}, status=400)


class SheetMixin(PortalMixin):
    permission = "plans.import_task_sheet"

    def sheet(self, pk) -> TaskSheetImport:
        return get_object_or_404(TaskSheetImport, pk=pk, uploaded_by=self.request.user)


class SheetPreviewView(SheetMixin, View):
    """Row by row, what the uploaded sheet will change and what it refuses. The unit head who uploaded it."""

    def get(self, request, pk):
        sheet = self.sheet(pk)
        return render(request, "plans/task_sheet_preview.html", {"sheet": sheet})


class SheetApplyView(SheetMixin, View):
    """Apply every change of a previewed sheet in one transaction. The unit head who uploaded it; POST only."""

    http_method_names = ["post"]

    def post(self, request, pk):
        sheet = self.sheet(pk)
        try:
            count = services.task_sheet_apply(sheet=sheet, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("tasks:sheet_preview", pk=pk)
        messages.success(request, f"Đã cập nhật tiến độ {count} nhiệm vụ từ tệp “{sheet.filename}”.")
        return redirect("tasks:unit_tasks")
