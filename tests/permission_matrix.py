"""Who gets what on every URL: one row per named URL (and variant), one status per role.

`tests/test_permission_matrix.py` walks the URL map and fails when a named URL
has no row here, so every new view must add its row. Roles are those of
`tests/conftest.py:ROLES`; `args` builds the URL arguments from the test world.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    name: str
    expected: dict[str, int]
    args: object = None  # callable(world) -> list, or None
    method: str = "get"
    data: dict = field(default_factory=dict)
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}@{self.variant}" if self.variant else self.name


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(["anonymous", "no_workplace", "official", "unit_head", "leader", "supervisor"], status)


def portal(status: int = 200, **overrides: int) -> dict[str, int]:
    """A page for people with a workplace: anonymous to login, no workplace gets 403."""
    return {
        "anonymous": 302,
        "no_workplace": 403,
        **dict.fromkeys(["official", "unit_head", "leader", "supervisor"], status),
        **overrides,
    }


def logged_in(status: int = 200) -> dict[str, int]:
    """A page for anyone logged in, with or without a workplace."""
    return {**everyone(status), "anonymous": 302}


ROWS = [
    Row("home", portal()),
    Row("login", {**everyone(302), "anonymous": 200}),
    Row("logout", everyone(302), method="post"),
    Row("password_change", logged_in()),
    Row("password_change_done", logged_in()),
    Row("healthz", everyone(200)),
    # Only leaders and administrators owe a second factor; the others are sent on (302).
    Row("two_factor_verify", logged_in()),
    Row("two_factor_setup", everyone(302)),
    # The user guide: anyone logged in reads every role's guide and its screenshots.
    Row("help:index", logged_in()),
    Row("help:guide", logged_in(), args=lambda w: ["canbo"]),
    Row("help:image", logged_in(), args=lambda w: ["canbo-trang-chu.png"]),
    Row("units:unit_list", portal()),
    Row("units:unit_detail", portal(), args=lambda w: [w.department.pk], variant="own commune"),
    Row("units:notification_list", portal()),
    Row("units:notification_read", portal(302), method="post"),
    Row(
        "units:unit_detail",
        portal(404, supervisor=200),
        args=lambda w: [w.foreign_department.pk],
        variant="another commune",
    ),
    Row("units:notification_settings", portal()),
    Row(
        "units:notification_settings",
        portal(302),
        method="post",
        data={"todo": "digest", "result": "now", "activity": "app", "reminder": "now"},
        variant="save",
    ),
]


def only(status_for_role: dict[str, int], default: int = 403) -> dict[str, int]:
    """A portal page refused (403) to every role but those named."""
    return portal(default, **status_for_role)


def plan(status):
    return lambda w: [w.plans[status].pk]


def plan_part(status, kind):
    def args(w):
        p = w.plans[status]
        part = p.sections.first() if kind == "section" else p.tasks.first()
        return [p.pk, part.pk]

    return args


def plan_kind_part(status, kind, *extra):
    def args(w):
        p = w.plans[status]
        part = p.sections.first() if kind == "section" else p.tasks.first()
        return [p.pk, kind, part.pk, *extra]

    return args


def plan_basis(status):
    def args(w):
        p = w.plans[status]
        basis = p.bases.first() or p.bases.create(text="Căn cứ Luật Thực hiện dân chủ ở cơ sở")
        return [p.pk, basis.pk]

    return args


# Unit heads and supervisors see only published plans: a draft is 404 for them, not 403.
AUTHOR_ONLY = only({"official": 200, "unit_head": 404, "supervisor": 404})
AUTHOR_POST = only({"official": 302, "unit_head": 404, "supervisor": 404})
LEADER_POST = only({"leader": 302, "unit_head": 404, "supervisor": 404})
UNPUBLISHED = portal(unit_head=404, supervisor=404)


def foreign_issued_plan(w):
    """Create an issued plan of the other commune: the supervisor reads it, its own people do not see it."""
    from tests.factories import IssuedPlanFactory

    return [IssuedPlanFactory(issuing_unit=w.other_commune, created_by=w.users["official"]).pk]


ROWS += [
    Row("plans:plan_list", portal()),
    Row("plans:plan_create", only({"official": 200})),
    Row("plans:plan_detail", UNPUBLISHED, args=plan("draft"), variant="draft"),
    Row("plans:plan_detail", portal(), args=plan("issued"), variant="issued"),
    Row("plans:plan_detail", portal(404, supervisor=200), args=foreign_issued_plan, variant="another commune"),
    Row("plans:plan_preview", UNPUBLISHED, args=plan("draft")),
    # Downloads follow the plan page: a draft is hidden from unit heads and supervisors, another commune's issued plan
    # from all but supervisors.
    Row("plans:plan_pdf", UNPUBLISHED, args=plan("draft"), variant="draft"),
    Row("plans:plan_pdf", portal(), args=plan("issued"), variant="issued"),
    Row("plans:plan_pdf", portal(404, supervisor=200), args=foreign_issued_plan, variant="another commune"),
    Row("plans:plan_docx", UNPUBLISHED, args=plan("draft"), variant="draft"),
    Row("plans:plan_docx", portal(), args=plan("issued"), variant="issued"),
    Row("plans:plan_docx", portal(404, supervisor=200), args=foreign_issued_plan, variant="another commune"),
    Row("plans:plan_edit", AUTHOR_ONLY, args=plan("draft"), variant="draft"),
    Row("plans:plan_edit", only({}), args=plan("issued"), variant="issued"),
    Row("plans:plan_copy", only({"official": 200}), args=plan("issued")),
    Row("plans:basis_add", AUTHOR_ONLY, args=plan("draft")),
    Row("plans:section_add", AUTHOR_ONLY, args=plan("draft")),
    Row("plans:section_edit", AUTHOR_ONLY, args=plan_part("draft", "section")),
    Row("plans:task_add", AUTHOR_ONLY, args=plan("draft")),
    Row("plans:task_edit", AUTHOR_ONLY, args=plan_part("draft", "task")),
    Row("plans:part_delete", AUTHOR_POST, args=plan_kind_part("draft", "task"), method="post"),
    Row("plans:part_move", AUTHOR_POST, args=plan_kind_part("draft", "section", "down"), method="post"),
    Row("plans:plan_submit", AUTHOR_POST, args=plan("draft"), method="post"),
    Row("plans:plan_approve", LEADER_POST, args=plan("submitted"), method="post"),
    Row("plans:plan_return", LEADER_POST, args=plan("submitted"), method="post", data={"comment": "Sửa lại mục II."}),
    Row("plans:plan_issue", LEADER_POST, args=plan("approved"), method="post"),
    Row("plans:plan_complete", only({"leader": 302}), args=plan("issued"), method="post"),
    # A move already made: the leader is told nothing changed (302); everyone else is still refused (403).
    Row("plans:plan_issue", only({"leader": 302}), args=plan("issued"), method="post", variant="already issued"),
    Row("plans:plan_approve", LEADER_POST, args=plan("approved"), method="post", variant="already approved"),
    Row("plans:reference_search", portal()),
    Row(
        "plans:reference_create",
        only({"official": 200}),
        method="post",
        data={
            "doc_type": "chi_thi",
            "number_symbol": "33/CT-TTg",
            "issued_on": "26/11/2021",
            "issuer": "Thủ tướng Chính phủ",
        },
    ),
    Row("plans:basis_edit", AUTHOR_ONLY, args=plan_basis("draft")),
    # Another commune's draft stays inside that commune: 404 even for the supervisor.
    Row("plans:plan_detail", portal(404), args=plan("foreign"), variant="another commune's draft"),
]


# --- models_registry: the scenario of tests/models_registry/scenario.py, built on first use.
# The unit head works in the unit that owns one registration per state.


def registration(key):
    def args(w):
        from tests.models_registry.scenario import registry

        return [registry(w).registrations[key].pk]

    return args


def dvk_campaign(attribute="campaign"):
    def args(w):
        from tests.models_registry.scenario import registry

        return [getattr(registry(w), attribute).pk]

    return args


def dvk_evidence(w):
    from tests.models_registry.scenario import registry

    return [registry(w).evidence.pk]


DVK_OFFICIAL_POST = only({"official": 302})
DVK_HEAD_POST = only({"unit_head": 302})
# A draft registration stays with its commune: 404 for the supervisor.
DVK_HEAD_DRAFT_POST = only({"unit_head": 302, "supervisor": 404})


def foreign_submitted_registration(w):
    """Create a submitted registration in the other commune's campaign: the supervisor reads it."""
    from tests.factories import DepartmentFactory, RegistrationFactory
    from tests.models_registry.scenario import registry

    # The foreign department already holds the scenario's draft: another unit of that commune registers.
    unit = DepartmentFactory(parent=w.other_commune, name="Phòng Văn hóa - Xã hội")
    registration = RegistrationFactory(
        campaign=registry(w).foreign_campaign, unit=unit, created_by=w.users["official"], status="submitted"
    )
    return [registration.pk]


