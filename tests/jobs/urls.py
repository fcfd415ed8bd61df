"""The portal's URLs plus a page with a button that starts a test job, for tests/browser/test_job_progress.py."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from danvan.jobs import job_response, start_job
from danvan.urls import urlpatterns as portal_urlpatterns
from plans.models import Plan

PAGE = """{% extends "base.html" %}{% block content %}
<h1 class="h3">{{ plan.title }}</h1>
{% include "jobs/start_button.html" with action=action label="Tóm tắt kế hoạch" icon="bi-file-earmark-text" %}
{% endblock %}"""


@login_required
def summary_page(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    action = reverse("try_job_start", args=[plan.pk])
    html = engines["django"].from_string(PAGE).render({"plan": plan, "action": action}, request)
    return HttpResponse(html)


@login_required
@require_POST
def summary_start(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    job = start_job("test_plan_summary", target=plan, user=request.user, key=f"summary:{plan.pk}", params={"pause": 1})
    return job_response(request, job)


urlpatterns = [
    path("try-job/<int:pk>/", summary_page, name="try_job_page"),
    path("try-job/<int:pk>/start/", summary_start, name="try_job_start"),
    *portal_urlpatterns,
]
