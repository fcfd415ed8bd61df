"""A government decides what it publishes; the cached pages follow issuance, publishing and recognition."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from plans.models import Plan
from reports.models import PeriodicReport
from tests.conftest import client_for
from tests.factories import PlanFactory
from tests.public.public_helpers import PDF, issued_plan, issued_report, recognized_model

pytestmark = pytest.mark.django_db


def government_page(world) -> str:
    response = Client().get(reverse("public:government", args=[world.commune.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_plans_are_published_by_default_and_reports_are_not(world):
    plan = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    report = issued_report(world, published=False)
    assert Plan.objects.get(pk=plan.pk).published is True
    assert PeriodicReport(unit=world.commune).published is False and report.published is False


def test_issuing_a_plan_shows_it_on_the_cached_page(world, monkeypatch, django_capture_on_commit_callbacks):
    """Given the commune's page in the cache, when the leader issues a plan, then the page lists it at once."""
    from plans import services
    from plans.exports import pdf

    monkeypatch.setattr(pdf, "render_plan_pdf", lambda plan: PDF)
    plan = PlanFactory(
        issuing_unit=world.commune, created_by=world.users["official"], status="approved", title="Kế hoạch mới ban hành"
    )
    assert plan.title not in government_page(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_issue(plan=plan, by=world.users["leader"])
    html = government_page(world)
    assert plan.title in html and Plan.objects.get(pk=plan.pk).issued_pdf_sha256 in html


def test_a_cached_page_is_served_without_reading_the_database(world, django_assert_num_queries):
    issued_plan(world)
    government_page(world)
    with django_assert_num_queries(1):  # the government itself, to answer 404 for any other unit
        government_page(world)


def test_recognising_a_model_shows_it_on_the_cached_page(world, django_capture_on_commit_callbacks):
    from models_registry.services import registration_recognize

    model = recognized_model(world, status="evaluated", name="Mô hình vừa được công nhận")
    assert model.name not in government_page(world)
    with django_capture_on_commit_callbacks(execute=True):
        registration_recognize(registration=model, by=world.users["leader"], level="commune")
    assert model.name in government_page(world)


def test_leader_withdraws_a_plan_and_the_page_drops_it_audited(world, django_capture_on_commit_callbacks):
    plan = issued_plan(world)
    assert plan.title in government_page(world)
    leader = client_for(world.users["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(reverse("public:plan_publish", args=[plan.pk]), {})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).published is False
    assert plan.title not in government_page(world)
    assert Client().get(reverse("public:plan", args=[world.commune.pk, plan.pk])).status_code == 404
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).latest("pk")
    assert entry.user == world.users["leader"] and "Thôi công khai" in entry.summary


def test_leader_publishes_an_issued_report(world, django_capture_on_commit_callbacks):
    report = issued_report(world, published=False)
    assert report.title not in government_page(world)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.users["leader"]).post(reverse("public:report_publish", args=[report.pk]), {"published": "on"})
    assert PeriodicReport.objects.get(pk=report.pk).published is True
    assert report.title in government_page(world)


def test_publishing_does_not_move_the_plans_version(world):
    plan = issued_plan(world)
    client_for(world.users["leader"]).post(reverse("public:plan_publish", args=[plan.pk]), {})
    assert Plan.objects.get(pk=plan.pk).version == plan.version


def test_the_leader_sees_the_publish_checkbox_and_the_official_does_not(world):
    plan = issued_plan(world)
    url = reverse("plans:plan_detail", args=[plan.pk])
    assert 'id="publish-toggle"' in client_for(world.users["leader"]).get(url).content.decode()
    assert 'id="publish-toggle"' not in client_for(world.users["official"]).get(url).content.decode()


def test_the_feed_lists_issued_published_documents_only(world):
    plan = issued_plan(world, title="Kế hoạch trong bản tin")
    hidden = issued_plan(world, title="Kế hoạch không công khai", published=False)
    draft = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], title="Dự thảo chưa ban hành")
    report = issued_report(world)
    response = Client().get(reverse("public:feed", args=[world.commune.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "<feed" in feed and plan.title in feed and report.title in feed
    assert hidden.title not in feed and draft.title not in feed
    assert reverse("public:plan", args=[world.commune.pk, plan.pk]) in feed


@pytest.mark.parametrize("page", ["government", "plan"])
def test_query_count_does_not_grow_with_the_data(world, page):
    """Given one plan and model, then ten more, the page takes the same number of queries (cache emptied)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = issued_plan(world)
    recognized_model(world)
    issued_report(world)

    def count() -> int:
        cache.clear()
        url = (
            reverse("public:government", args=[world.commune.pk])
            if page == "government"
            else reverse("public:plan", args=[world.commune.pk, first.pk])
        )
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        return len(queries)

    small = count()
    for number in range(10):
        issued_plan(world)
        recognized_model(world, name=f"Mô hình thứ {number}")
    from tests.factories import TaskFactory

    for _ in range(10):
        TaskFactory(plan=first, lead_units=[world.department, world.other_department])
    assert count() == small