ROWS += [
    Row("models_registry:campaign_list", portal()),
    Row("models_registry:campaign_create", only({"official": 200})),
    Row("models_registry:campaign_detail", portal(), args=dvk_campaign(), variant="own commune"),
    Row(
        "models_registry:campaign_detail",
        portal(404, supervisor=200),
        args=dvk_campaign("foreign_campaign"),
        variant="another commune",
    ),
    Row("models_registry:campaign_edit", only({"official": 200}), args=dvk_campaign()),
    Row("models_registry:campaign_remind", DVK_OFFICIAL_POST, args=dvk_campaign(), method="post"),
    Row("models_registry:campaign_reopen", DVK_OFFICIAL_POST, args=dvk_campaign(), method="post"),
    Row("models_registry:campaign_close", DVK_OFFICIAL_POST, args=dvk_campaign(), method="post"),
    Row("models_registry:registration_create", only({"unit_head": 200}), args=dvk_campaign()),
    Row("models_registry:registration_list", portal()),
    Row("models_registry:gallery", portal()),
    Row("models_registry:registration_detail", portal(supervisor=404), args=registration("draft"), variant="own unit"),
    Row(
        "models_registry:registration_detail",
        portal(unit_head=404),
        args=registration("other_unit"),
        variant="another unit",
    ),
    Row(
        "models_registry:registration_detail",
        portal(404, supervisor=200),
        args=foreign_submitted_registration,
        variant="another commune",
    ),
    Row(
        "models_registry:registration_edit",
        only({"unit_head": 200, "supervisor": 404}),
        args=registration("draft"),
        variant="draft",
    ),
    Row("models_registry:registration_edit", only({}), args=registration("submitted"), variant="submitted"),
    Row(
        "models_registry:registration_edit",
        only({"unit_head": 404}),
        args=registration("other_unit"),
        variant="another unit",
    ),
    Row("models_registry:registration_pdf", portal(supervisor=404), args=registration("draft")),
    Row("models_registry:registration_submit", DVK_HEAD_DRAFT_POST, args=registration("draft"), method="post"),
    Row("models_registry:registration_accept", DVK_OFFICIAL_POST, args=registration("submitted"), method="post"),
    Row(
        "models_registry:registration_return",
        DVK_OFFICIAL_POST,
        args=registration("submitted"),
        method="post",
        data={"comment": "Bổ sung chỉ tiêu đo được."},
    ),
    Row("models_registry:registration_start", DVK_HEAD_POST, args=registration("accepted"), method="post"),
    Row("models_registry:registration_report", only({"unit_head": 200}), args=registration("implementing")),
    Row("models_registry:registration_evaluate", only({"official": 200}), args=registration("self_assessed")),
    Row("models_registry:registration_recognize", only({"leader": 200}), args=registration("evaluated")),
    Row(
        "models_registry:registration_not_recognize",
        only({"leader": 302}),
        args=registration("evaluated"),
        method="post",
        data={"comment": "Chưa lan tỏa."},
    ),
    Row(
        "models_registry:registration_drop",
        only({"official": 302, "unit_head": 302, "supervisor": 404}),
        args=registration("draft"),
        method="post",
        data={"comment": "Không còn phù hợp."},
    ),
    Row(
        "models_registry:registration_replicate",
        only({"official": 200, "leader": 200}),
        args=registration("recognized"),
    ),
    Row("models_registry:evidence_add", DVK_HEAD_DRAFT_POST, args=registration("draft"), method="post"),
    Row("models_registry:evidence_download", portal(supervisor=404), args=dvk_evidence),
    Row("models_registry:evidence_delete", DVK_HEAD_DRAFT_POST, args=dvk_evidence, method="post"),
    Row(
        "models_registry:registration_detail",
        portal(404),
        args=registration("foreign"),
        variant="another commune's draft",
    ),
]


