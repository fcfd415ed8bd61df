"""What an anonymous visitor sees on a government's public page: only what was issued, recognised and published."""

import pytest
from django.test import Client
from django.urls import reverse

from plans.choices import PlanStatus
from tests.factories import PlanFactory, ProgressUpdateFactory, TaskFactory
from tests.public.public_helpers import PDF, issued_plan, issued_report, recognized_model, store_copy

pytestmark = pytest.mark.django_db


def page(url) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_sees_issued_plans_with_number_date_and_sha256(world):
    """Given an issued plan, when anyone opens the commune's page, then it lists the plan with its number and hash."""
    plan = issued_plan(world, title="Kế hoạch tuyên truyền chuyển đổi số năm 2025")
    html = page(reverse("public:government", args=[world.commune.pk]))
    assert "Kế hoạch tuyên truyền chuyển đổi số năm 2025" in html
    assert plan.reference in html and "10/07/2025" in html
    assert plan.issued_pdf_sha256 in html
    assert reverse("public:plan_pdf", args=[world.commune.pk, plan.pk]) in html


def test_plan_page_shows_tasks_status_and_progress(world):
    plan = issued_plan(world)
    html = page(reverse("public:plan", args=[world.commune.pk, plan.pk]))
    assert "Tuyên truyền pháp luật đến từng thôn" in html
    assert "Hỗ trợ người dân làm thủ tục trực tuyến" in html
    assert 'value="50"' in html and "Đang thực hiện" in html
    assert "Người ký: Hà Thị Thủy" in html


def test_pdf_download_is_the_stored_copy_byte_for_byte(world):
    plan = issued_plan(world)
    response = Client().get(reverse("public:plan_pdf", args=[world.commune.pk, plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == PDF


def test_a_stored_copy_that_no_longer_matches_its_hash_is_not_served(world):
    plan = issued_plan(world)
    with plan.issued_pdf.open("wb") as stored:
        stored.write(PDF + b"altered")
    assert Client().get(reverse("public:plan_pdf", args=[world.commune.pk, plan.pk])).status_code == 404


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.APPROVED])
def test_a_plan_not_issued_is_404_and_not_listed(world, status):
    plan = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], status=status)
    TaskFactory(plan=plan)
    assert Client().get(reverse("public:plan", args=[world.commune.pk, plan.pk])).status_code == 404
    assert Client().get(reverse("public:plan_pdf", args=[world.commune.pk, plan.pk])).status_code == 404
    assert plan.title not in page(reverse("public:government", args=[world.commune.pk]))


def test_a_completed_plan_stays_public(world):
    plan = issued_plan(world)
    type(plan).objects.filter(pk=plan.pk).update(status=PlanStatus.COMPLETED)
    assert plan.title in page(reverse("public:plan", args=[world.commune.pk, plan.pk]))


def test_an_unpublished_issued_plan_is_404_and_not_listed(world):
    plan = issued_plan(world, published=False)
    assert Client().get(reverse("public:plan", args=[world.commune.pk, plan.pk])).status_code == 404
    assert Client().get(reverse("public:plan_pdf", args=[world.commune.pk, plan.pk])).status_code == 404
    assert plan.title not in page(reverse("public:government", args=[world.commune.pk]))


def test_another_communes_plan_is_404_under_this_commune(world):
    plan = issued_plan(world)
    assert Client().get(reverse("public:plan", args=[world.other_commune.pk, plan.pk])).status_code == 404


def test_a_unit_that_is_not_a_government_has_no_page(world):
    assert Client().get(reverse("public:government", args=[world.department.pk])).status_code == 404


