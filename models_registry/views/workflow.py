"""Views of the workflow steps of a registration: one POST view for the simple moves, and a page with its
own form for the report, the evaluation, the recognition and the replication.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from danvan.views import WorkflowMoveMixin, error_text
from models_registry import selectors, services
from models_registry.choices import RegistrationStatus
from models_registry.forms import CommentForm, EvaluateForm, ReasonForm, RecognizeForm, ReplicateForm, ReportForm
from models_registry.views.registrations import RegistrationMixin


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
        return ReplicateForm(data, registration=self.registration, user=self.request.user)

    def call_service(self, form):
        services.registration_replicate(
            registration=self.registration,
            by=self.request.user,
            units=form.cleaned_data["units"],
            note=form.cleaned_data["note"],
        )
