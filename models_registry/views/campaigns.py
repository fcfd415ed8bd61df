"""Views of campaigns: the list, launching and editing a campaign, its coverage page, reminding the units
that have not registered, and reopening or closing registration.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.list_counts import paginate_counted
from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, stale_edit
from models_registry import selectors, services
from models_registry.forms import CampaignForm
from models_registry.list_rows import CAMPAIGN_COLUMNS, REGISTRY_VERSION, campaign_list_rows
from models_registry.models import Campaign, Field
from models_registry.selectors import campaigns_visible_to
from units.scope import scope_of


class CampaignMixin(PortalMixin):
    """Load the campaign of the URL from the campaigns the user may see (404 otherwise)."""

    campaign_kwarg = "pk"

    @cached_property
    def campaign(self) -> Campaign:
        return get_object_or_404(
            campaigns_visible_to(self.request.user).select_related("issuing_unit", "plan"),
            pk=self.kwargs[self.campaign_kwarg],
        )

    def get_permission_object(self):
        return self.campaign


class CampaignListView(PortalMixin, TemplateView):
    """The campaigns of the user's scope with their coverage. Any role."""

    permission = "models_registry.view_campaign_list"
    template_name = "models_registry/campaign_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        campaigns = campaigns_visible_to(user).order_by("-year", "issuing_unit__name", "pk")
        page = paginate_counted(
            self.request, campaigns.values(*CAMPAIGN_COLUMNS), version_key=REGISTRY_VERSION, counted=campaigns
        )
        return super().get_context_data(
            page=page,
            rows=campaign_list_rows(page.object_list),
            can_add=user.has_perm("models_registry.add_campaign"),  # here: the template would query
            awaiting=list(selectors.campaigns_awaiting_unit(user)),
            **kwargs,
        )


class CampaignFormMixin:
    template_name = "models_registry/campaign_form.html"

    def render_form(self, form, status=200, **extra):
        return render(self.request, self.template_name, {"form": form, **extra}, status=status)


class CampaignCreateView(PortalMixin, CampaignFormMixin, View):
    """Launch a year's campaign: deadlines, target, eligible units and fields. Officials."""

    permission = "models_registry.add_campaign"

    def get(self, request):
        government = scope_of(request.user).root
        year = timezone.localdate().year
        launching_plan = government.plans.filter(title__icontains="Dân vận khéo").order_by("-created_at").first()
        form = CampaignForm(
            user=request.user,
            government=government,
            initial={
                "name": f"Phong trào thi đua “Dân vận khéo” năm {year}",
                "year": year,
                "plan": launching_plan,
                "registration_deadline": datetime.date(year, 9, 30),
                "report_deadline": datetime.date(year, 12, 15),
                "target_percent": 100,
                "eligible_units": list(selectors.default_eligible_units(government)),
                "offered_fields": list(Field.objects.filter(owner__isnull=True)),
            },
        )
        return self.render_form(form)

    def post(self, request):
        government = scope_of(request.user).root
        form = CampaignForm(request.POST, user=request.user, government=government)
        if form.is_valid():
            data = form.service_kwargs()
            try:
                campaign = services.campaign_create(
                    by=request.user,
                    issuing_unit=government,
                    eligible_units=data.pop("eligible_units"),
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã phát động phong trào. Các đơn vị tham gia có thể đăng ký mô hình.")
                return redirect(campaign.get_absolute_url())
        return self.render_form(form, status=400)


class CampaignEditView(CampaignMixin, CampaignFormMixin, View):
    """Change a campaign's deadlines, target, units and fields. Officials of its commune."""

    permission = "models_registry.change_campaign"

    def get(self, request, pk):
        form = CampaignForm(instance=self.campaign, user=request.user, government=self.campaign.issuing_unit)
        return self.render_form(form, campaign=self.campaign)

    def post(self, request, pk):
        form = CampaignForm(
            request.POST,
            instance=Campaign.objects.get(pk=self.campaign.pk),
            user=request.user,
            government=self.campaign.issuing_unit,
        )
        if form.is_valid():
            data = form.service_kwargs()
            try:
                services.campaign_update(
                    campaign=self.campaign,
                    by=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    eligible_units=data.pop("eligible_units"),
                    **data,
                )
            except StaleEditError as error:
                saved = Campaign.objects.get(pk=self.campaign.pk)
                fields = ["name", "registration_deadline", "report_deadline", "target_percent"]
                conflict = stale_edit(error, saved, form.cleaned_data, fields, form)
                return self.render_form(form, status=409, campaign=self.campaign, conflict=conflict)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã lưu phong trào.")
                return redirect(self.campaign.get_absolute_url())
        return self.render_form(form, status=400, campaign=self.campaign)


class CampaignDetailView(CampaignMixin, TemplateView):
    """A campaign's coverage: registered units against the target, who is missing, counts and a chart."""

    permission = "models_registry.view_campaign"
    template_name = "models_registry/campaign_detail.html"

    def get_context_data(self, **kwargs):
        campaign = self.campaign
        return super().get_context_data(
            campaign=campaign,
            coverage=selectors.campaign_coverage(campaign),
            criteria=list(campaign.criteria.all()),
            today=timezone.localdate(),
            registration_open=campaign.registration_open(timezone.localdate()),
            **kwargs,
        )


class CampaignRemindView(CampaignMixin, View):
    """Remind the units that have not registered (all, or the one posted), once a day. Officials; POST only."""

    permission = "models_registry.remind_campaign"
    http_method_names = ["post"]

    def post(self, request, pk):
        wanted = request.POST.get("unit", "")
        units = None
        if wanted:
            units = (
                self.campaign.eligible_units.filter(pk=int(wanted)) if wanted.isdigit() and len(wanted) <= 18 else []
            )
        link = request.build_absolute_uri(reverse("models_registry:campaign_detail", args=[pk]))
        reminders = services.campaign_remind(campaign=self.campaign, by=request.user, units=units, link=link)
        if reminders:
            emails = sum(len(r.recipient_list) for r in reminders)
            messages.success(
                request,
                f"Đã nhắc {len(reminders)} đơn vị chưa đăng ký ({emails} thư điện tử). "
                "Đơn vị không có địa chỉ thư vẫn được ghi là đã nhắc.",
            )
        else:
            messages.info(request, "Hôm nay đã nhắc các đơn vị này rồi, hoặc không còn đơn vị nào chưa đăng ký.")
        return redirect(f"{self.campaign.get_absolute_url()}#unregistered")


class CampaignOpenView(CampaignMixin, View):
    """Reopen registration after the deadline, or close it again. Officials of the commune; POST only."""

    permission = "models_registry.change_campaign"
    http_method_names = ["post"]
    open_: bool = True

    def post(self, request, pk):
        services.campaign_set_open(campaign=self.campaign, by=request.user, open_=self.open_)
        messages.success(request, "Đã mở lại đăng ký." if self.open_ else "Đã đóng đăng ký theo hạn.")
        return redirect(self.campaign.get_absolute_url())
