"""Views of the models_registry app. Thin: check permission, call one service or selector, answer.

Who may use each view is the `permission` rule named on it (models_registry/rules.py).
Campaigns and registrations outside the user's scope are 404, never 403.
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

from danvan.uploads import CONTENT_TYPES
from danvan.versioning import StaleEditError
from danvan.views import (
    PortalMixin,
    SortMixin,
    WorkflowMoveMixin,
    document_response,
    error_text,
    paginate,
    stored_file_response,
)
from models_registry import selectors, services
from models_registry.choices import RegistrationStatus
from models_registry.filters import RegistrationFilter
from models_registry.forms import (
    CampaignForm,
    CommentForm,
    EvaluateForm,
    EvidenceForm,
    IndicatorFormSet,
    ReasonForm,
    RecognizeForm,
    RegistrationForm,
    ReplicateForm,
    ReportForm,
)
from models_registry.models import Campaign, EvidenceFile, Field, Registration
from models_registry.scope import government_of_user, governments_in_scope
from models_registry.selectors import campaigns_visible_to, registrations_visible_to
from units.choices import OPERATIONAL_KINDS

INDICATOR_FIELDS = ("name", "measure", "baseline", "target")


def number_text(value) -> str:
    """Return a Decimal as typed in a form: "1500,5", "95"."""
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


# --- campaigns --------------------------------------------------------------------------------


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
        return super().get_context_data(
            page=paginate(self.request, selectors.campaign_list(user).order_by("-year", "issuing_unit__name", "pk")),
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
        government = government_of_user(request.user)
        year = timezone.localdate().year
        launching_plan = government.plans.filter(title__icontains="Dân vận khéo").order_by("-created_at").first()
        form = CampaignForm(
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
        government = government_of_user(request.user)
        form = CampaignForm(request.POST, government=government)
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
        form = CampaignForm(instance=self.campaign, government=self.campaign.issuing_unit)
        return self.render_form(form, campaign=self.campaign)

    def post(self, request, pk):
        form = CampaignForm(
            request.POST, instance=Campaign.objects.get(pk=self.campaign.pk), government=self.campaign.issuing_unit
        )
        if form.is_valid():
            data = form.service_kwargs()
            try:
                services.campaign_update(
                    campaign=self.campaign, by=request.user, eligible_units=data.pop("eligible_units"), **data
                )
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


# --- registrations: list, gallery, forms --------------------------------------------------------


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
        government = government_of_user(user)
        registration_filter = RegistrationFilter(
            self.request.GET,
            queryset=selectors.registration_list(user),
            campaigns=campaigns_visible_to(user),
            units=government.children.filter(kind__in=OPERATIONAL_KINDS).order_by("position", "name"),
            governments=governments_in_scope(user),
        )
        page = paginate(self.request, self.sort_queryset(registration_filter.qs))
        return super().get_context_data(
            filter=registration_filter,
            page=page,
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


# --- registrations: workflow ------------------------------------------------------------------


class TransitionView(WorkflowMoveMixin, RegistrationMixin, View):
    """One simple workflow move (submit, accept, return, start, drop, not_recognize). POST only."""

    comment_required: bool = False
    targets = {
        "submit": RegistrationStatus.SUBMITTED,
        "accept": RegistrationStatus.ACCEPTED,
        "return": RegistrationStatus.RETURNED,
        "start": RegistrationStatus.IMPLEMENTING,
        "drop": RegistrationStatus.DROPPED,
        "not_recognize": RegistrationStatus.NOT_RECOGNIZED,
    }

    @property
    def permission(self):
        rule = "recognize" if self.action == "not_recognize" else self.action
        return f"models_registry.{rule}_registration"

    def post(self, request, pk):
        form = (ReasonForm if self.comment_required else CommentForm)(request.POST)
        if not form.is_valid():
            messages.error(request, "Cần ghi ý kiến (lý do) cho thao tác này.")
            return redirect(self.registration.get_absolute_url())
        comment = form.cleaned_data["comment"]
        service = getattr(services, f"registration_{self.action}")
        kwargs = {}
        if self.action == "drop":
            kwargs["reason"] = comment
        elif self.action != "submit":
            kwargs["comment"] = comment
        try:
            service(registration=self.registration, by=request.user, **kwargs)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, self.done_message)
        return redirect(self.registration.get_absolute_url())


class StepFormView(RegistrationMixin, View):
    """A workflow move that needs its own page: report, evaluate, recognize, replicate."""

    template_name = "models_registry/registration_step.html"
    title = ""
    done_message = ""

    def get_form(self, data=None):
        raise NotImplementedError

    def call_service(self, form):
        raise NotImplementedError

    def render_form(self, form, status=200):
        registration = self.registration
        return render(
            self.request,
            self.template_name,
            {
                "registration": registration,
                "form": form,
                "title": self.title,
                **selectors.registration_detail(registration),
            },
            status=status,
        )

    def get(self, request, pk):
        return self.render_form(self.get_form())

    def post(self, request, pk):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                self.call_service(form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.done_message)
                return redirect(self.registration.get_absolute_url())
        return self.render_form(form, status=400)


class RegistrationReportView(StepFormView):
    """The unit's implementation report: results per indicator and self-assessment. Unit heads of the unit."""

    permission = "models_registry.report_registration"
    title = "Báo cáo kết quả và tự đánh giá"
    done_message = "Đã gửi báo cáo kết quả và tự đánh giá."

    def get_form(self, data=None):
        return ReportForm(data, indicators=list(self.registration.indicators.all()))

    def call_service(self, form):
        services.registration_report(
            registration=self.registration,
            by=self.request.user,
            self_assessment=form.cleaned_data["self_assessment"],
            achieved=form.achieved(),
        )