def import_record(w):
    from plans.models import ImportRecord

    record, _ = ImportRecord.objects.get_or_create(
        issuing_unit=w.commune,
        sha256="0" * 64,
        defaults={
            "filename": "ke-hoach.txt",
            "source_text": "KẾ HOẠCH",
            "plan": w.plans["draft"],
            "imported_by": w.users["official"],
        },
    )
    return [record.pk]


ROWS += [
    Row("plans:plan_import", only({"official": 200})),
    Row("plans:import_review", only({"official": 200}), args=import_record),
    Row("plans:import_confirm", only({"official": 302}), args=import_record, method="post"),
]

# Named URLs that are not portal pages, with the test that covers them instead.
EXEMPT_PREFIXES = {
    "admin:": "Django admin: staff only, tested in tests/units/test_admin.py",
}


# --- task tracking (/tasks/): the issued plan's task is led by the unit head's unit;
# "another unit" is a task of the same plan led by the official's department, "another
# commune" a task of a plan issued by the other commune. Drafts are never tracked (404).


def tracked_task(kind="own"):
    def args(w):
        return [_task(w, kind).pk]

    return args


def _task(w, kind):
    import datetime

    from tests.factories import PlanFactory, TaskFactory

    if kind == "own":
        return w.plans["issued"].tasks.first()
    if kind == "draft":
        return w.plans["draft"].tasks.first()
    if kind == "another unit":
        plan, unit = w.plans["issued"], w.department
    else:
        plan = PlanFactory(
            issuing_unit=w.other_commune,
            created_by=w.users["official"],
            status="issued",
            number=1,
            year=2025,
            issued_on=datetime.date(2025, 9, 12),
        )
        unit = w.foreign_department
    return TaskFactory(plan=plan, lead_units=[unit], content=f"Nhiệm vụ ({kind})")


