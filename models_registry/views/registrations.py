"""Views of registrations: the list, the gallery of recognized models, the detail page, and the forms to
register a model (possibly continuing last year's) and to edit it with its indicator table.
"""

from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.list_counts import paginate_counted
from danvan.list_options import cached_options_html, with_selected
from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, SortMixin, error_text, paginate
from models_registry import selectors, services
from models_registry.filters import RegistrationFilter
from models_registry.forms import EvidenceForm, IndicatorFormSet, RegistrationForm
from models_registry.list_rows import (
    REGISTRATION_COLUMNS,
    REGISTRY_VERSION,
    fields_version,
    registration_list_rows,
)
from models_registry.models import Registration
from models_registry.selectors import campaigns_visible_to, registrations_visible_to
from models_registry.views.campaigns import CampaignMixin
from models_registry.workflows import REGISTRATION_LIFECYCLE
from units.choices import OPERATIONAL_KINDS
from units.scope import scope_of

NAME = attrgetter("name")  # the label of a unit or field option: its full name
INDICATOR_FIELDS = ("name", "measure", "baseline", "target")


def number_text(value) -> str:
    """Return a Decimal as typed in a form: "1500,5", "95"."""
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


class RegistrationListView(PortalMixin, SortMixin, TemplateView):
    """Registrations in the user's scope, filtered, searched, sorted and paginated. Any role."""

    permission = "models_registry.view_registration_list"
    template_name = "models_registry/registration_list.html"
    sort_options = {
        "created": ("created_at", "id"),
        "-created": ("-created_at", "-id"),
        "name": ("name", "id"),
        "-name": ("-name", "-id"),
        "unit": ("unit__name", "id"),
        "-unit": ("-unit__name", "-id"),
        "year": ("campaign__year", "id"),
        "-year": ("-campaign__year", "-id"),
        "status": ("status", "-created_at", "-id"),
        "-status": ("-status", "-created_at", "-id"),
        "score": ("total_score", "id"),
        "-score": ("-total_score", "-id"),
    }
    default_sort = "-created"

    def get_context_data(self, **kwargs):
        user = self.request.user
        scope = scope_of(user)
        registration_filter = RegistrationFilter(
            self.request.GET,
            queryset=selectors.registration_list(user),
            campaigns=campaigns_visible_to(user),
            units=scope.root.children.filter(kind__in=OPERATIONAL_KINDS).order_by("position", "name"),
            governments=scope.governments(),
        )
        page = paginate_counted(
            self.request,
            self.sort_queryset(registration_filter.qs).values(*REGISTRATION_COLUMNS),
            version_key=REGISTRY_VERSION,
            counted=registration_filter.qs,
        )
        fields = registration_filter.form.fields
        return super().get_context_data(
            filter=registration_filter,
            page=page,
            rows=registration_list_rows(page.object_list),
            # Printed once per government while no unit or field changes, not per request (issue 19).
            field_options=with_selected(
                cached_options_html(
                    f"registration_field:{fields_version()}", scope.root_id, lambda: fields["field"].queryset, NAME
                ),
                registration_filter.form["field"].value(),
            ),
            unit_options=with_selected(
                cached_options_html("registration_unit", scope.root_id, lambda: fields["unit"].queryset, NAME),
                registration_filter.form["unit"].value(),
            ),
            selected_campaign=registration_filter.form.cleaned_data.get("campaign"),
            sort=self.get_sort(),
            awaiting=list(selectors.campaigns_awaiting_unit(user)),
            **kwargs,
        )


class GalleryView(PortalMixin, TemplateView):
    """Recognized models with their results, for the commune's information centre to publicise. Any role."""

    permission = "models_registry.view_gallery"
    template_name = "models_registry/gallery.html"

    def get_context_data(self, **kwargs):
        models = selectors.gallery(self.request.user)
        year = self.request.GET.get("year", "")
        if year.isdigit() and 2000 <= int(year) <= 2100:
            models = models.filter(campaign__year=int(year))
        return super().get_context_data(page=paginate(self.request, models, per_page=12), year=year, **kwargs)


def indicator_initial(registration: Registration, *, for_continuation: bool = False) -> list[dict]:
    """Return the indicator rows of `registration` as formset initial data.

    Continuing a model starts from last year's result (or target) as the new baseline,
    and leaves the target blank so the unit sets a higher one.
    """
    rows = []
    for indicator in registration.indicators.all():
        if for_continuation:
            start = indicator.achieved if indicator.achieved is not None else indicator.target
            rows.append({"name": indicator.name, "measure": indicator.measure, "baseline": number_text(start)})
        else:
            rows.append(
                {
                    "name": indicator.name,
                    "measure": indicator.measure,
                    "baseline": number_text(indicator.baseline),
                    "target": number_text(indicator.target),
                }
            )
    return rows


CONTINUED_FIELDS = [
    "name",
    "field",
    "kind",
    "subject",
    "problem",
    "objectives",
    "method",
    "place_scope",
    "participants",
    "resources",
    "person_in_charge",
    "contact",
]


