"""The audit trail records failed logins and refused access, with who and from where."""

from django.test import Client
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from plans.models import Plan
from tests.conftest import client_for
from tests.factories import UserFactory


def test_failed_login_is_audited_with_the_name_and_address(official):
    Client(REMOTE_ADDR="203.0.113.9").post(reverse("login"), {"username": "canbo\r\n[INFO] giả", "password": "sai"})
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.ip_address == "203.0.113.9"
    assert "\n" not in entry.username and entry.username.startswith("canbo")


def test_refused_access_is_audited(world, official, plans):
    client_for(official).post(reverse("plans:plan_approve", args=[plans["submitted"].pk]))
    entry = AuditEntry.objects.get(action=AuditAction.ACCESS_DENIED)
    assert entry.user == official and entry.object_id == str(plans["submitted"].pk)
    assert reverse("plans:plan_approve", args=[plans["submitted"].pk]) in entry.summary


def test_administrator_can_search_the_trail_but_not_change_it(world, official):
    Client().post(reverse("login"), {"username": "canbo", "password": "sai"})
    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    client = client_for(admin)
    page = client.get(reverse("admin:danvan_auditentry_changelist"), {"q": "canbo"}).content.decode()
    assert "canbo" in page
    entry = AuditEntry.objects.first()
    assert client.post(reverse("admin:danvan_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_each_plan_move_writes_one_audit_row_and_issuance_keeps_the_pdf_hash(world, official, leader):
    from django.test import override_settings

    from plans import services
    from plans.exports.pdf import store_issued_pdf

    plan = services.plan_create(by=official, issuing_unit=world.commune, title="Kế hoạch được ghi nhật ký")
    services.section_add(plan=plan, numbering="roman", heading="MỤC ĐÍCH, YÊU CẦU")
    services.plan_submit(plan=plan, by=official)
    services.plan_approve(plan=plan, by=leader)
    with override_settings(TWO_FACTOR_ENFORCED=False):
        issued = services.plan_issue(plan=plan, by=leader)
    store_issued_pdf(plan_id=issued.pk)
    rows = AuditEntry.objects.filter(object_id=str(plan.pk), object_type="plans.Plan")
    assert list(rows.order_by("pk").values_list("action", flat=True)) == [
        "create",
        "update",
        "transition",
        "transition",
        "transition",
        "issue",
    ]
    issue = rows.get(action=AuditAction.ISSUE)
    assert len(issue.sha256) == 64 and issue.sha256 == Plan.objects.get(pk=plan.pk).issued_pdf_sha256


def test_pdf_download_is_audited(world, official, plans):
    client_for(official).get(reverse("plans:plan_pdf", args=[plans["draft"].pk]))
    assert AuditEntry.objects.filter(
        action=AuditAction.DOWNLOAD, object_id=str(plans["draft"].pk), user=official
    ).exists()
