"""The plan editor in one page: part forms loaded in place (htmx), answers that refresh the parts and the
preview, numbering by level, the numbered parent chooser, the inline reference, the unit pickers."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import ReferenceDocument
from tests.conftest import client_for
from tests.factories import PlanFactory, SectionFactory, TaskFactory, UnitGroupFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
NBSP = "\u00a0"


@pytest.fixture
def plan(world, official):
    return PlanFactory(issuing_unit=world.commune, created_by=official)


@pytest.fixture
def outline(plan):
    """I. MỤC ĐÍCH, YÊU CẦU > 1. Mục đích > a) Nâng cao > - Gạch; II. NỘI DUNG."""
    top = SectionFactory(plan=plan, numbering="roman", heading="MỤC ĐÍCH, YÊU CẦU")
    aim = SectionFactory(plan=plan, numbering="arabic", heading="Mục đích", parent=top)
    letter = SectionFactory(plan=plan, numbering="letter", heading="Nâng cao", parent=aim)
    dash = SectionFactory(plan=plan, numbering="dash", heading="Gạch", parent=letter)
    SectionFactory(plan=plan, numbering="roman", heading="NỘI DUNG")
    return {"roman": top, "arabic": aim, "letter": letter, "dash": dash}


def selected_numbering(content: str) -> str:
    select = re.search(r'<select name="numbering".*?</select>', content, re.S).group(0)
    return re.search(r'<option value="(\w+)" selected>', select).group(1)


def test_new_section_numbering_follows_the_parents_level(official, plan, outline):
    """Given sections I. > 1. > a) > -, when a section is opened under each, then it defaults to the next level."""
    client = client_for(official)
    url = reverse("plans:section_add", args=[plan.pk])
    assert selected_numbering(client.get(url, **HTMX).content.decode()) == "roman"
    expected = {"roman": "arabic", "arabic": "letter", "letter": "dash", "dash": "plus"}
    for parent, child in expected.items():
        content = client.get(f"{url}?parent={outline[parent].pk}", **HTMX).content.decode()
        assert selected_numbering(content) == child
        assert f'<option value="{outline[parent].pk}" selected data-numbering="{child}">' in content


def test_parent_chooser_shows_the_numbered_indented_outline(official, plan, outline):
    """Given a nested outline, when a section is edited, then the chooser lists it as printed, minus its own subtree."""
    client = client_for(official)
    content = client.get(reverse("plans:section_add", args=[plan.pk])).content.decode()
    assert ">I. MỤC ĐÍCH, YÊU CẦU</option>" in content
    assert f">{NBSP * 4}1. Mục đích</option>" in content
    assert f">{NBSP * 8}a) Nâng cao</option>" in content
    assert ">II. NỘI DUNG</option>" in content

    edit = reverse("plans:section_edit", args=[plan.pk, outline["arabic"].pk])
    content = client.get(edit).content.decode()
    assert "Nâng cao</option>" not in content and "Mục đích</option>" not in content
    response = client.post(edit, {"parent": outline["dash"].pk, "numbering": "arabic", "heading": "Mục đích"})
    assert response.status_code == 400
    outline["arabic"].refresh_from_db()
    assert outline["arabic"].parent == outline["roman"]


def test_part_form_is_a_fragment_for_the_editor_and_a_page_without_javascript(official, plan):
    client = client_for(official)
    url = reverse("plans:task_add", args=[plan.pk])
    fragment = client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment and f'hx-post="{url}"' in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and "hx-post" not in page.split('id="task-form"')[1].split(">")[0]


def test_section_added_in_the_editor_answers_the_parts_and_refreshes_the_preview(official, plan):
    """Given the editor, when a section is saved through htmx, then a message replaces the form, the lists
    are replaced by id, and the preview is told to reload; the header form keeps the version it was read at
    (a part's change does not make the header stale: tests/plans/test_header_version.py)."""
    response = client_for(official).post(
        reverse("plans:section_add", args=[plan.pk]), {"numbering": "roman", "heading": "NỘI DUNG"}, **HTMX
    )
    assert response.status_code == 200
    assert "planChanged" in response["HX-Trigger"]
    content = response.content.decode()
    assert content.lstrip().startswith('<div class="alert alert-success')  # in place of the form sent
    assert 'id="outline" aria-label="Dàn ý các mục" hx-swap-oob="true"' in content
    assert "<strong>I. NỘI DUNG</strong>" in content
    assert 'id="id_version"' not in content


def test_refused_part_shows_its_errors_in_the_fragment_in_vietnamese(official, plan):
    response = client_for(official).post(
        reverse("plans:task_add", args=[plan.pk]), {"content": "Việc gì đó", "timeframe_kind": "regular"}, **HTMX
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "<html" not in content and 'id="task-form"' in content
    assert "Nhiệm vụ phải có cơ quan chủ trì" in content
    assert not plan.tasks.exists()


def test_move_and_delete_in_the_editor_answer_the_parts(world, official, plan, outline):
    client = client_for(official)
    second = plan.sections.get(heading="NỘI DUNG")
    response = client.post(reverse("plans:part_move", args=[plan.pk, "section", second.pk, "up"]), **HTMX)
    assert response.status_code == 200 and "<strong>I. NỘI DUNG</strong>" in response.content.decode()
    response = client.post(reverse("plans:part_delete", args=[plan.pk, "section", second.pk]), **HTMX)
    assert response.status_code == 200 and "Đã xóa." in response.content.decode()
    assert not plan.sections.filter(pk=second.pk).exists()
    # The delete asks first, with or without JavaScript.
    assert 'data-confirm="Xóa “I. MỤC ĐÍCH, YÊU CẦU”? Không hoàn tác được."' in response.content.decode()


def test_an_unknown_kind_or_direction_is_not_found(official, plan, outline):
    """Given a made-up part kind or direction in the URL, then the answer is 404 (nothing there), never 403."""
    client = client_for(official)
    section = outline["roman"]
    assert client.post(reverse("plans:part_delete", args=[plan.pk, "widget", section.pk])).status_code == 404
    assert client.post(reverse("plans:part_move", args=[plan.pk, "widget", section.pk, "up"])).status_code == 404
    assert client.post(reverse("plans:part_move", args=[plan.pk, "section", section.pk, "sideways"])).status_code == 404
    assert plan.sections.filter(pk=section.pk).exists()


def test_parts_answer_queries_do_not_grow_with_tasks(world, official, plan, outline):
    client = client_for(official)

    def count(direction):
        url = reverse("plans:part_move", args=[plan.pk, "section", outline["roman"].pk, direction])
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, **HTMX).status_code == 200
        return len(queries)

    TaskFactory(plan=plan, section=outline["arabic"], lead_units=[world.department])
    few = count("down")
    for _ in range(6):
        TaskFactory(plan=plan, section=outline["arabic"], lead_units=[world.department, world.other_department])
    assert count("up") == few  # the same swap back


def test_basis_added_in_the_editor(official, plan):
    response = client_for(official).post(
        reverse("plans:basis_add", args=[plan.pk]),
        {"opening": "Thực hiện", "text": "Kế hoạch số 12/KH-UBND của UBND xã"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Thực hiện Kế hoạch số 12/KH-UBND của UBND xã" in response.content.decode()


REFERENCE = {
    "doc_type": "nghi_quyet",
    "number_symbol": "25-NQ/TW",
    "issued_on": "03/06/2013",
    "issuer": "Ban Chấp hành Trung ương",
    "summary": "về công tác dân vận",
}


def test_reference_created_inline_is_selected_in_the_picker(official, plan):
    """Given the basis form, when a document is added to the catalogue inline, then the picker selects it."""
    client = client_for(official)
    response = client.post(reverse("plans:reference_create"), REFERENCE, **HTMX)
    assert response.status_code == 200
    reference = ReferenceDocument.objects.get(number_symbol="25-NQ/TW")
    content = response.content.decode()
    assert 'id="id_reference" size="6" hx-swap-oob="true"' in content
    assert f'<option value="{reference.pk}" selected>' in content


def test_reference_created_without_javascript_comes_back_selected(official, plan):
    client = client_for(official)
    back = reverse("plans:basis_add", args=[plan.pk])
    response = client.post(reverse("plans:reference_create"), {**REFERENCE, "next": back})
    reference = ReferenceDocument.objects.get(number_symbol="25-NQ/TW")
    assert response.status_code == 302 and response["Location"] == f"{back}?reference={reference.pk}"
    assert f'<option value="{reference.pk}" selected>' in client.get(response["Location"]).content.decode()
    outside = client.post(
        reverse("plans:reference_create"), {**REFERENCE, "number_symbol": "26-NQ/TW", "next": "https://example.com/"}
    )
    assert outside.status_code == 200  # never sent to another site


def test_task_unit_pickers_are_searchable_and_take_whole_groups(world, official, plan):
    UnitGroupFactory(owner=world.commune, name="Các phòng, đơn vị sự nghiệp thuộc xã")
    content = client_for(official).get(reverse("plans:task_add", args=[plan.pk]), **HTMX).content.decode()
    for picker in ("lead", "coordinating"):
        assert f'data-unit-filter="{picker}"' in content
        assert content.count(f'data-unit-picker="{picker}"') == 2  # its units and its groups
    assert "Các phòng, đơn vị sự nghiệp thuộc xã</option>" in content


def test_basis_edited_in_place(official, plan):
    basis = plan.bases.create(text="Căn cứ Luật Thực hiện dân chủ ở cơ sở")
    client = client_for(official)
    url = reverse("plans:basis_edit", args=[plan.pk, basis.pk])
    assert 'id="basis-form"' in client.get(url, **HTMX).content.decode()
    response = client.post(url, {"text": "Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022"}, **HTMX)
    assert response.status_code == 200 and "Đã lưu căn cứ." in response.content.decode()
    basis.refresh_from_db()
    assert basis.text == "Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022" and basis.opening == "Thực hiện"
    assert client.post(url, {"text": ""}, **HTMX).status_code == 400