class RegistrationCreateView(CampaignMixin, View):
    """Register a model of the unit head's own unit in a campaign; may continue last year's model. Unit heads."""

    permission = "models_registry.add_registration"

    def previous(self):
        """Return last year's model chosen with `?continue=<id>`, from the unit's own continuable models."""
        wanted = self.request.GET.get("continue") or self.request.POST.get("continued_from")
        if not wanted or not str(wanted).isdigit():
            return None
        models = selectors.continuable_models(unit=self.request.user.unit, campaign=self.campaign)
        return models.filter(pk=int(wanted[:18])).first()

    def render_form(self, form, formset, previous, status=200):
        return render(
            self.request,
            "models_registry/registration_form.html",
            {
                "campaign": self.campaign,
                "form": form,
                "formset": formset,
                "previous": previous,
                "continuable": selectors.continuable_models(unit=self.request.user.unit, campaign=self.campaign)[:5],
                "registration_open": self.campaign.registration_open(timezone.localdate()),
            },
            status=status,
        )

    def get(self, request, pk):
        previous = self.previous()
        user = request.user
        initial = {"person_in_charge": user.get_full_name(), "contact": user.phone or user.email}
        rows = [{}]
        if previous is not None:
            initial.update({name: getattr(previous, name) for name in CONTINUED_FIELDS})
            initial["field"] = (
                previous.field if self.campaign.offered_fields.filter(pk=previous.field_id).exists() else None
            )
            initial["origin"] = "continued"
            rows = indicator_initial(previous, for_continuation=True) or [{}]
        form = RegistrationForm(campaign=self.campaign, initial=initial)
        formset = IndicatorFormSet(prefix="indicators", initial=rows)
        return self.render_form(form, formset, previous)

    def post(self, request, pk):
        previous = self.previous()
        form = RegistrationForm(request.POST, campaign=self.campaign)
        formset = IndicatorFormSet(request.POST, prefix="indicators")
        if form.is_valid() and formset.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                registration = services.registration_create(
                    campaign=self.campaign,
                    by=request.user,
                    indicators=formset.rows(),
                    continued_from=previous,
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã lưu phiếu đăng ký (dự thảo). Kiểm tra lại rồi bấm “Gửi đăng ký”.")
                return redirect(registration.get_absolute_url())
        return self.render_form(form, formset, previous, status=400)


class RegistrationMixin(PortalMixin):
    """Load the registration of the URL from those the user may see (404 otherwise)."""

    @cached_property
    def registration(self) -> Registration:
        return get_object_or_404(
            registrations_visible_to(self.request.user).select_related(
                "campaign__issuing_unit", "unit", "field", "created_by", "continued_from__campaign", "evaluated_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.registration


class RegistrationDetailView(RegistrationMixin, TemplateView):
    """A registration with its indicators, evidence, scores, timeline and workflow buttons. Roles that may see it."""

    permission = "models_registry.view_registration"
    template_name = "models_registry/registration_detail.html"

    def get_context_data(self, **kwargs):
        registration = self.registration
        return super().get_context_data(
            registration=registration,
            campaign=registration.campaign,
            evidence_form=EvidenceForm(),
            workflow=REGISTRATION_LIFECYCLE.actions_for(self.request.user, registration),
            **selectors.registration_detail(registration),
            **kwargs,
        )


class RegistrationEditView(RegistrationMixin, View):
    """Edit the unit's own draft or returned registration and its indicator table. Unit heads of the unit."""

    permission = "models_registry.change_registration"

    def render_form(self, form, formset, status=200, **extra):
        return render(
            self.request,
            "models_registry/registration_form.html",
            {
                "campaign": self.registration.campaign,
                "registration": self.registration,
                "form": form,
                "formset": formset,
                **extra,
            },
            status=status,
        )

    def get(self, request, pk):
        registration = self.registration
        form = RegistrationForm(instance=registration, campaign=registration.campaign)
        formset = IndicatorFormSet(prefix="indicators", initial=indicator_initial(registration) or [{}])
        return self.render_form(form, formset)

    def post(self, request, pk):
        registration = self.registration
        form = RegistrationForm(
            request.POST, instance=Registration.objects.get(pk=registration.pk), campaign=registration.campaign
        )
        formset = IndicatorFormSet(request.POST, prefix="indicators")
        if form.is_valid() and formset.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.registration_update(
                    registration=registration,
                    by=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    indicators=formset.rows(),
                    **data,
                )
            except StaleEditError as error:
                current = Registration.objects.get(pk=registration.pk)
                return self.render_form(
                    form,
                    formset,
                    status=409,
                    conflict=error_text(error),
                    current=current,
                    current_indicators=list(current.indicators.all()),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã lưu phiếu đăng ký.")
                return redirect(registration.get_absolute_url())
        return self.render_form(form, formset, status=400)
