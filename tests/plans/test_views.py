"""Plan pages: list, search, authoring, conflicts and escaping."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.choices import PlanStatus
from plans.models import Plan
from tests.conftest import client_for
from tests.factories import PlanFactory, SectionFactory, TaskFactory


def make_plans(world, official, count, start=0):
    for index in range(start, start + count):
        plan = PlanFactory(issuing_unit=world.commune, created_by=official, title=f"Kế hoạch số {index}")
        TaskFactory(plan=plan, lead_units=[world.department])


def test_plan_list_query_count_does_not_grow(world, official):
    client = client_for(official)
    make_plans(world, official, 3)
    client.get(reverse("plans:plan_list"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("plans:plan_list")).status_code == 200
    make_plans(world, official, 30, start=3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("plans:plan_list")).status_code == 200
    assert len(many) == len(few)


def test_plan_detail_query_count_does_not_grow_with_tasks(world, official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    section = SectionFactory(plan=plan, task_layout="blocks")
    TaskFactory(plan=plan, section=section, lead_units=[world.department])
    client = client_for(official)
    client.get(plan.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(plan.get_absolute_url())
    for _ in range(20):
        TaskFactory(plan=plan, section=section, lead_units=[world.department, world.other_department])
    with CaptureQueriesContext(connection) as many:
        client.get(plan.get_absolute_url())
    assert len(many) == len(few)


@pytest.mark.parametrize("query", ["dan van kheo", "DÂN VẬN KHÉO", "khéo"])
def test_search_ignores_diacritics(world, official, query):
    PlanFactory(
        issuing_unit=world.commune, created_by=official, title="Kế hoạch phong trào thi đua Dân vận khéo năm 2025"
    )
    PlanFactory(issuing_unit=world.commune, created_by=official, title="Kế hoạch tuyên truyền cải cách hành chính")
    content = client_for(official).get(reverse("plans:plan_list"), {"q": query}).content.decode()
    assert "Dân vận khéo năm 2025" in content
    assert "cải cách hành chính" not in content


def test_filters_by_status_and_year(world, official):
    PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        title="Đã ban hành 2025",
        status=PlanStatus.ISSUED,
        number=3,
        year=2025,
        issued_on=datetime.date(2025, 5, 1),
    )
    PlanFactory(issuing_unit=world.commune, created_by=official, title="Dự thảo mới")
    content = (
        client_for(official).get(reverse("plans:plan_list"), {"status": "issued", "year": "2025"}).content.decode()
    )
    assert "Đã ban hành 2025" in content and "Dự thảo mới" not in content
    assert "03/KH-UBND" in content


def test_list_is_scoped_to_the_commune(world, official, plans):
    content = client_for(official).get(reverse("plans:plan_list")).content.decode()
    assert plans["foreign"].title not in content


def test_unit_head_sees_only_published_plans(world, unit_head, plans):
    content = client_for(unit_head).get(reverse("plans:plan_list")).content.decode()
    assert plans["issued"].title in content
    assert plans["draft"].title not in content


def test_create_plan_through_the_form(world, official):
    response = client_for(official).post(
        reverse("plans:plan_create"),
        {
            "title": "Kế hoạch tuyên truyền 6 tháng cuối năm 2025",
            "kind": "propaganda",
            "doc_type": "KH",
            "symbol": "",
            "issuing_unit": world.commune.pk,
            "place_name": "Thượng Hồng",
            "period_start": "01/07/2025",
            "period_end": "31/12/2025",
            "recipients": "Lưu: VT.",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan_edit", args=[plan.pk])
    assert plan.period_start == datetime.date(2025, 7, 1)
    assert plan.symbol == "KH-UBND"


def test_create_refuses_end_before_start_in_vietnamese(world, official):
    response = client_for(official).post(
        reverse("plans:plan_create"),
        {
            "title": "X",
            "kind": "other",
            "doc_type": "KH",
            "issuing_unit": world.commune.pk,
            "period_start": "31/12/2025",
            "period_end": "01/07/2025",
        },
    )
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu" in response.content.decode()
    assert not Plan.objects.exists()


def test_title_over_the_limit_is_a_form_error(world, official):
    response = client_for(official).post(
        reverse("plans:plan_create"),
        {"title": "x" * 10_001, "kind": "other", "doc_type": "KH", "issuing_unit": world.commune.pk},
    )
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_official_cannot_issue_for_another_commune(world, official):
    response = client_for(official).post(
        reverse("plans:plan_create"),
        {"title": "X", "kind": "other", "doc_type": "KH", "issuing_unit": world.foreign_department.pk},
    )
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_second_save_of_the_same_draft_is_told_with_409(world, official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official, title="Bản gốc")
    client = client_for(official)
    form = {
        "title": "Bản A",
        "kind": "other",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuing_unit": world.commune.pk,
        "version": plan.version,
    }
    assert client.post(reverse("plans:plan_edit", args=[plan.pk]), form).status_code == 302
    response = client.post(reverse("plans:plan_edit", args=[plan.pk]), {**form, "title": "Bản B"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Bản A" in content and "Bản B" in content
    assert Plan.objects.get(pk=plan.pk).title == "Bản A"


def test_task_without_lead_unit_is_refused_next_to_the_field(world, official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    response = client_for(official).post(
        reverse("plans:task_add", args=[plan.pk]), {"content": "Việc gì đó", "timeframe_kind": "regular"}
    )
    assert response.status_code == 400
    assert "Nhiệm vụ phải có cơ quan chủ trì" in response.content.decode()
    assert not plan.tasks.exists()


def test_task_due_after_plan_end_is_refused(world, official):
    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    response = client_for(official).post(
        reverse("plans:task_add", args=[plan.pk]),
        {
            "content": "Báo cáo",
            "timeframe_kind": "deadline",
            "due_date": "15/01/2026",
            "lead_units": [world.department.pk],
        },
    )
    assert response.status_code == 400
    assert "không được sau ngày kết thúc" in response.content.decode()


def test_sections_and_tasks_added_print_in_the_document(world, official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    client = client_for(official)
    client.post(reverse("plans:section_add", args=[plan.pk]), {"numbering": "roman", "heading": "TỔ CHỨC THỰC HIỆN"})
    parent = plan.sections.get()
    client.post(
        reverse("plans:section_add", args=[plan.pk]),
        {"numbering": "arabic", "heading": "Phòng Văn hóa - Xã hội", "parent": parent.pk, "task_layout": "duties"},
    )
    duties = plan.sections.get(parent=parent)
    response = client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {
            "content": "Chủ trì tham mưu triển khai kế hoạch.",
            "section": duties.pk,
            "timeframe_kind": "regular",
            "lead_units": [world.department.pk],
        },
    )
    assert response.status_code == 302
    content = client.get(plan.get_absolute_url()).content.decode()
    assert "III." not in content
    assert "I.</span> <strong>TỔ CHỨC THỰC HIỆN</strong>" in content
    assert "1.</span> <strong>Phòng Văn hóa - Xã hội</strong>" in content
    assert "-</span> Chủ trì tham mưu triển khai kế hoạch." in content


def test_user_text_is_escaped_in_the_document(world, official):
    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        title="<script>alert(1)</script>",
        intro="{{ settings.SECRET_KEY }}",
    )
    SectionFactory(plan=plan, heading='" onmouseover="alert(1)', text="</textarea><script>x</script>")
    content = client_for(official).get(plan.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content and "<script>x</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "{{ settings.SECRET_KEY }}" in content


def test_return_and_issue_through_the_buttons(world, official, leader, django_capture_on_commit_callbacks):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    SectionFactory(plan=plan)
    client_for(official).post(reverse("plans:plan_submit", args=[plan.pk]))
    client_for(leader).post(reverse("plans:plan_return", args=[plan.pk]), {"comment": "Thêm nhiệm vụ cho Văn phòng."})
    detail = client_for(official).get(plan.get_absolute_url()).content.decode()
    assert "Thêm nhiệm vụ cho Văn phòng." in detail
    client_for(official).post(reverse("plans:plan_submit", args=[plan.pk]))
    client_for(leader).post(reverse("plans:plan_approve", args=[plan.pk]))
    with django_capture_on_commit_callbacks(execute=True):  # issuing runs as a job (danvan/issue_jobs.py)
        client_for(leader).post(reverse("plans:plan_issue", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number == 1
    assert client_for(official).get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 403


def test_replayed_approve_changes_once(world, official, leader):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official, status=PlanStatus.SUBMITTED)
    client = client_for(leader)
    client.post(reverse("plans:plan_approve", args=[plan.pk]))
    response = client.post(reverse("plans:plan_approve", args=[plan.pk]), follow=True)
    assert response.redirect_chain == [(plan.get_absolute_url(), 302)]
    assert "không có gì thay đổi" in response.content.decode()
    assert plan.transitions.count() == 1
    assert client.get(reverse("plans:plan_approve", args=[plan.pk])).status_code in (403, 405)


def test_get_on_a_transition_changes_nothing(world, official, plans):
    response = client_for(official).get(reverse("plans:plan_submit", args=[plans["draft"].pk]))
    assert response.status_code == 405
    assert Plan.objects.get(pk=plans["draft"].pk).status == PlanStatus.DRAFT


def test_history_shows_a_readable_diff(world, official):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official, title="Tiêu đề cũ")
    client = client_for(official)
    form = {
        "title": "Tiêu đề mới",
        "kind": "other",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuing_unit": world.commune.pk,
        "version": plan.version,
    }
    client.post(reverse("plans:plan_edit", args=[plan.pk]), form)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert "<del>Tiêu đề cũ</del>" in content and "<ins>Tiêu đề mới</ins>" in content


def test_reference_search_and_inline_create(world, official):
    client = client_for(official)
    response = client.post(
        reverse("plans:reference_create"),
        {
            "doc_type": "quyet_dinh",
            "number_symbol": "3177/QĐ-UBND",
            "issued_on": "06/08/2025",
            "issuer": "UBND thành phố Hải Phòng",
            "summary": "ban hành danh mục nhiệm vụ công tác dân vận",
        },
    )
    assert response.status_code == 200
    duplicate = client.post(
        reverse("plans:reference_create"),
        {"doc_type": "quyet_dinh", "number_symbol": "3177/qđ–ubnd", "issued_on": "06/08/2025"},
    )
    assert duplicate.status_code == 400
    assert "đã có trong danh mục" in duplicate.content.decode()
    found = client.get(reverse("plans:reference_search"), {"q": "dan van"}).content.decode()
    assert "3177/QĐ-UBND" in found


def header_form(plan, **changes) -> dict:
    """Return the edit page's header form as posted, with `changes`."""
    form = {
        "title": plan.title,
        "kind": "other",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuing_unit": plan.issuing_unit_id,
        "version": plan.version,
    }
    return {**form, **changes}