def test_evidence_comments_and_unit_heads_are_never_shown(world):
    """Given a task with a progress report, evidence and a comment, the public pages show none of them."""
    from plans.models import EvidenceFile, ProgressUpdate

    plan = issued_plan(world)
    task = plan.tasks.first()
    head = world.users["unit_head"]
    head.full_name = "Nguyễn Văn Trưởng"
    head.save()
    report = ProgressUpdateFactory(task=task, text="Báo cáo nội bộ: đã họp với trưởng thôn", author=head)
    EvidenceFile.objects.create(
        update=report, file="evidence/bien-ban.pdf", original_name="bien-ban-hop-thon.pdf", content_type=PDF, size=9
    )
    ProgressUpdate.objects.create(
        task=task, kind="comment", reported_on=report.reported_on, text="Ý kiến nội bộ chưa công bố", author=head
    )
    html = page(reverse("public:plan", args=[world.commune.pk, plan.pk])) + page(
        reverse("public:government", args=[world.commune.pk])
    )
    assert "Báo cáo nội bộ" not in html and "Ý kiến nội bộ" not in html
    assert "bien-ban-hop-thon" not in html and "/tasks/" not in html
    assert "Nguyễn Văn Trưởng" not in html and world.users["official"].get_full_name() not in html


def test_recognised_models_are_shown_with_summary_and_results(world):
    model = recognized_model(world)
    html = page(reverse("public:government", args=[world.commune.pk]))
    assert model.name in html and "Giảm số lần đi lại của người dân." in html
    assert "Tỷ lệ hồ sơ đúng hạn" in html and "<strong>99</strong>" in html
    assert "Giảm 40% số lần người dân phải đi lại." in html


@pytest.mark.parametrize("status", ["submitted", "accepted", "implementing", "evaluated", "not_recognized"])
def test_a_model_not_recognised_is_not_shown(world, status):
    model = recognized_model(world, status=status, name=f"Mô hình chưa công nhận {status}")
    html = page(reverse("public:government", args=[world.commune.pk]))
    assert model.name not in html


def test_models_never_show_the_person_in_charge_or_contact(world):
    model = recognized_model(world)
    html = page(reverse("public:government", args=[world.commune.pk]))
    assert model.person_in_charge not in html and model.contact not in html


def test_issued_published_report_is_listed_and_downloads_its_copy(world):
    report = issued_report(world)
    html = page(reverse("public:government", args=[world.commune.pk]))
    assert report.title in html and report.issued_pdf_sha256 in html
    response = Client().get(reverse("public:report_pdf", args=[world.commune.pk, report.pk]))
    assert response.status_code == 200 and response.content == PDF


def test_an_unpublished_report_is_404_and_not_listed(world):
    report = issued_report(world, published=False)
    assert Client().get(reverse("public:report_pdf", args=[world.commune.pk, report.pk])).status_code == 404
    assert report.title not in page(reverse("public:government", args=[world.commune.pk]))


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_a_report_not_issued_is_404(world, status):
    report = store_copy(issued_report(world, status=status))
    assert Client().get(reverse("public:report_pdf", args=[world.commune.pk, report.pk])).status_code == 404
    assert report.title not in page(reverse("public:government", args=[world.commune.pk]))


def test_pages_carry_description_and_open_graph_tags(world):
    plan = issued_plan(world, title="Kế hoạch tuyên truyền chuyển đổi số năm 2025")
    url = reverse("public:plan", args=[world.commune.pk, plan.pk])
    html = page(url)
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title" content="Kế hoạch tuyên truyền chuyển đổi số năm 2025' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert '<meta property="og:description"' in html


def test_public_base_has_no_portal_navigation_or_login_links(world):
    html = page(reverse("public:government", args=[world.commune.pk]))
    assert reverse("login") not in html and reverse("logout") not in html
    assert 'class="navbar' not in html and "<script" not in html


def test_public_pages_keep_the_strict_content_security_policy(world):
    response = Client().get(reverse("public:government", args=[world.commune.pk]))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_search_ignores_diacritics_for_governments_and_documents(world):
    plan = issued_plan(world, title="Kế hoạch Dân vận khéo năm 2025")
    hidden = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], title="Dân vận khéo dự thảo")
    html = page(reverse("public:index") + "?q=dan+van+kheo")
    assert plan.title in html and hidden.title not in html
    html = page(reverse("public:index") + "?q=thuong+hong")
    assert world.commune.name in html and world.other_commune.name not in html


def test_index_lists_governments_and_newly_issued_documents(world):
    plan = issued_plan(world)
    html = page(reverse("public:index"))
    assert world.commune.name in html and world.other_commune.name in html and world.department.name not in html
    assert plan.title in html
