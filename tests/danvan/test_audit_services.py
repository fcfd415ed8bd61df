"""Every write of every app leaves exactly the audit rows it should, in the transaction of the change.

Each test drives a workflow through the services and compares the trail, in order,
with what an inspector expects to read: one row per create, edit, move and issuance.
"""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from danvan.versioning import StaleEditError
from reports.exports import ISSUED_COPY
from tests.conftest import client_for
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS
from tests.models_registry.workflow_helpers import MOVES
from tests.reports.conftest import seeded  # noqa: F401 - fixture
from tests.tasks.conftest import head, plan, report_day, task  # noqa: F401 - fixtures

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def trail(obj) -> list[str]:
    """The actions recorded on `obj`, oldest first."""
    rows = AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by("pk")
    return list(rows.values_list("action", flat=True))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def field(db):
    from models_registry.services import default_fields

    return default_fields()[0]


def test_a_registration_leaves_one_row_per_write_from_draft_to_replication(world, field):
    """Given a campaign, when a model goes from draft to replicated, then each write left one row, by its author."""
    from models_registry import services

    official, head, leader = (world.users[role] for role in ("official", "unit_head", "leader"))
    campaign = services.campaign_create(
        by=official,
        name="Phong trào “Dân vận khéo” 2025",
        year=2025,
        registration_deadline=datetime.date.today() + datetime.timedelta(days=30),
        report_deadline=datetime.date.today() + datetime.timedelta(days=90),
    )
    services.campaign_update(campaign=campaign, by=official, target_percent=90)
    services.campaign_set_open(campaign=campaign, by=official, open_=True)
    assert trail(campaign) == ["create", "update", "update"]

    registration = services.registration_create(
        campaign=campaign, by=head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
    )
    registration = services.registration_update(
        registration=registration, by=head, expected_version=registration.version, name="Một cửa thân thiện"
    )
    evidence = services.evidence_add(
        registration=registration, by=head, upload=SimpleUploadedFile("Biên bản.pdf", PDF, "application/pdf")
    )
    evidence_id = evidence.pk
    services.evidence_delete(evidence=evidence, by=head)
    evidence.pk = evidence_id
    assert trail(evidence) == ["create", "delete"]
    for move in ("submit", "accept", "start", "report", "evaluate", "recognize"):
        registration = MOVES[move](registration, world)
    services.registration_replicate(registration=registration, by=official, units=[world.department])
    assert trail(registration) == ["create", "update"] + ["transition"] * 6 + ["update"]
    movers = AuditEntry.objects.filter(object_id=str(registration.pk), action="transition").order_by("pk")
    assert [row.username for row in movers] == [
        "truongphong",
        "canbo",
        "truongphong",
        "truongphong",
        "canbo",
        "lanhdao",
    ]
    assert leader.username == "lanhdao"


def test_a_refused_edit_leaves_no_row(world, field):
    """Given a stale edit, when the service refuses it, then the rolled-back change left no audit row either."""
    from models_registry import services

    campaign = services.campaign_create(
        by=world.users["official"],
        name="Phong trào 2025",
        year=2025,
        registration_deadline=datetime.date.today() + datetime.timedelta(days=30),
        report_deadline=datetime.date.today() + datetime.timedelta(days=90),
    )
    head = world.users["unit_head"]
    registration = services.registration_create(
        campaign=campaign, by=head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
    )
    with pytest.raises(StaleEditError):
        services.registration_update(registration=registration, by=head, expected_version=0, name="Tên mới")
    assert trail(registration) == ["create"]


def test_a_periodic_report_leaves_one_row_per_write(world, seeded):
    """Given the commune's report, when it is written, refreshed, returned, fixed and issued, each write is a row."""
    from reports import services

    official, leader = world.users["official"], world.users["leader"]
    report = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    report = services.report_update(report=report, by=official, expected_version=report.version, title="Báo cáo năm")
    report = services.report_regenerate(report=report, by=official)
    report = services.report_submit(report=report, by=official)
    report = services.report_return(report=report, by=leader, comment="Bổ sung số liệu.")
    report = services.report_submit(report=report, by=official)
    report = services.report_approve(report=report, by=leader)
    services.report_issue(report=report, by=leader)
    stored = ISSUED_COPY.store(report.pk)  # after the commit, in the portal
    assert trail(report) == ["create", "update", "update"] + ["transition"] * 5 + ["issue"]
    issue = AuditEntry.objects.get(action=AuditAction.ISSUE, object_id=str(report.pk))
    assert issue.sha256 == stored.issued_pdf_sha256 == hashlib.sha256(ISSUED_COPY.bytes(stored)).hexdigest()
    download = client_for(leader).get(reverse("reports:report_pdf", args=[report.pk]))
    assert download.content == ISSUED_COPY.bytes(stored)


