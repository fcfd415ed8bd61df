"""The home page of each role."""

from django.views.generic import TemplateView

from danvan.views import PortalMixin, paginate
from reports import selectors
from reports.choices import PartStatus
from reports.models import UnitPart
from units.choices import Role


class HomeView(PortalMixin, TemplateView):
    """The home page of each role: the user's unit and role and what exists in their scope. Any role."""

    def get_template_names(self):
        return ["reports/home_supervisor.html" if self.request.user.role == Role.SUPERVISOR else "reports/home.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(selectors.home_summary(user=user))
        if user.role == Role.SUPERVISOR:
            context["communes"] = paginate(self.request, selectors.commune_rollup(user=user), per_page=50)
        if user.role == Role.UNIT_HEAD:
            context["pending_parts"] = (
                UnitPart.objects.filter(unit_id=user.unit_id)
                .exclude(status=PartStatus.SUBMITTED)
                .select_related("cycle")
                .order_by("cycle__deadline")[:10]
            )
        return context
