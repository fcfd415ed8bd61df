"""Files on an S3-compatible store: evidence and issued copies go to the bucket and come back byte for byte."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.exports.pdf import ISSUED_COPY
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def keys(client, bucket) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_the_issued_copy_is_kept_in_the_bucket_and_served_byte_for_byte(world, s3_storage):
    """Given S3 storage, when an issued plan's copy is stored, then the bucket holds it and the download is identical."""
    client, bucket = s3_storage
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    plan = ISSUED_COPY.store(plan.pk)
    assert keys(client, bucket) == [plan.issued_pdf.name]
    stored = client.get_object(Bucket=bucket, Key=plan.issued_pdf.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == plan.issued_pdf_sha256
    response = client_for(world.users["leader"]).get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert b"".join(getattr(response, "streaming_content", [response.content])) == stored


def test_evidence_goes_to_the_bucket_and_downloads_under_its_name(world, s3_storage):
    client, bucket = s3_storage
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    head = world.users["unit_head"]
    update = services.task_report_progress(
        task=task,
        by=head,
        reported_on=plan.issued_on,
        percent=40,
        text="Có biên bản.",
        files=[SimpleUploadedFile("Biên bản.pdf", PDF, "application/pdf")],
    )
    evidence = update.files.get()
    assert keys(client, bucket) == [evidence.file.name]
    response = client_for(head).get(reverse("tasks:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]