class RegistrationEvaluateView(StepFormView):
    """Score a self-assessed model on the campaign's criteria. Officials of the commune."""

    permission = "models_registry.evaluate_registration"
    title = "Chấm điểm mô hình"
    done_message = "Đã lưu điểm đánh giá."

    def get_form(self, data=None):
        return EvaluateForm(data, criteria=list(self.registration.campaign.criteria.all()))

    def call_service(self, form):
        services.registration_evaluate(
            registration=self.registration,
            by=self.request.user,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        )


class RegistrationRecognizeView(StepFormView):
    """Recognize an evaluated model with its level and commendation. Leaders of the commune."""

    permission = "models_registry.recognize_registration"
    title = "Công nhận mô hình"
    done_message = "Đã công nhận mô hình."

    def get_form(self, data=None):
        return RecognizeForm(data)

    def call_service(self, form):
        services.registration_recognize(registration=self.registration, by=self.request.user, **form.cleaned_data)


class RegistrationReplicateView(StepFormView):
    """Mark a recognized model for replication to named units. Officials and leaders of the commune."""

    permission = "models_registry.replicate_registration"
    title = "Nhân rộng mô hình"
    done_message = "Đã ghi nhận các đơn vị nhân rộng mô hình."

    def get_form(self, data=None):
        return ReplicateForm(data, registration=self.registration)

    def call_service(self, form):
        services.registration_replicate(
            registration=self.registration,
            by=self.request.user,
            units=form.cleaned_data["units"],
            note=form.cleaned_data["note"],
        )


# --- evidence and print -------------------------------------------------------------------------


class EvidenceAddView(RegistrationMixin, View):
    """Upload an evidence file to the unit's registration. Unit heads of the unit; POST only."""

    permission = "models_registry.add_evidence"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.evidence_add(
                    registration=self.registration,
                    by=request.user,
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, "Đã tải lên tài liệu kiểm chứng.")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{self.registration.get_absolute_url()}#evidence")


class EvidenceMixin(PortalMixin):
    @cached_property
    def evidence(self) -> EvidenceFile:
        visible = registrations_visible_to(self.request.user)
        return get_object_or_404(
            EvidenceFile.objects.select_related("registration__unit", "registration__campaign").filter(
                registration__in=visible
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.evidence


class EvidenceDownloadView(EvidenceMixin, View):
    """Download an evidence file under the name it was uploaded with. Roles that may see the registration."""

    permission = "models_registry.view_evidence"

    def get(self, request, pk):
        evidence = self.evidence
        return stored_file_response(
            obj=evidence,
            file=evidence.file,
            filename=evidence.original_name,
            content_type=CONTENT_TYPES[evidence.kind],
        )


class EvidenceDeleteView(EvidenceMixin, View):
    """Remove an evidence file. Unit heads of the unit while they may add evidence; POST only."""

    permission = "models_registry.delete_evidence"
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = self.evidence.registration
        try:
            services.evidence_delete(evidence=self.evidence, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "Đã xóa tài liệu.")
        return redirect(f"{registration.get_absolute_url()}#evidence")


class RegistrationPdfView(RegistrationMixin, View):
    """The registration form (PHIẾU ĐĂNG KÝ MÔ HÌNH "DÂN VẬN KHÉO") as a PDF. Roles that may see it."""

    permission = "models_registry.print_registration"

    def get(self, request, pk):
        from models_registry.document import registration_filename, registration_pdf

        registration = self.registration
        return document_response(
            request,
            build=lambda: registration_pdf(registration),
            obj=registration,
            filename=registration_filename(registration),
            content_type="application/pdf",
        )
