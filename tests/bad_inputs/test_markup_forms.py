"""Bad inputs 15-20 outside the printed plan: registrations, a refused form, the templates, next= links, search."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from models_registry.models import Registration
from plans.models import Plan
from tests.bad_inputs.markup_helpers import IMAGE, QUOTES, ROOT, SCRIPT, TEXTAREA, Elements, active_scheme
from tests.conftest import client_for, enroll_two_factor
from tests.factories import TEST_PASSWORD, PlanFactory
from tests.models_registry.conftest import campaign, field  # noqa: F401 (fixtures)
from tests.models_registry.test_views import TWO_INDICATORS, form_data


def test_row15_script_tag_in_a_registration_is_literal_text(campaign, field, unit_head):
    client = client_for(unit_head)
    response = client.post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=f"{SCRIPT} Mô hình", problem=SCRIPT),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == f"{SCRIPT} Mô hình"
    html = client.get(registration.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mô hình" in html
    assert SCRIPT not in html


def test_row16_a_refused_form_shows_the_typed_markup_escaped(world, official):
    """Given markup in every box of a form that fails (no title), the 400 page shows it escaped."""
    response = client_for(official).post(
        reverse("plans:plan_create"),
        {
            "title": "",
            "kind": "other",
            "doc_type": "KH",
            "issuing_unit": world.commune.pk,
            "signer_name": QUOTES,
            "place_name": QUOTES,
            "intro": TEXTAREA,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert QUOTES not in html and TEXTAREA not in html
    parsed = Elements(html)
    assert parsed.event_handlers() == []
    assert not any("alert(" in script for script in parsed.raw["script"])
    values = [attrs.get("value") for tag, attrs in parsed.tags if tag == "input"]
    assert values.count(QUOTES) == 2
    assert not Plan.objects.exists()


def template_files() -> list[Path]:
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_row16_every_attribute_holding_a_variable_is_quoted():
    """An unquoted attribute (value={{ x }}) is broken out of by a space; no template has one."""
    unquoted = re.compile(r"\s[\w:-]+=\{[{%]")
    files = template_files()
    assert len(files) > 50
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unquoted.search(line)
    ]
    assert offenders == []


NEXT = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
NEXT_IDS = ["javascript", "mixed-case", "leading-space", "tab", "data", "data-base64"]


@pytest.mark.parametrize("target", NEXT, ids=NEXT_IDS)
def test_row17_login_never_follows_a_javascript_or_data_next(world, target):
    """Given ?next=javascript:… on the login page, the hidden field and the redirect after login ignore it."""
    client = client_for(None)
    page = client.get(reverse("login"), {"next": target})
    assert page.status_code == 200
    values = [attrs.get("value") or "" for tag, attrs in Elements(page.content.decode()).tags if tag == "input"]
    assert not any(active_scheme(value) for value in values)
    response = client.post(reverse("login"), {"username": "canbo", "password": TEST_PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", NEXT, ids=NEXT_IDS)
def test_row17_second_factor_never_follows_a_javascript_or_data_next(world, target):
    leader = world.users["leader"]
    codes = enroll_two_factor(leader)
    client = client_for(leader, verified=False)
    page = client.get(reverse("two_factor_verify"), {"next": target})
    parsed = Elements(page.content.decode())
    hidden = next(attrs for tag, attrs in parsed.tags if tag == "input" and attrs.get("name") == "next")
    assert hidden["value"] == reverse("home")
    response = client.post(reverse("two_factor_verify"), {"token": codes[0], "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", NEXT[:1] + NEXT[4:5], ids=["javascript", "data"])
def test_row17_marking_notifications_read_never_follows_a_javascript_or_data_next(world, official, target):
    response = client_for(official).post(reverse("units:notification_read"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("units:notification_list")


# --- row 18: <img onerror> where rich text would be ----------------------------------------------


def test_row18_the_portal_has_no_rich_text_so_no_template_marks_user_text_safe():
    """Every text field is plain text: no template turns escaping off or marks a value safe.

    If a rich-text field is ever added, it must be cleaned with nh3 before it is stored or shown.
    """
    unsafe = re.compile(r"\|\s*safe\b|\|\s*safeseq\b|{%\s*autoescape\s+off")
    offenders = [str(path.relative_to(ROOT)) for path in template_files() if unsafe.search(path.read_text("utf-8"))]
    assert offenders == []


def test_row18_img_onerror_in_a_registrations_method_is_shown_as_text(campaign, field, unit_head):
    client = client_for(unit_head)
    response = client.post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, method=f"Cách làm: {IMAGE}", objectives=IMAGE),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.method == f"Cách làm: {IMAGE}"  # stored as typed: it is text, not markup
    html = client.get(registration.get_absolute_url()).content.decode()
    assert "Cách làm: &lt;img src=x onerror=alert(3)&gt;" in html
    assert Elements(html).event_handlers() == []


def test_row20_template_syntax_in_a_title_is_literal_in_the_list_and_search(world, official):
    PlanFactory(issuing_unit=world.commune, created_by=official, title="Kế hoạch {{ settings.SECRET_KEY }} {% debug %}")
    client = client_for(official)
    for query in ({}, {"q": "{{ settings.SECRET_KEY }}"}):
        html = client.get(reverse("plans:plan_list"), query).content.decode()
        assert "Kế hoạch {{ settings.SECRET_KEY }} {% debug %}" in html
        assert settings.SECRET_KEY not in html