def task_evidence(kind="own"):
    def args(w):
        from django.core.files.base import ContentFile

        from plans.models import EvidenceFile, ProgressUpdate

        task = _task(w, kind)
        update = ProgressUpdate.objects.create(
            task=task, reported_on=task.plan.issued_on, percent=10, previous_percent=0, author=w.users["unit_head"]
        )
        evidence = EvidenceFile(update=update, original_name="Biên bản.pdf", content_type="application/pdf", size=9)
        evidence.file.save("minh-chung.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        evidence.save()
        return [evidence.pk]

    return args


def task_sheet(w):
    from plans.models import TaskSheetImport

    task = w.plans["issued"].tasks.first()
    row = {"row": 5, "action": "change", "task_id": task.pk, "content": task.content, "previous": 0, "percent": 40}
    sheet, _ = TaskSheetImport.objects.get_or_create(
        uploaded_by=w.users["unit_head"],
        sha256="1" * 64,
        defaults={
            "unit": w.users["unit_head"].unit,
            "filename": "tien-do.xlsx",
            "rows": [{**row, "text": "Đã họp triển khai.", "reported_on": "2025-10-15"}],
        },
    )
    return [sheet.pk]


TASK_READERS = only({"official": 200, "leader": 200, "supervisor": 200})
UNIT_STAFF = only({"official": 200, "unit_head": 200, "leader": 200})

ROWS += [
    Row("tasks:task_list", TASK_READERS),
    Row("tasks:task_export", TASK_READERS),
    Row("tasks:unit_tasks", UNIT_STAFF),
    Row("tasks:unit_task_export", UNIT_STAFF),
    Row("tasks:task_calendar", portal()),
    Row("tasks:task_detail", portal(), args=tracked_task(), variant="own unit"),
    # Another unit's task is hidden from a unit head like another unit's registration (bad-inputs row 48).
    Row("tasks:task_detail", portal(unit_head=404), args=tracked_task("another unit"), variant="another unit"),
    Row(
        "tasks:task_detail",
        portal(404, supervisor=200),
        args=tracked_task("another commune"),
        variant="another commune",
    ),
    Row("tasks:task_detail", portal(404), args=tracked_task("draft"), variant="draft plan"),
    Row(
        "tasks:task_progress",
        only({"unit_head": 302}),
        args=tracked_task(),
        method="post",
        data={"reported_on": "15/10/2025", "percent": "50", "text": "Đã tổ chức hội nghị triển khai."},
        variant="own unit",
    ),
    Row(
        "tasks:task_progress",
        only({"unit_head": 404}),
        args=tracked_task("another unit"),
        method="post",
        data={"reported_on": "15/10/2025", "percent": "50", "text": "Báo cáo nhầm đơn vị."},
        variant="another unit",
    ),
    Row(
        "tasks:task_comment",
        only({"official": 302, "unit_head": 302, "leader": 302}),
        args=tracked_task(),
        method="post",
        data={"text": "Đề nghị bổ sung ảnh hội nghị."},
    ),
    Row(
        "tasks:task_cancel",
        only({"official": 302, "leader": 302}),
        args=tracked_task(),
        method="post",
        data={"reason": "Nội dung đã lồng ghép vào kế hoạch khác."},
    ),
    Row("tasks:evidence_download", portal(), args=task_evidence(), variant="own unit"),
    Row("tasks:evidence_download", portal(unit_head=403), args=task_evidence("another unit"), variant="another unit"),
    Row(
        "tasks:evidence_download",
        portal(404, supervisor=200),
        args=task_evidence("another commune"),
        variant="another commune",
    ),
    Row("tasks:sheet_import", only({"unit_head": 200})),
    Row("tasks:sheet_preview", only({"unit_head": 200}), args=task_sheet),
    Row("tasks:sheet_apply", only({"unit_head": 302}), args=task_sheet, method="post"),
]


# --- reports: dashboards, roll-up and periodic reports ------------------------------------------


def periodic_report(status: str = "draft", commune: str = "own"):
    """Create a report of our commune (or of another one) in `status`; return its id as URL args."""

    def args(w):
        import datetime

        from reports.models import PeriodicReport

        issued = status == "issued"
        report = PeriodicReport.objects.create(
            unit=w.commune if commune == "own" else w.other_commune,
            period_kind="second_half",
            year=2025,
            title="Kết quả thực hiện công tác dân vận 6 tháng cuối năm 2025",
            results="Đã hoàn thành các nhiệm vụ.",
            status=status,
            number=1 if issued else None,
            number_year=2025 if issued else None,
            issued_on=datetime.date(2025, 12, 10) if issued else None,
            created_by=w.users["official"],
        )
        return [report.pk]

    return args


REPORT_READERS = only({"official": 200, "leader": 200, "supervisor": 200})
# A report not yet issued stays inside its commune: 404 for the supervisor.
COMMUNE_READERS = only({"official": 200, "leader": 200, "supervisor": 404})

ROWS += [
    Row("reports:dashboard", only({"official": 200, "leader": 200, "supervisor": 302})),
    Row("reports:rollup", only({"supervisor": 200})),
    Row("reports:commune_dashboard", only({"supervisor": 200}), args=lambda w: [w.commune.pk], variant="own commune"),
    Row(
        "reports:commune_dashboard",
        portal(404, supervisor=200),
        args=lambda w: [w.other_commune.pk],
        variant="another commune",
    ),
    Row("reports:commune_dashboard", portal(404), args=lambda w: [w.department.pk], variant="not a commune"),
    Row("reports:report_list", REPORT_READERS),
    Row("reports:report_create", only({"official": 200})),
    Row("reports:report_detail", COMMUNE_READERS, args=periodic_report(), variant="own commune"),
    Row(
        "reports:report_detail",
        portal(404, supervisor=200),
        args=periodic_report("issued", commune="other"),
        variant="another commune",
    ),
    Row("reports:report_edit", only({"official": 200, "supervisor": 404}), args=periodic_report()),
    Row("reports:report_regenerate", only({"official": 302, "supervisor": 404}), args=periodic_report(), method="post"),
    Row("reports:report_submit", only({"official": 302, "supervisor": 404}), args=periodic_report(), method="post"),
    Row(
        "reports:report_approve",
        only({"leader": 302, "supervisor": 404}),
        args=periodic_report("submitted"),
        method="post",
    ),
    Row(
        "reports:report_return",
        only({"leader": 302, "supervisor": 404}),
        args=periodic_report("submitted"),
        method="post",
        data={"comment": "Bổ sung số liệu."},
    ),
    Row(
        "reports:report_issue",
        only({"leader": 302, "supervisor": 404}),
        args=periodic_report("approved"),
        method="post",
    ),
    Row(
        "reports:report_issue",
        only({"leader": 302}),
        args=periodic_report("issued"),
        method="post",
        variant="already issued",
    ),
    Row("reports:report_pdf", REPORT_READERS, args=periodic_report("issued")),
    Row("reports:report_xlsx", COMMUNE_READERS, args=periodic_report()),
    Row(
        "reports:report_xlsx",
        portal(404, supervisor=200),
        args=periodic_report("issued", commune="other"),
        variant="another",
    ),
    Row("reports:report_detail", portal(404), args=periodic_report(commune="other"), variant="another commune's draft"),
    Row("reports:rollup_xlsx", only({"supervisor": 200})),
]


def report_cycle(commune: str = "own"):
    """Create a report cycle of our commune (or another one); return its id."""

    def args(w):
        import datetime

        from reports.models import ReportCycle

        cycle = ReportCycle.objects.create(
            government=w.commune if commune == "own" else w.other_commune,
            period_kind="second_half",
            year=2025,
            deadline=datetime.date(2025, 12, 15),
            opened_by=w.users["official"],
        )
        return [cycle.pk]

    return args


def unit_part(unit: str = "own", status: str = "pending"):
    """Create a cycle with the part of the unit head's unit (or of another unit); return the part's id."""

    def args(w):
        from reports.models import ReportCycle, UnitPart

        cycle = ReportCycle.objects.get(pk=report_cycle()(w)[0])
        part = UnitPart.objects.create(
            cycle=cycle, unit=w.other_department if unit == "own" else w.department, status=status, narrative="Đã làm."
        )
        return [part.pk]

    return args


ROWS += [
    Row("reports:cycle_list", only({"official": 200, "leader": 200, "unit_head": 200})),
    Row("reports:cycle_create", only({"official": 200})),
    Row("reports:cycle_detail", only({"official": 200, "leader": 200}), args=report_cycle(), variant="own commune"),
    Row("reports:cycle_detail", portal(404, supervisor=403), args=report_cycle("other"), variant="another commune"),
    Row("reports:cycle_remind", only({"official": 302}), args=report_cycle(), method="post"),
    Row("reports:part_edit", only({"official": 200, "leader": 200, "unit_head": 200}), args=unit_part(), variant="own"),
    Row("reports:part_edit", only({"official": 200, "leader": 200}), args=unit_part("other"), variant="another unit"),
    Row(
        "reports:part_return",
        only({"official": 302}),
        args=unit_part(status="submitted"),
        method="post",
        data={"comment": "Bổ sung số liệu."},
    ),
]