def test_a_unit_part_is_audited_when_sent_and_returned(world, seeded):
    from reports import services

    cycle = services.cycle_open(
        government=world.commune,
        period_kind="second_half",
        year=2025,
        deadline=datetime.date(2025, 12, 15),
        by=world.users["official"],
    )
    part = cycle.parts.get(unit=world.other_department)
    part = services.part_submit(part=part, by=world.users["unit_head"], narrative="Đã làm.", expected_version=None)
    services.part_return(part=part, by=world.users["official"], comment="Ghi rõ số hội nghị.")
    assert trail(cycle) == ["create"]
    assert trail(part) == ["transition", "transition"]


def test_plan_parts_progress_comments_and_cancellation_are_audited(world, plan, task, head):
    """Given an issued plan's task, its progress, comment and cancellation each leave one row."""
    from plans import services

    services.task_report_progress(task=task, by=head, reported_on=report_day(plan), percent=40, text="Đang làm.")
    comment = services.task_comment(task=task, by=world.users["official"], text="Đề nghị đẩy nhanh.")
    services.task_cancel(task=task, by=world.users["official"], reason="Không còn phù hợp.")
    assert trail(task) == ["update", "transition"]
    assert trail(comment) == ["create"]


def test_every_edit_of_a_plans_parts_is_a_row_on_the_plan(world, official):
    from plans import services

    plan = services.plan_create(by=official, issuing_unit=world.commune, title="Kế hoạch thử")
    services.basis_add(plan=plan, opening="Căn cứ", text="Luật Tổ chức chính quyền địa phương;")
    section = services.section_add(plan=plan, numbering="roman", heading="MỤC ĐÍCH, YÊU CẦU")
    services.section_add(plan=plan, numbering="roman", heading="NỘI DUNG")
    services.part_move(plan=plan, part=section, step=1)
    services.part_delete(plan=plan, part=section)
    services.plan_copy(plan=plan, by=official)
    summaries = list(
        AuditEntry.objects.filter(object_id=str(plan.pk), object_type="plans.Plan")
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert [summary.split(":")[0] for summary in summaries] == [
        "Kế hoạch thử",
        "Thêm căn cứ",
        "Thêm mục",
        "Thêm mục",
        "Đổi thứ tự mục",
        "Xóa mục",
    ]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, summary__startswith="Sao chép").count() == 1


def test_an_import_is_one_row_not_one_per_part(world, official):
    """Given a seed plan file, when it is imported, then the trail holds one import row for the whole document."""
    from plans.importing.persist import plan_import_file
    from plans.models import Plan
    from tests.importing.parser_helpers import seed_text

    data = seed_text("ke-sat-2025-2030-chuong-trinh-phoi-hop.txt").encode()
    record = plan_import_file(
        data=data, filename="ke-sat.txt", issuing_unit=world.commune, by=official, record_issued=False
    )
    assert Plan.objects.get(pk=record.plan_id).sections.count() > 5
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [AuditAction.IMPORT]


def test_evidence_and_document_downloads_are_audited_with_the_address(world, plan, task, head):
    from plans import services

    update = services.task_report_progress(
        task=task,
        by=head,
        reported_on=report_day(plan),
        percent=40,
        text="Có biên bản.",
        files=[SimpleUploadedFile("Biên bản.pdf", PDF, "application/pdf")],
    )
    evidence = update.files.get()
    client = client_for(head)
    client.defaults["REMOTE_ADDR"] = "198.51.100.7"
    response = client.get(reverse("tasks:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    row = AuditEntry.objects.get(action=AuditAction.DOWNLOAD)
    assert (row.username, row.ip_address, row.object_id) == ("truongphong", "198.51.100.7", str(evidence.pk))


def test_a_replayed_approval_writes_one_row(world, plans):
    """Given a submitted plan, when the leader's approval is posted twice, then one move and one row exist."""
    client = client_for(world.users["leader"])
    url = reverse("plans:plan_approve", args=[plans["submitted"].pk])
    client.post(url)
    client.post(url)
    assert trail(plans["submitted"]) == ["transition"]


def test_the_login_page_is_not_a_write(world):
    """Reading pages writes nothing: only failed logins and refusals are recorded without a change."""
    Client().get(reverse("login"))
    client_for(world.users["official"]).get(reverse("plans:plan_list"))
    assert not AuditEntry.objects.exists()


def test_a_refused_move_raises_and_writes_nothing(world, plans):
    from plans import services

    with pytest.raises(ValidationError):
        services.plan_issue(plan=plans["draft"], by=world.users["leader"])
    assert trail(plans["draft"]) == []
