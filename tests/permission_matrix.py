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


# A unit head sees only published plans: a draft is 404 for them, not 403.
AUTHOR_ONLY = only({"official": 200, "unit_head": 404})
AUTHOR_POST = only({"official": 302, "unit_head": 404})
LEADER_POST = only({"leader": 302, "unit_head": 404})

ROWS += [
    Row("plans:plan_list", portal()),
    Row("plans:plan_create", only({"official": 200})),
    Row("plans:plan_detail", portal(unit_head=404), args=plan("draft"), variant="draft"),
    Row("plans:plan_detail", portal(), args=plan("issued"), variant="issued"),
    Row("plans:plan_detail", portal(404, supervisor=200), args=plan("foreign"), variant="another commune"),
    Row("plans:plan_preview", portal(unit_head=404), args=plan("draft")),
    # Downloads follow the plan page: a draft is hidden from unit heads, another commune's plan from all but supervisors.
    Row("plans:plan_pdf", portal(unit_head=404), args=plan("draft"), variant="draft"),
    Row("plans:plan_pdf", portal(), args=plan("issued"), variant="issued"),
    Row("plans:plan_pdf", portal(404, supervisor=200), args=plan("foreign"), variant="another commune"),
    Row("plans:plan_docx", portal(unit_head=404), args=plan("draft"), variant="draft"),
    Row("plans:plan_docx", portal(), args=plan("issued"), variant="issued"),
    Row("plans:plan_docx", portal(404, supervisor=200), args=plan("foreign"), variant="another commune"),
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
    Row("models_registry:registration_detail", portal(), args=registration("draft"), variant="own unit"),
    Row(
        "models_registry:registration_detail",
        portal(unit_head=404),
        args=registration("other_unit"),
        variant="another unit",
    ),
    Row(
        "models_registry:registration_detail",
        portal(404, supervisor=200),
        args=registration("foreign"),
        variant="another commune",
    ),
    Row("models_registry:registration_edit", only({"unit_head": 200}), args=registration("draft"), variant="draft"),
    Row("models_registry:registration_edit", only({}), args=registration("submitted"), variant="submitted"),
    Row(
        "models_registry:registration_edit",
        only({"unit_head": 404}),
        args=registration("other_unit"),
        variant="another unit",
    ),
    Row("models_registry:registration_pdf", portal(), args=registration("draft")),
    Row("models_registry:registration_submit", DVK_HEAD_POST, args=registration("draft"), method="post"),
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
        only({"official": 302, "unit_head": 302}),
        args=registration("draft"),
        method="post",
        data={"comment": "Không còn phù hợp."},
    ),
    Row(
        "models_registry:registration_replicate",
        only({"official": 200, "leader": 200}),
        args=registration("recognized"),
    ),
    Row("models_registry:evidence_add", DVK_HEAD_POST, args=registration("draft"), method="post"),
    Row("models_registry:evidence_download", portal(), args=dvk_evidence),
    Row("models_registry:evidence_delete", DVK_HEAD_POST, args=dvk_evidence, method="post"),
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
