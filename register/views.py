"""The register of outgoing documents: the books of one's government, one book's lines, exports, the văn thư's notes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.uploads import CONTENT_TYPES
from danvan.views import PortalMixin, document_response, paginate
from register import exports
from register.forms import EntryForm
from register.models import OutgoingEntry
from register.selectors import book_lines, books_of, sequences
from units.models import Unit
from units.scope import scope_of


class RegisterIndexView(PortalMixin, TemplateView):
    """The books of the person's government, one per issuing body and year. Leaders and officials."""

    permission = "register.view_register"
    template_name = "register/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["books"] = books_of(self.request.user)
        context["this_year"] = timezone.localdate().year
        context["government"] = scope_of(self.request.user).root
        return context


class BookMixin(PortalMixin):
    """Load the issuing unit of the URL from the person's scope (404 outside it) and the year."""

    permission = "register.view_book"

    @cached_property
    def unit(self) -> Unit:
        return get_object_or_404(
            Unit.objects.filter(scope_of(self.request.user).condition("pk")), pk=self.kwargs["unit"]
        )

    @property
    def year(self) -> int:
        return self.kwargs["year"]

    @property
    def query(self) -> str:
        return self.request.GET.get("q", "")[:200]

    def get_permission_object(self):
        return self.unit

    def lines(self):
        return book_lines(self.unit, self.year, self.query)


class BookView(BookMixin, TemplateView):
    template_name = "register/book.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            unit=self.unit,
            year=self.year,
            query=self.query,
            entries=paginate(self.request, self.lines(), per_page=50),
            sequences=sequences(self.unit, self.year),
            can_edit=self.request.user.has_perm("register.change_entry", OutgoingEntry(issuing_unit=self.unit)),
        )
        return context


class BookXlsxView(BookMixin, View):
    def get(self, request, **kwargs):
        content = exports.book_xlsx(
            self.unit, self.year, self.lines(), sequences(self.unit, self.year), today=timezone.localdate()
        )
        filename = exports.book_filename(self.unit, self.year, "xlsx")
        return document_response(
            request, build=lambda: content, obj=self.unit, filename=filename, content_type=CONTENT_TYPES["xlsx"]
        )


class BookPdfView(BookMixin, View):
    def get(self, request, **kwargs):
        return document_response(
            request,
            build=lambda: exports.book_pdf(self.unit, self.year, self.lines(), sequences(self.unit, self.year)),
            obj=self.unit,
            filename=exports.book_filename(self.unit, self.year, "pdf"),
            content_type=CONTENT_TYPES["pdf"],
        )


class EntryEditView(PortalMixin, View):
    """The văn thư fills a line's copies and note. Officials of the issuing government."""

    permission = "register.change_entry"

    @cached_property
    def entry(self) -> OutgoingEntry:
        entries = OutgoingEntry.objects.filter(scope_of(self.request.user).condition("issuing_unit_id"))
        return get_object_or_404(entries.select_related("issuing_unit"), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.entry

    def get(self, request, pk):
        return render(
            request, "register/entry_form.html", {"entry": self.entry, "form": EntryForm(instance=self.entry)}
        )

    def post(self, request, pk):
        form = EntryForm(request.POST, instance=self.entry)
        if not form.is_valid():
            return render(request, "register/entry_form.html", {"entry": self.entry, "form": form}, status=400)
        form.save()
        audit(AuditAction.UPDATE, obj=self.entry, summary=f"Sổ văn bản đi: {self.entry.reference}")
        messages.success(request, f"Đã lưu dòng {self.entry.reference} trong sổ.")
        return redirect("register:book", unit=self.entry.issuing_unit_id, year=self.entry.year)
