"""Rows of the plans app: the plan pages, its parts, its moves, references and downloads."""

from tests.permission_matrix.base import Row, everyone, logged_in, only, portal  # noqa: F401

ROWS: list[Row] = []


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
