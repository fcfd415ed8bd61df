"""Issuing renders the official PDF before it takes a number (finding 3 of issue 15).

Before, issuing the 4.5 MB plan used number 12 and then failed to store its PDF: an issued
plan without its official copy, every download a 503, the frozen plan impossible to split.
"""

import pytest
from django.urls import reverse

from plans.choices import PlanStatus
from plans.models import Plan
from tests.conftest import client_for
from tests.documents.conftest import build_plan
from tests.documents.huge import huge_plan


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_issuing_the_huge_plan_is_refused_and_uses_no_number(world, settings, django_capture_on_commit_callbacks):
    """Given the approved 4.5 MB plan, when the leader issues it, then the page says why, the plan is still
    approved with no number and no stored PDF, and the next plan issued takes number 1."""
    settings.DOCUMENT_RENDER_TIMEOUT = 2  # seconds of CPU: the huge plan needs far more, as it does at 60
    plan = huge_plan(world, status=PlanStatus.APPROVED)
    client = client_for(world.users["leader"])

    with django_capture_on_commit_callbacks(execute=True):  # issuing runs as a job (danvan/issue_jobs.py)
        response = client.post(reverse("plans:plan_issue", args=[plan.pk]))

    page = client.get(response["Location"]).content.decode()  # the job's page
    assert "Chưa ban hành được vì không dựng được bản PDF chính thức" in page
    assert "chưa lấy số văn bản" in page
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.issued_pdf_sha256) == (PlanStatus.APPROVED, None, "")
    assert not Plan.objects.filter(issuing_unit=world.commune, number__isnull=False).exists()

    settings.DOCUMENT_RENDER_TIMEOUT = 60
    small = build_plan(world, status=PlanStatus.APPROVED, appendix=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:plan_issue", args=[small.pk]))
    small.refresh_from_db()
    assert (small.status, small.number) == (PlanStatus.ISSUED, 1)
    assert small.issued_pdf_sha256 and small.issued_pdf.read().startswith(b"%PDF-")
