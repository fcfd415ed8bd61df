"""Rows of the public pages: open to everyone, role or none; what is not issued and published is 404 to all.

The leader's publish switches are the one exception: a POST by the government's leaders only.
"""

from tests.permission_matrix.base import Row, everyone, only

ROWS: list[Row] = []


def issued_plan(*, published: bool = True):
    """Return URL args (our commune, an issued plan of it with a stored copy)."""

    def args(w):
        from tests.public.public_helpers import issued_plan as make

        return [w.commune.pk, make(w, published=published).pk]

    return args


def plan_in(status: str):
    """Return URL args (our commune, its plan in `status` from the `plans` fixture)."""
    return lambda w: [w.commune.pk, w.plans[status].pk]


def report(*, published: bool = True, status: str = "issued"):
    def args(w):
        from tests.public.public_helpers import issued_report

        return [w.commune.pk, issued_report(w, published=published, status=status).pk]

    return args


def publish_args(kind: str):
    def args(w):
        from tests.public.public_helpers import issued_plan as make_plan
        from tests.public.public_helpers import issued_report

        return [make_plan(w).pk if kind == "plan" else issued_report(w).pk]

    return args


ROWS += [
    Row("public:index", everyone(200)),
    Row("public:government", everyone(200), args=lambda w: [w.commune.pk], variant="a commune"),
    Row("public:government", everyone(200), args=lambda w: [w.city.pk], variant="the city"),
    Row("public:government", everyone(404), args=lambda w: [w.department.pk], variant="a department"),
    Row("public:feed", everyone(200), args=lambda w: [w.commune.pk]),
    Row("public:feed", everyone(404), args=lambda w: [w.department.pk], variant="a department"),
    Row("public:plan", everyone(200), args=issued_plan(), variant="issued"),
    Row("public:plan", everyone(200), args=plan_in("completed"), variant="completed"),
    Row("public:plan", everyone(404), args=issued_plan(published=False), variant="unpublished"),
    Row("public:plan", everyone(404), args=plan_in("draft"), variant="draft"),
    Row("public:plan", everyone(404), args=plan_in("submitted"), variant="submitted"),
    Row("public:plan", everyone(404), args=plan_in("returned"), variant="returned"),
    Row("public:plan", everyone(404), args=plan_in("approved"), variant="approved"),
    Row(
        "public:plan",
        everyone(404),
        args=lambda w: [w.other_commune.pk, issued_plan()(w)[1]],
        variant="under another commune",
    ),
    Row("public:plan_pdf", everyone(200), args=issued_plan(), variant="issued"),
    Row("public:plan_pdf", everyone(404), args=issued_plan(published=False), variant="unpublished"),
    Row("public:plan_pdf", everyone(404), args=plan_in("approved"), variant="approved"),
    # An issued plan whose copy is not stored yet: never rendered for the public.
    Row("public:plan_pdf", everyone(404), args=plan_in("issued"), variant="copy not stored"),
    Row("public:report_pdf", everyone(200), args=report(), variant="issued"),
    Row("public:report_pdf", everyone(404), args=report(published=False), variant="unpublished"),
    Row("public:report_pdf", everyone(404), args=report(status="approved"), variant="approved"),
    Row("public:plan_publish", only({"leader": 302}), method="post", args=publish_args("plan")),
    # A unit head does not see periodic reports at all: 404, as on the report page itself.
    Row("public:report_publish", only({"leader": 302, "unit_head": 404}), method="post", args=publish_args("report")),
]
