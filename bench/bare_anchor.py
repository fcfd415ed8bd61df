"""The bare Django list the task list is measured against: one URL, one select_related, a plain template.

Used only by bench/bench_anchors.py, as the URLconf of a test client whose
middleware is the list `django-admin startproject` writes (nothing of the
portal's). It lists 50 of the same task rows the portal's task list pages
through, with their plan, behind a login like the portal page.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path

# The middleware of a new Django project, in its order.
DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Compiled once, as Django's cached template loader would.
PAGE = Engine().from_string(
    """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Nhiệm vụ</title></head><body>
<h1>Nhiệm vụ</h1>
<table><thead><tr><th>Nhiệm vụ</th><th>Hạn</th><th>Tiến độ</th><th>Tình trạng</th></tr></thead><tbody>
{% for task in tasks %}<tr><td><a href="/tasks/{{ task.pk }}/">{{ task.content }}</a><br>{{ task.plan.title }}</td>\
<td>{{ task.next_due_on|date:"d/m/Y" }}</td><td>{{ task.progress }}%</td><td>{{ task.get_status_display }}</td></tr>
{% endfor %}</tbody></table></body></html>"""
)


@login_required
def task_list(request):
    from plans.models import Task

    tasks = Task.objects.select_related("plan").order_by("-pk")[:50]
    return HttpResponse(PAGE.render(Context({"tasks": tasks})))


def healthz(request):
    """Answer 200 without a login, so the bench can tell when gunicorn serves this (bench/served.py)."""
    return HttpResponse("ok")


urlpatterns = [path("tasks/", task_list), path("healthz", healthz)]
