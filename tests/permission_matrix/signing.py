"""Rows of the signing app: uploading the signed PDF of an issued plan or report."""

from tests.permission_matrix.base import Row, portal
from tests.permission_matrix.plans import plan
from tests.permission_matrix.reports import periodic_report


def signed_copy(kind, args):
    return lambda w: [kind, *args(w)]


# Leaders and officials of the issuing government only; everyone else, and documents not issued, 404.
UPLOADERS = portal(404, official=200, leader=200)

ROWS: list[Row] = [
    Row("signing:signed_copy", UPLOADERS, args=signed_copy("plan", plan("issued")), variant="issued plan"),
    Row("signing:signed_copy", portal(404), args=signed_copy("plan", plan("approved")), variant="plan not issued"),
    Row(
        "signing:signed_copy",
        portal(404),
        args=lambda w: ["plan", w.plans["foreign"].pk],
        variant="another commune's plan",
    ),
    Row("signing:signed_copy", UPLOADERS, args=signed_copy("report", periodic_report("issued")), variant="report"),
    Row(
        "signing:signed_copy",
        portal(404),
        args=signed_copy("report", periodic_report("issued", commune="other")),
        variant="another commune's report",
    ),
    Row("signing:signed_copy", UPLOADERS, args=signed_copy("plan", plan("issued")), method="post", variant="no file"),
]
