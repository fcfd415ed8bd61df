"""The plan header in the editor page: its parts change in place while the header form stays open, so the
header is stale only when someone else saved the header itself, never because of the person's own parts."""

import re

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.conftest import client_for
from tests.factories import PlanFactory, UserFactory
from units.choices import Role

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(world, official):
    return PlanFactory(issuing_unit=world.commune, created_by=official, title="Bản gốc")


def header_form(plan, world, version: str, title: str) -> dict:
    return {
        "title": title,
        "kind": "other",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuing_unit": world.commune.pk,
        "version": version,
    }


def opened_header_version(client, plan) -> str:
    page = client.get(reverse("plans:plan_edit", args=[plan.pk])).content.decode()
    return re.search(r'name="version" value="(\d+)"[^>]*id="id_version"', page).group(1)


def add_section(client, plan, held: str) -> str:
    """Add a section in the editor as the browser does; return the header version the page holds afterwards
    (the answer may replace it by id)."""
    response = client.post(
        reverse("plans:section_add", args=[plan.pk]), {"numbering": "roman", "heading": "NỘI DUNG"}, **HTMX
    )
    assert response.status_code == 200
    replaced = re.search(r'value="(\d+)" id="id_version" hx-swap-oob="true"', response.content.decode())
    return replaced.group(1) if replaced else held


def test_header_saved_by_a_colleague_is_not_overwritten_after_own_part_changes(world, plan, official):
    """Given the editor open, when a colleague saves the header and the official then adds a section and saves
    the header from the form they opened, then the save is 409 with both titles and the colleague's title stays."""
    colleague = client_for(UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL))
    mine = client_for(official)
    my_version = opened_header_version(mine, plan)
    their_version = opened_header_version(colleague, plan)
    url = reverse("plans:plan_edit", args=[plan.pk])
    assert colleague.post(url, header_form(plan, world, their_version, "Bản của đồng nghiệp")).status_code == 302

    held = add_section(mine, plan, my_version)
    stale = mine.post(url, header_form(plan, world, held, "Bản của tôi"))

    assert stale.status_code == 409
    content = stale.content.decode()
    assert "Bản của đồng nghiệp" in content and "Bản của tôi" in content
    assert Plan.objects.get(pk=plan.pk).title == "Bản của đồng nghiệp"


def test_own_part_changes_do_not_make_the_open_header_stale(world, plan, official):
    """Given the editor open, when the official adds a section and then saves the header, then it is saved."""
    client = client_for(official)
    held = add_section(client, plan, opened_header_version(client, plan))

    response = client.post(reverse("plans:plan_edit", args=[plan.pk]), header_form(plan, world, held, "Bản mới"))

    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).title == "Bản mới"
