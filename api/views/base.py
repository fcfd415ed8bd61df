"""The base of every API view: the portal's rules, conditional GET with ETags, private caching."""

from django.http import Http404
from django.utils.cache import get_conditional_response, set_response_etag
from rest_framework import generics


class ConditionalGetMixin:
    """Answer a GET with an ETag of its body, and 304 when the caller's If-None-Match still matches.

    The body is built in full before it is compared (the rules and scope decide what it holds), so a
    304 saves the transfer, not the queries. `private, no-cache`: a client may keep it but must ask again.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            response.render()
            set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        response["Cache-Control"] = "private, no-cache"
        return response


class ApiListView(ConditionalGetMixin, generics.ListAPIView):
    """A list of the objects in the caller's scope (`get_queryset`), filtered and paged by cursor."""

    permission: str | None = None


class ApiDetailView(ConditionalGetMixin, generics.RetrieveAPIView):
    """One object from the caller's scope; 404 when it lies outside or its `object_permission` says no (as pages do)."""

    permission: str | None = None
    object_permission: str = ""

    def get_object(self):
        obj = super().get_object()
        if self.object_permission and not self.request.user.has_perm(self.object_permission, obj):
            raise Http404
        return obj
