"""No edit of a plan's part is lost: two people open the same basis, section or task, both save, and the
second is told with 409, seeing the first's saved text beside their own, instead of overwriting it."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.versioning import StaleEditError
from plans import services
from plans.forms import SectionForm, TaskForm
from plans.models import PlanBasis, Section, Task
from tests.conftest import client_for
from tests.factories import PlanFactory, SectionFactory, TaskFactory, UserFactory
from units.choices import Role

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(world, official):
    return PlanFactory(issuing_unit=world.commune, created_by=official)


@pytest.fixture
def second_official(world):
    """Another official of the same department: the second editor."""
    return UserFactory(username="canbo2", unit=world.department, role=Role.OFFICIAL)


def opened_version(client, url: str) -> str:
    """Open the part's form as a person does and return the version it carries."""
    content = client.get(url, **HTMX).content.decode()
    return re.search(r'name="version" value="(\d+)"', content).group(1)


def conflict_columns(page: str) -> tuple[str, str]:
    """Return the two columns of the conflict box: the version saved by the other person, and the one sent."""
    saved = page[page.index("data-saved") : page.index("data-sent")]
    sent = page[page.index("data-sent") : page.index('class="small mt-2"')]
    return saved, sent


def part_data(kind: str, world, text: str) -> dict:
    """Return the form of a part of `kind` with `text` as what the person wrote."""
    if kind == "basis":
        return {"text": f"Căn cứ {text}"}
    if kind == "section":
        return {"numbering": "roman", "heading": "MỤC ĐÍCH, YÊU CẦU", "text": text, "task_layout": ""}
    return {"content": text, "timeframe_kind": "regular", "lead_units": [world.department.pk]}


@pytest.fixture
def parts(plan, world):
    return {
        "basis": plan.bases.create(text="Căn cứ Luật Thực hiện dân chủ ở cơ sở"),
        "section": SectionFactory(plan=plan, heading="MỤC ĐÍCH, YÊU CẦU", text="Bản gốc."),
        "task": TaskFactory(plan=plan, content="Bản gốc.", lead_units=[world.department]),
    }


# The field holding what a person writes, by kind of part.
TEXT_FIELD = {PlanBasis: "text", Section: "text", Task: "content"}


def saved_text(part) -> str:
    """Return the part's text as stored now."""
    return getattr(type(part).objects.get(pk=part.pk), TEXT_FIELD[type(part)])


@pytest.mark.parametrize("kind", ["basis", "section", "task"])
def test_second_save_of_a_part_is_409_with_both_versions_and_the_first_is_kept(
    kind, world, plan, parts, official, second_official
):
    """Given two officials with the same part open in the editor, when both save, then the first is saved,
    the second answers 409 in place with the first's text beside their own, and the first's text stays."""
    url = reverse(f"plans:{kind}_edit", args=[plan.pk, parts[kind].pk])
    first, second = client_for(official), client_for(second_official)
    first_version, second_version = opened_version(first, url), opened_version(second, url)

    saved = first.post(url, {**part_data(kind, world, "Bản của người thứ nhất."), "version": first_version}, **HTMX)
    stale = second.post(url, {**part_data(kind, world, "Bản của người thứ hai."), "version": second_version}, **HTMX)

    assert saved.status_code == 200
    assert stale.status_code == 409
    fragment = stale.content.decode()
    assert "<html" not in fragment and f'id="{kind}-form"' in fragment
    assert "vừa được người khác sửa" in fragment
    saved, sent = conflict_columns(fragment)
    assert "Bản của người thứ nhất." in saved and "người thứ hai" not in saved
    assert "Bản của người thứ hai." in sent
    assert "Bản của người thứ nhất." in saved_text(parts[kind])


@pytest.mark.parametrize("kind", ["basis", "section", "task"])
def test_after_the_conflict_the_second_person_saves_what_they_merged(
    kind, world, plan, parts, official, second_official
):
    """Given the 409 answer, when the second person saves the form it gave back, then their merged text is saved."""
    url = reverse(f"plans:{kind}_edit", args=[plan.pk, parts[kind].pk])
    first, second = client_for(official), client_for(second_official)
    version = opened_version(first, url)
    first.post(url, {**part_data(kind, world, "Bản của người thứ nhất."), "version": version}, **HTMX)
    stale = second.post(url, {**part_data(kind, world, "Bản của người thứ hai."), "version": version}, **HTMX)
    given_back = re.search(r'name="version" value="(\d+)"', stale.content.decode()).group(1)
    assert int(given_back) == type(parts[kind]).objects.get(pk=parts[kind].pk).version

    merged = second.post(url, {**part_data(kind, world, "Bản đã gộp của hai người."), "version": given_back}, **HTMX)

    assert merged.status_code == 200
    assert "Bản đã gộp của hai người." in saved_text(parts[kind])


