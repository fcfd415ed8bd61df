"""Views of the workflow steps of a registration: the generic POST view for the plain moves, and a page with
its own form for the report, the evaluation, the recognition and the replication.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from danvan.lifecycle import Move
from danvan.views import TransitionView
from models_registry import selectors, services
from models_registry.forms import EvaluateForm, RecognizeForm, ReplicateForm, ReportForm
from models_registry.views.registrations import RegistrationMixin
from models_registry.workflows import REGISTRATION_LIFECYCLE


class RegistrationTransitionView(TransitionView, RegistrationMixin):
    """A plain move of a registration (models_registry/workflows.py): submit, accept, return, start, drop,
    not_recognize. POST only."""


class StepFormView(RegistrationMixin, View):
    """A workflow move that needs its own page: report, evaluate, recognize, replicate."""

    template_name = "models_registry/registration_step.html"
    title = ""
    # The declared move the page makes (its rule and its message), or a rule and message of its own.
    move: Move | None = None
    permission = ""
    done_message = ""

    def dispatch(self, request, *args, **kwargs):
        if self.move is not None:
            self.permission = REGISTRATION_LIFECYCLE.permission(self.move.action)
            self.done_message = self.move.done
        return super().dispatch(request, *args, **kwargs)

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

    move = REGISTRATION_LIFECYCLE["report"]
    title = "Báo cáo kết quả và tự đánh giá"

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

    move = REGISTRATION_LIFECYCLE["evaluate"]
    title = "Chấm điểm mô hình"

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

    move = REGISTRATION_LIFECYCLE["recognize"]
    title = "Công nhận mô hình"

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
