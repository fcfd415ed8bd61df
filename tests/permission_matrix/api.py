"""Rows of the REST API (/api/) and of the personal API token page (/units/tokens/).

The matrix calls with the browser's session: the API answers each role as the matching page
does, except that an anonymous caller gets 401 (no login page to go to). Tokens are tested
in tests/api/ (another commune's token 404, read-only token 403 on a write).
"""

import datetime

from tests.permission_matrix.base import Row, everyone, portal
from tests.permission_matrix.plans import plan
from tests.permission_matrix.registry import registration
from tests.permission_matrix.reports import periodic_report
from tests.permission_matrix.tasks import task_evidence, tracked_task

ROWS: list[Row] = []


def api(status: int = 200, **overrides: int) -> dict[str, int]:
    """An API endpoint for people with a workplace: anonymous 401, no workplace 403."""
    return {**portal(status, **overrides), "anonymous": 401}


def api_only(status_for_role: dict[str, int], default: int = 403) -> dict[str, int]:
    return api(default, **status_for_role)


def own_token(w):
    """A token of the official; its id as URL args."""
    from api.models import ApiToken
    from tests.api.api_helpers import token_for

    token_for(w.users["official"])
    return [ApiToken.objects.filter(user=w.users["official"]).latest("pk").pk]


PROGRESS = {"reported_on": "2025-10-15", "percent": "50", "text": "Đã tổ chức hội nghị triển khai."}

ROWS += [
    Row("api:schema", everyone(200)),
    Row("api:swagger", everyone(200)),
    Row("api:redoc", everyone(200)),
    Row("api:unit_list", api()),
    Row("api:unit_detail", api(), args=lambda w: [w.department.pk], variant="own commune"),
    Row(
        "api:unit_detail", api(404, supervisor=200), args=lambda w: [w.foreign_department.pk], variant="another commune"
    ),
    Row("api:plan_list", api()),
    Row("api:plan_detail", api(), args=plan("issued"), variant="issued"),
    # Drafts stay inside their commune: unit heads and supervisors get 404, as on the plan page.
    Row("api:plan_detail", api(unit_head=404, supervisor=404), args=plan("draft"), variant="draft"),
    Row("api:plan_detail", api(404), args=plan("foreign"), variant="another commune's draft"),
    Row("api:task_list", api()),
    Row("api:task_detail", api(), args=tracked_task(), variant="own unit"),
    Row("api:task_detail", api(unit_head=404), args=tracked_task("another unit"), variant="another unit"),
    Row("api:task_detail", api(404, supervisor=200), args=tracked_task("another commune"), variant="another commune"),
    Row("api:task_detail", api(404), args=tracked_task("draft"), variant="draft plan"),
    Row("api:task_progress", api_only({"unit_head": 201}), args=tracked_task(), method="post", data=PROGRESS),
    Row(
        "api:task_progress",
        api_only({"unit_head": 404}),
        args=tracked_task("another unit"),
        method="post",
        data=PROGRESS,
        variant="another unit",
    ),
    Row(
        "api:task_progress",
        api(404, supervisor=403),  # the supervisor reads the task but reports on nothing
        args=tracked_task("another commune"),
        method="post",
        data=PROGRESS,
        variant="another commune",
    ),
    Row("api:evidence_download", api(), args=task_evidence(), variant="own unit"),
    Row("api:evidence_download", api(unit_head=403), args=task_evidence("another unit"), variant="another unit"),
    Row(
        "api:evidence_download",
        api(404, supervisor=200),
        args=task_evidence("another commune"),
        variant="another commune",
    ),
    # Uploading a signed issued copy: leaders and officials of the issuing government (as the signed-copy page);
    # without a file the form answers 400 before any verification.
    Row("api:plan_signed_copy", api(404, official=400, leader=400), args=plan("issued"), method="post"),
    Row("api:report_signed_copy", api(404, official=400, leader=400), args=periodic_report("issued"), method="post"),
    Row("api:registration_list", api()),
    Row("api:registration_detail", api(supervisor=404), args=registration("draft"), variant="own unit"),
    Row("api:registration_detail", api(unit_head=404), args=registration("other_unit"), variant="another unit"),
    Row("api:report_list", api_only({"official": 200, "leader": 200, "supervisor": 200})),
    Row(
        "api:report_detail",
        api_only({"official": 200, "leader": 200, "supervisor": 404}),
        args=periodic_report(),
        variant="own commune's draft",
    ),
    Row(
        "api:report_detail",
        # A unit head reads no periodic report at all: 403 before any lookup (the page answers 404 here).
        api(404, supervisor=200, unit_head=403),
        args=periodic_report("issued", commune="other"),
        variant="another commune",
    ),
    # The token page: anyone with a workplace holds their own tokens; another person's token is 404.
    Row("api_tokens:token_list", portal()),
    Row(
        "api_tokens:token_list",
        portal(200),
        method="post",
        data={
            "name": "Đồng bộ iOffice",
            "expires_on": f"{datetime.date.today() + datetime.timedelta(days=30):%d/%m/%Y}",
        },
        variant="create",
    ),
    Row("api_tokens:token_revoke", portal(404, official=302), args=own_token, method="post"),
]
