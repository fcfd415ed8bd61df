"""A plan cannot grow past PLAN_MAX_TEXT_CHARS: a clear form error long before the renderer's limit (issue 15)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import services
from plans.models import Section
from plans.text_limit import plan_text_chars
from tests.conftest import client_for
from tests.documents.conftest import build_plan
from tests.documents.huge import HUGE_CHARS, SECTION_TEXT, huge_plan, make_huge


@pytest.fixture
def nearly_full_plan(world, settings):
    """A draft 10,000 characters short of the default limit."""
    plan = build_plan(world)
    make_huge(plan, settings.PLAN_MAX_TEXT_CHARS - plan_text_chars(plan.pk) - 10_000)
    return plan


def test_the_default_limit_is_far_below_the_huge_plan(settings):
    assert settings.PLAN_MAX_TEXT_CHARS * 10 < HUGE_CHARS


def test_a_section_that_would_cross_the_limit_is_refused_in_the_form(nearly_full_plan, world):
    """Given a plan close to the limit, when the official adds a long section, then the form says why, in
    Vietnamese with the sizes, and nothing is saved."""
    sections = Section.objects.filter(plan=nearly_full_plan).count()
    response = client_for(world.users["official"]).post(
        reverse("plans:section_add", args=[nearly_full_plan.pk]), {"numbering": "dash", "text": SECTION_TEXT}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kế hoạch quá dài" in page and "vượt mức tối đa 250.000 ký tự" in page
    assert Section.objects.filter(plan=nearly_full_plan).count() == sections


def test_a_short_section_still_fits(nearly_full_plan, world):
    response = client_for(world.users["official"]).post(
        reverse("plans:section_add", args=[nearly_full_plan.pk]), {"numbering": "dash", "text": "Ngắn gọn."}
    )
    assert response.status_code in (200, 302)
    assert Section.objects.filter(plan=nearly_full_plan, text="Ngắn gọn.").exists()


def test_editing_a_task_past_the_limit_is_refused(nearly_full_plan, world):
    task = nearly_full_plan.tasks.first()
    response = client_for(world.users["official"]).post(
        reverse("plans:task_edit", args=[nearly_full_plan.pk, task.pk]),
        {"content": "x" * 20_000, "lead_text": "Phòng Văn hóa - Xã hội", "timeframe_kind": "regular"},
    )
    assert response.status_code == 400
    assert "Kế hoạch quá dài" in response.content.decode()
    task.refresh_from_db()
    assert task.content != "x" * 20_000


def test_the_huge_plan_cannot_grow(world):
    """Given the 4.5 MB plan (built before the limit), when the official adds a section, then the form
    refuses it with the plan's size."""
    plan = huge_plan(world)
    client = client_for(world.users["official"])
    page = client.get(reverse("plans:plan_edit", args=[plan.pk])).content.decode()
    assert "Kế hoạch quá dài" not in page
    response = client.post(reverse("plans:section_add", args=[plan.pk]), {"numbering": "dash", "text": "Thêm."})
    assert response.status_code == 400
    assert "Kế hoạch quá dài: tổng nội dung sẽ là 4." in response.content.decode()


def test_the_services_refuse_too_what_no_form_checked(nearly_full_plan):
    """A path around the forms (a script, an import) meets the same limit, and the change is rolled back."""
    sections = Section.objects.filter(plan=nearly_full_plan).count()
    with pytest.raises(ValidationError) as refused:
        services.section_add(plan=nearly_full_plan, numbering="dash", text=SECTION_TEXT)
    assert "Kế hoạch quá dài" in refused.value.messages[0]
    assert Section.objects.filter(plan=nearly_full_plan).count() == sections


def test_a_basis_added_to_the_huge_plan_is_refused(world):
    plan = huge_plan(world)
    with pytest.raises(ValidationError):
        services.basis_add(plan=plan, opening="Căn cứ", text="Căn cứ Nghị quyết số 01")
    assert not plan.bases.filter(text="Căn cứ Nghị quyết số 01").exists()
