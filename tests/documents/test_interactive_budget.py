"""A document request never holds a web worker past its interactive budget (finding 1 of issue 15).

Before, three PDF requests for the 4.5 MB draft held three sync workers for the 60 s render
limit, and every page of the portal (and /healthz) waited behind them.
"""

import pytest
from django.urls import reverse

from danvan.document_budget import DocumentBusy, DocumentDeferred, interactive
from danvan.documents import Limits, html_to_pdf_limited
from danvan.jobs.models import Job, JobStatus
from danvan.jobs.runner import execute
from tests.conftest import client_for
from tests.documents.huge import huge_plan
from tests.documents.test_render_limits import huge_html

LIMITS = Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=10**8)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_long_render_gives_the_worker_back_and_a_second_request_joins_it():
    """Given a render far longer than the budget, the request gives up in time while the render goes on,
    and a request for the same document joins that render instead of starting another."""
    html = huge_html(3000)
    with pytest.raises(DocumentDeferred) as first, interactive(object(), seconds=0.5):
        html_to_pdf_limited(html, limits=LIMITS)
    try:
        assert not first.value.shared.done.is_set()  # the request gave up; the render goes on
        with pytest.raises(DocumentDeferred) as second, interactive(object(), seconds=0.2):
            html_to_pdf_limited(html, limits=LIMITS)
        assert second.value.shared is first.value.shared
    finally:
        first.value.cancel()


def test_one_render_at_a_time_per_person():
    """Given a person whose long render is running, their request for another document answers at once
    with a Vietnamese message; another person's request is not held back."""

    class Person:
        def __init__(self, pk):
            self.pk = pk

    with pytest.raises(DocumentDeferred) as running, interactive(Person(901), seconds=0.2):
        html_to_pdf_limited(huge_html(3000), limits=LIMITS)
    try:
        with pytest.raises(DocumentBusy) as busy, interactive(Person(901), seconds=5):
            html_to_pdf_limited(huge_html(2), limits=LIMITS)
        assert not running.value.shared.done.is_set()  # refused while the first still runs, not after it
        assert "mỗi người dựng một văn bản một lúc" in busy.value.message
        with interactive(Person(902), seconds=30):
            assert html_to_pdf_limited(huge_html(2), limits=LIMITS).startswith(b"%PDF-")
    finally:
        running.value.cancel()


def test_the_huge_draft_goes_to_a_job_at_once_and_asking_again_joins_it(world):
    """Given the 4.5 MB draft, when its author asks for the PDF twice, then each answer is the job's progress
    (estimated from the database: no HTML built, no layout waited for), and there is one job for the plan's
    version, still waiting."""
    plan = huge_plan(world)
    client = client_for(world.users["official"])
    url = reverse("plans:plan_pdf", args=[plan.pk])
    for _ in range(2):
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "Xuất PDF kế hoạch" in response.content.decode()
    job = Job.objects.get(kind="plan_pdf")
    assert (job.key, job.status) == (f"plan_pdf:{plan.pk}:{plan.version}", JobStatus.QUEUED)


def test_a_document_over_the_page_threshold_is_built_by_the_job_and_then_served(world, draft_plan, settings):
    """Given a threshold of one page, a plain request goes to the job's page; once the job is done, the same
    link downloads the PDF the job built."""
    settings.DOCUMENT_BACKGROUND_PAGES = 0
    client = client_for(world.users["official"])
    url = reverse("plans:plan_pdf", args=[draft_plan.pk])
    response = client.get(url)
    job = Job.objects.get(kind="plan_pdf")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert execute(str(job.pk)).status == JobStatus.DONE
    download = client.get(url)
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")


def test_a_second_document_job_of_the_same_person_is_refused_at_once(world, draft_plan, settings):
    settings.DOCUMENT_BACKGROUND_PAGES = 0
    other = huge_plan(world)
    client = client_for(world.users["official"])
    client.get(reverse("plans:plan_pdf", args=[draft_plan.pk]))
    response = client.get(reverse("plans:plan_pdf", args=[other.pk]))
    assert response.status_code == 429
    assert "mỗi người dựng một văn bản một lúc" in response.content.decode()
    assert Job.objects.filter(kind="plan_pdf").count() == 1
