"""Bad inputs 1, 2, 3 and 6: an overlong title or text area, a NUL character, blank text."""

import pytest
from django.urls import reverse

from models_registry.models import Registration
from plans.models import Plan
from tests.bad_inputs.text_helpers import plan_data, post_edit, saved_plan, snapshot
from tests.conftest import client_for
from tests.models_registry.conftest import REGISTRATION_FIELDS, campaign, draft, field  # noqa: F401 (fixtures)
from tests.models_registry.test_views import TWO_INDICATORS, form_data

# --- row 1: a 10,001-character title ------------------------------------------------------------


def test_row01_long_plan_title_is_a_form_error(world, official):
    """Given a 10,001-character title (the limit is 500), the form says so and nothing is created, on SQLite too."""
    response = client_for(official).post(reverse("plans:plan_create"), plan_data(world, title="x" * 10_001))
    assert response.status_code == 400
    assert "tối đa 500 kí tự (hiện có 10001)" in response.content.decode()
    assert not Plan.objects.exists()


def test_row01_long_title_on_edit_keeps_the_saved_plan(world, official):
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, title="x" * 10_001)
    assert response.status_code == 400
    assert "tối đa 500 kí tự" in response.content.decode()
    assert snapshot(plan) == before


def test_row01_long_registration_name_is_a_form_error(campaign, field, unit_head):
    """The registration's model name is limited to 255 characters, the limit of the table row."""
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name="Mô hình " * 1250 + "x"),
    )
    assert response.status_code == 400
    assert "tối đa 255 kí tự (hiện có 10001)" in response.content.decode()
    assert not Registration.objects.exists()


# --- row 2: a 5 MB text area ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_row02_five_megabyte_text_area_is_a_400_and_the_plan_is_kept(world, official, encoding):
    """Given 5 MB in the introduction (requests are capped at 4 MB), the answer is 400 and the plan unchanged."""
    plan = saved_plan(world, official)
    before = snapshot(plan)
    data = plan_data(world, version=plan.version, intro="Nội dung " * 600_000)
    url = reverse("plans:plan_edit", args=[plan.pk])
    client = client_for(official)
    if encoding == "urlencoded":
        from urllib.parse import urlencode

        response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(url, data)
    assert response.status_code == 400
    assert snapshot(plan) == before


def test_row02_text_area_over_its_limit_is_a_form_error_and_the_plan_is_kept(world, official):
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, intro="x" * 20_001)
    assert response.status_code == 400
    assert "tối đa 20000 kí tự (hiện có 20001)" in response.content.decode()
    assert snapshot(plan) == before


# --- row 3: a NUL character ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "intro", "symbol", "signer_name"])
def test_row03_null_character_is_refused_in_vietnamese(world, official, name):
    """Given "a\\x00b" in any text field, Django's null-character validator answers and the plan is kept.

    Django has no Vietnamese for this message; locale/vi/LC_MESSAGES/django.po gives it.
    """
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, **{name: "a\x00b"})
    assert response.status_code == 400
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
    assert snapshot(plan) == before


def test_row03_null_character_in_a_registration_creates_nothing(campaign, field, unit_head):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, problem="a\x00b"),
    )
    assert response.status_code == 400
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
    assert not Registration.objects.exists()


# --- row 6: blank text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "blank",
    ["   ", "\u00a0\u3000", "\u200b\ufeff", " \r\n\t "],
    ids=["spaces", "nbsp-ideographic", "zero-width", "line-breaks"],
)
def test_row06_blank_title_is_a_required_error(world, official, blank):
    plan = saved_plan(world, official)
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, title=blank)
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    assert snapshot(plan) == before


def test_row06_blank_registration_name_is_a_required_error(draft, field, unit_head):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_edit", args=[draft.pk]),
        form_data(field, TWO_INDICATORS, name="   ", version=draft.version),
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    draft.refresh_from_db()
    assert draft.name == REGISTRATION_FIELDS["name"]
