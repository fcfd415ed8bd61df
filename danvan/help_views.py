"""The /help/ pages: the index of the guides, one guide per role, and the guide's screenshots."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import TemplateView

from danvan.help import GUIDE_DIR, GUIDE_OF_ROLE, GUIDES, IMAGE_NAME, render_guide, section_for


class HelpIndexView(LoginRequiredMixin, TemplateView):
    """List the guides; with `?trang=<URL name>`, go straight to the part of the person's guide for that page."""

    template_name = "help/index.html"

    def get(self, request, *args, **kwargs):
        own = GUIDE_OF_ROLE.get(getattr(request.user, "role", ""))
        page = request.GET.get("trang")
        if page is not None and own:
            return redirect(reverse("help:guide", args=[own]) + "#" + section_for(own, page))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        own = GUIDE_OF_ROLE.get(getattr(self.request.user, "role", ""))
        return super().get_context_data(guides=list(GUIDES.values()), own=own, **kwargs)


class GuideView(LoginRequiredMixin, TemplateView):
    """Show one role's guide, with its table of contents; anyone logged in may read any role's guide."""

    template_name = "help/guide.html"

    def get_context_data(self, **kwargs):
        guide = GUIDES.get(self.kwargs["role"])
        if guide is None:
            raise Http404("Không có hướng dẫn này.")
        title, html, toc = render_guide(guide.slug)
        return super().get_context_data(guide=guide, title=title or guide.title, html=html, toc=toc, **kwargs)


class GuideImageView(LoginRequiredMixin, View):
    """Send a screenshot of the guide (docs/guide/img/*.png)."""

    def get(self, request, name):
        path = GUIDE_DIR / "img" / name
        if not IMAGE_NAME.match(name) or not path.is_file():
            raise Http404("Không có hình này.")
        response = FileResponse(path.open("rb"), content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response


app_name = "help"
urlpatterns = [
    path("", HelpIndexView.as_view(), name="index"),
    path("img/<str:name>", GuideImageView.as_view(), name="image"),
    path("<slug:role>/", GuideView.as_view(), name="guide"),
]
