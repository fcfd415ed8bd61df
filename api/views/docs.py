"""The OpenAPI schema and its two readers, Swagger UI and ReDoc, served from the portal's own static files.

Swagger UI loads its start-up script from its own address (drf-spectacular's "split" view), so
the portal's CSP holds unchanged. ReDoc lays itself out with `<style>` elements it writes at run
time; its page alone allows inline styles (never inline scripts).
"""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")
class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
    url_name = "api:schema"
