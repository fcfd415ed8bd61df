"""Given: the draft plan and the tracked task the value tests (test_values_*.py, rows 36-44) edit, the forms they
post and what they read back. Each bad value goes through the page a person would use; the answer is a
Vietnamese field error, the stored record is left as it was, and never a 500.
"""

import datetime

import pytest
from django.urls import reverse

from plans.models import Plan, Task
from tests.factories import IssuedPlanFactory, PlanFactory, TaskFactory

# --- given ------------------------------------------------------------------------------------


@pytest.fixture
def draft(world, official):
    """A draft plan of the commune for the second half of 2025."""
    return PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        title="Kế hoạch công tác dân vận 6 tháng cuối năm 2025",
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 12, 31),
    )


@pytest.fixture
def task(world):
    """A deadline task of an issued plan (10/07/2025), led by the unit head's unit."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    return TaskFactory(
        plan=plan,
        lead_units=[world.other_department],
        content="Tổ chức hội nghị tuyên truyền",
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 12, 15),
    )


def plan_form(plan: Plan, **overrides) -> dict:
    """Return the POST data of the plan header form as the edit page sends it, with `overrides`."""
    return {
        "title": plan.title,
        "kind": plan.kind,
        "doc_type": plan.doc_type,
        "symbol": plan.symbol,
        "issuing_unit": plan.issuing_unit_id,
        "place_name": plan.place_name,
        "period_label": plan.period_label,
        "period_start": f"{plan.period_start:%d/%m/%Y}" if plan.period_start else "",
        "period_end": f"{plan.period_end:%d/%m/%Y}" if plan.period_end else "",
        "signature_authority": plan.signature_authority,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "recipients": plan.recipients,
        "version": Plan.objects.get(pk=plan.pk).version,
        **overrides,
    }


def stored_plan(plan: Plan) -> dict:
    return Plan.objects.filter(pk=plan.pk).values("title", "period_start", "period_end", "version", "status").get()


def stored_task(task: Task) -> dict:
    return Task.objects.filter(pk=task.pk).values("progress", "status", "last_reported_on").get()


def edit_plan(client, plan, **overrides):
    return client.post(reverse("plans:plan_edit", args=[plan.pk]), plan_form(plan, **overrides))


def report_progress(client, task, **data):
    fields = {"reported_on": "15/10/2025", "percent": "50", "text": "Đã tổ chức hội nghị.", **data}
    return client.post(reverse("tasks:task_progress", args=[task.pk]), fields)