def test_conflict_page_without_javascript_shows_the_whole_text_of_both(world, plan, parts, official, second_official):
    """Given a long section, when the second save is stale (no htmx), then the page shows both texts in full."""
    url = reverse("plans:section_edit", args=[plan.pk, parts["section"].pk])
    version = parts["section"].version
    theirs = "Nội dung của người thứ nhất. " * 40 + "Câu cuối của người thứ nhất."
    mine = "Nội dung của người thứ hai. " * 40 + "Câu cuối của người thứ hai."
    assert (
        client_for(official).post(url, {**part_data("section", world, theirs), "version": version}).status_code == 302
    )

    stale = client_for(second_official).post(url, {**part_data("section", world, mine), "version": version})

    assert stale.status_code == 409
    page = stale.content.decode()
    assert "<html" in page
    saved, sent = conflict_columns(page)
    assert "Câu cuối của người thứ nhất." in saved and "Câu cuối của người thứ hai." in sent


def test_save_of_a_part_deleted_meanwhile_is_refused(world, plan, parts, official):
    """Given a task open in the editor, when someone deletes it and the edit is then saved, then it is refused
    with a clear message and nothing is created again."""
    task = parts["task"]
    form = TaskForm({**part_data("task", world, "Bản mới."), "version": 1}, instance=task, plan=plan, user=official)
    assert form.is_valid(), form.errors
    Task.objects.filter(pk=task.pk).delete()

    with pytest.raises(ValidationError, match="vừa bị người khác xóa"):
        services.part_update(plan=plan, form=form, expected_version=1)
    assert not Task.objects.filter(pk=task.pk).exists()


def test_stale_service_call_changes_nothing(plan, parts):
    """Given a section saved once since it was read, when the stale edit reaches the service, then it is refused
    and neither the section, its version nor the plan's version moves."""
    section = parts["section"]
    plan_version = type(plan).objects.get(pk=plan.pk).version
    fresh = SectionForm({**part_data("section", None, "Bản thứ nhất."), "version": 1}, instance=section, plan=plan)
    assert fresh.is_valid(), fresh.errors
    services.part_update(plan=plan, form=fresh, expected_version=1)
    stale = SectionForm(
        {**part_data("section", None, "Bản cũ."), "version": 1}, instance=Section.objects.get(pk=section.pk), plan=plan
    )
    assert stale.is_valid(), stale.errors

    with pytest.raises(StaleEditError):
        services.part_update(plan=plan, form=stale, expected_version=1)

    stored = Section.objects.get(pk=section.pk)
    assert (stored.text, stored.version) == ("Bản thứ nhất.", 2)
    assert type(plan).objects.get(pk=plan.pk).version == plan_version + 1


@pytest.mark.parametrize("kind", ["basis", "section", "task"])
def test_delete_of_a_part_edited_meanwhile_is_409_and_shows_the_new_version(
    kind, world, plan, parts, official, second_official
):
    """Given the editor open on a part, when a colleague edits the part and the official then deletes it, then
    the delete answers 409, the part stays with the colleague's text, and the refreshed list shows that text."""
    deleter = client_for(official)
    page = deleter.get(reverse("plans:plan_edit", args=[plan.pk])).content.decode()
    delete_url = reverse("plans:part_delete", args=[plan.pk, kind, parts[kind].pk])
    form = re.search(rf'action="{delete_url}"[^>]*>.*?</form>', page, re.S).group(0)
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    edit_url = reverse(f"plans:{kind}_edit", args=[plan.pk, parts[kind].pk])
    edited = client_for(second_official).post(
        edit_url, {**part_data(kind, world, "Bản của đồng nghiệp."), "version": version}, **HTMX
    )
    assert edited.status_code == 200

    refused = deleter.post(delete_url, {"version": version}, **HTMX)

    assert refused.status_code == 409
    answer = refused.content.decode()
    assert "chưa bị xóa" in answer and "Bản của đồng nghiệp." in answer
    assert "Bản của đồng nghiệp." in saved_text(parts[kind])
    fresh = re.search(r'name="version" value="(\d+)"', answer.split(f'action="{delete_url}"')[1]).group(1)
    assert deleter.post(delete_url, {"version": fresh}, **HTMX).status_code == 200
    assert not type(parts[kind]).objects.filter(pk=parts[kind].pk).exists()


def test_conflict_on_a_task_names_the_lead_units_of_both_versions(world, plan, parts, official, second_official):
    """Given a task whose lead unit a colleague changed, when a stale save names another unit, then the 409
    shows the colleague's lead unit beside the one sent."""
    task = parts["task"]
    url = reverse("plans:task_edit", args=[plan.pk, task.pk])
    version = task.version
    colleague = {"content": "Bản gốc.", "timeframe_kind": "regular", "lead_units": [world.other_department.pk]}
    assert client_for(official).post(url, {**colleague, "version": version}, **HTMX).status_code == 200

    stale = client_for(second_official).post(url, {**part_data("task", world, "Bản gốc."), "version": version}, **HTMX)

    assert stale.status_code == 409
    saved, sent = conflict_columns(stale.content.decode())
    assert world.other_department.name in saved and world.department.name not in saved
    assert world.department.name in sent
    assert "Bản gốc." not in saved  # only what differs is shown
