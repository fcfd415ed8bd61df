"""Views and view mixins shared by every app."""

import logging
import os
import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.audit import audit
from danvan.downloads import attachment, content_disposition
from danvan.forms import MoveCommentForm
from danvan.lifecycle import Comment, Lifecycle
from danvan.models import AuditAction

logger = logging.getLogger(__name__)


class PortalMixin(AccessMixin):
    """Admit logged-in people who have a unit and a role, and who hold `permission`.

    Anonymous visitors go to the login page; a person without a workplace sees
    a page asking them to contact the administrator; anyone else without the
    permission gets the 403 page. Set `permission` to a rule name, and override
    `get_permission_object()` for object rules.
    """

    permission: str | None = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not user.has_workplace:
            audit(AuditAction.ACCESS_DENIED, summary=f"{request.method} {request.path} (chưa có đơn vị, vai trò)")
            return render(request, "no_workplace.html", status=403)
        if self.permission and not user.has_perm(self.permission, self.get_permission_object()):
            replayed = self.replayed(request)
            if replayed is not None:
                return replayed
            audit(
                AuditAction.ACCESS_DENIED, obj=self.get_permission_object(), summary=f"{request.method} {request.path}"
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return None

    def replayed(self, request):
        """Return the answer to a repeat of a move already made, or None when the refusal stands."""
        return None


class TransitionView(PortalMixin, View):
    """One plain POST move of a lifecycle (danvan/lifecycle.py), the same view for every app.

    Each app subclasses it with its document mixin, whose `get_permission_object()` finds the
    document in the person's scope (404 outside it); the URL pattern names `lifecycle` and
    `action`. Whoever the declaration does not admit gets 403 and an audit row, whatever the
    document's state. A repeat of a move already made (a double click, a replayed request,
    two leaders approving at once) by someone who could have made it is not refused: the
    person is sent back to the document with a note, and nothing changes.
    """

    http_method_names = ["post"]
    lifecycle: Lifecycle | None = None
    action: str = ""

    @property
    def permission(self) -> str:
        return self.lifecycle.permission(self.action)

    def success_url(self, document) -> str:
        """Return where the person goes after the move: the document."""
        return document.get_absolute_url()

    def replayed(self, request):
        document, move = self.get_permission_object(), self.lifecycle[self.action]
        if request.method != "POST" or document is None or document.status != move.target:
            return None
        if not move.who.test(request.user, document):
            return None
        messages.info(request, f"Đã ở trạng thái “{document.get_status_display()}”; không có gì thay đổi.")
        return redirect(document.get_absolute_url())

    def post(self, request, **kwargs):
        document, move = self.get_permission_object(), self.lifecycle[self.action]
        form = MoveCommentForm(request.POST, required=move.comment is Comment.REQUIRED)
        if not form.is_valid():
            messages.error(request, f"Cần ghi {move.comment_label.lower()} cho thao tác “{move.label}”.")
            return redirect(self.success_url(document))
        try:
            self.lifecycle.run(self.action, document, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, move.done)
        return redirect(self.success_url(document))


class SortMixin:
    """Order a list by `?sort=` taken from an allow-list, never from raw input."""

    sort_options: dict[str, tuple[str, ...]] = {}
    default_sort: str = ""

    def get_sort(self) -> str:
        sort = self.request.GET.get("sort", "")
        return sort if sort in self.sort_options else self.default_sort

    def sort_queryset(self, queryset):
        sort = self.get_sort()
        return queryset.order_by(*self.sort_options[sort]) if sort else queryset


def error_text(error: ValidationError) -> str:
    """Return a refused move's messages as one sentence for a form error or a flash message."""
    return " ".join(error.messages)


def stale_edit(error: ValidationError, saved, sent: dict, fields, form) -> dict:
    """Return the context of `includes/stale_edit.html`: each field as saved by the other person and as sent now."""
    rows = [(form.fields[name].label or name, getattr(saved, name), sent.get(name, "")) for name in fields]
    return {"message": error_text(error), "rows": rows}


def paginate(request, queryset, per_page: int = 25):
    """Return the requested page, clamping "-1", "abc" or a page past the end to a real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def document_response(request, *, build, obj, filename: str, content_type: str) -> HttpResponse:
    """Answer with the official document `build()` makes, recording the download in the audit trail.

    When the document cannot be made (too large, or a rendering error) the person gets
    the 503 page with the reason and a way back to `obj`, never a hung worker or a 500.
    """
    from danvan.documents import DocumentError  # loads WeasyPrint only where documents are served

    try:
        content = build()
    except DocumentError as error:
        response = render(request, "document_unavailable.html", {"message": error.message, "back": obj}, status=503)
        response["Retry-After"] = "120"
        return response
    audit(AuditAction.DOWNLOAD, obj=obj, summary=f"Tải {filename}")
    return attachment(content, filename=filename, content_type=content_type)


def stored_file_response(*, obj, file, filename: str, content_type: str) -> FileResponse:
    """Answer with an uploaded file (evidence) under its original name, recording the download.

    A file missing from the disk answers 404 rather than a 500.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Tệp không còn trên máy chủ.") from error
    audit(AuditAction.DOWNLOAD, obj=obj, summary=f"Tải {filename}")
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when every check passes and 503 when any fails, naming each check. Open to anyone.

    Monitors that read only the status code alert on 503; the body says which part failed:
    `database` (a query answers) and `media` (a file can be written where uploads go).
    """
    checks = {"database": database_answers(), "media": media_writable()}
    healthy = all(checks.values())
    return JsonResponse({"status": "ok" if healthy else "degraded", **checks}, status=200 if healthy else 503)


def database_answers() -> bool:
    """Return whether the default database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure to answer is "down", whatever the driver calls it
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def media_writable() -> bool:
    """Return whether a file can be created (and removed) in MEDIA_ROOT, where evidence and issued copies go."""
    try:
        os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=settings.MEDIA_ROOT, prefix=".healthz-"):
            return True
    except OSError:
        logger.warning("Health check: MEDIA_ROOT is not writable", exc_info=True)
        return False


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """Render the 500 page without the request context: the database may be the failure."""
    return HttpResponseServerError(loader.get_template("500.html").render())
