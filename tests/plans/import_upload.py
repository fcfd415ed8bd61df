"""Upload a plan file on Kế hoạch → Nhập từ tệp and follow the import job it starts (run when the request commits)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from danvan.jobs import Job


def upload_plan_file(client, name: str, data: bytes, **headers):
    """Post the file and run the job it starts; return the response and the job as it ended (None without one)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("plans:plan_import"), {"file": SimpleUploadedFile(name, data)}, **headers)
    job = Job.objects.filter(kind="plan_import").order_by("-created_at").first()
    return response, job
