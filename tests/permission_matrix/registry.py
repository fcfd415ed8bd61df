"""Rows of "Dân vận khéo" (models_registry) and of the plan import pages."""

from tests.permission_matrix.base import Row, everyone, logged_in, only, portal  # noqa: F401
from tests.permission_matrix.plans import plan  # noqa: F401

ROWS: list[Row] = []

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
