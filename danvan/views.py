"""Views and view mixins shared by every app."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.audit import audit
from danvan.models import AuditAction


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
            audit(
                AuditAction.ACCESS_DENIED, obj=self.get_permission_object(), summary=f"{request.method} {request.path}"
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return None


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


def paginate(request, queryset, per_page: int = 25):
    """Return the requested page, clamping "-1", "abc" or a page past the end to a real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def document_response(request, *, build, obj, filename: str, content_type: str) -> HttpResponse:
    """Answer with the official document `build()` makes, recording the download in the audit trail.

    When the document cannot be made (too large, or a rendering error) the person gets
    the 503 page with the reason and a way back to `obj`, never a hung worker or a 500.
    """
    from danvan.documents import DocumentError, content_disposition  # loads WeasyPrint only where documents are served

    try:
        content = build()
    except DocumentError as error:
        response = render(request, "document_unavailable.html", {"message": error.message, "back": obj}, status=503)
        response["Retry-After"] = "120"
        return response
    audit(AuditAction.DOWNLOAD, obj=obj, summary=f"Tải {filename}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


@never_cache
@require_GET
def healthz(request):
    """Answer 200 with whether the database answered. Open to anyone: it reveals nothing."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            database_ok = cursor.fetchone() == (1,)
    except Exception:
        database_ok = False
    return JsonResponse({"status": "ok" if database_ok else "degraded", "database": database_ok})


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """Render the 500 page without the request context: the database may be the failure."""
    return HttpResponseServerError(loader.get_template("500.html").render())