def test_plan_cannot_be_its_own_parent_or_ancestor(world, official):
    """Given a plan carried out by another, when its author makes either plan the parent of the first, then it is refused."""
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    child = PlanFactory(issuing_unit=world.commune, created_by=official, parent=plan)
    client = client_for(official)
    for parent in (plan, child):
        response = client.post(reverse("plans:plan_edit", args=[plan.pk]), header_form(plan, parent=parent.pk))
        assert response.status_code == 400
    assert "Kế hoạch không thể thực hiện chính nó" in response.content.decode()
    plan.refresh_from_db()
    assert plan.parent is None


def test_service_refuses_a_plan_as_its_own_ancestor(world, official):
    """Given A <- B <- C (C carries out B, which carries out A), when A's parent is set to C, then it raises."""
    from django.core.exceptions import ValidationError

    from plans import services

    first = PlanFactory(issuing_unit=world.commune, created_by=official)
    second = PlanFactory(issuing_unit=world.commune, created_by=official, parent=first)
    third = PlanFactory(issuing_unit=world.commune, created_by=official, parent=second)
    for parent in (first, third):
        with pytest.raises(ValidationError, match="không thể thực hiện chính nó"):
            services.plan_update(plan=first, by=official, expected_version=None, parent=parent)
    first.refresh_from_db()
    assert first.parent is None
    services.plan_update(plan=third, by=official, expected_version=None, parent=first)  # a sibling line is fine
