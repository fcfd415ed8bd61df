"""The home pages: what waits for each person ("Việc chờ tôi"), one card per kind of work.

- `items`: the shapes of a card (WorkList) and its items (WorkItem), and the one-query page of rows;
- `commune`: the cards of a commune's official, unit head and leader;
- `oversight`: the cards of a supervisor (communes needing a look) and of the administrator;
- `workplace`: the person's workplace and the units and people in their scope.

`work_for(user)` picks the cards of the person's role, in the order the page shows them;
each role's page reads a fixed number of queries, whatever the amount of data.
"""

import datetime

from django.utils import timezone

from reports.selectors.home import commune as commune_work
from reports.selectors.home import oversight
from reports.selectors.home.items import DUE_SOON_DAYS, HOME_LIST_LIMIT, WorkItem, WorkList
from reports.selectors.home.workplace import commune_rollup, home_summary
from units.choices import Role


def work_for(*, user, today: datetime.date | None = None) -> list[WorkList]:
    """Return the cards of `user`'s home page, the most pressing first."""
    today = today or timezone.localdate()
    if user.role == Role.OFFICIAL:
        return [
            commune_work.returned_plans(user=user),
            commune_work.parts_to_send(user=user, today=today),
            commune_work.returned_registrations(user=user),
            commune_work.registrations_to_review(user=user),
            commune_work.draft_plans(user=user),
        ]
    if user.role == Role.UNIT_HEAD:
        return [
            commune_work.late_tasks(user=user, today=today),
            commune_work.due_soon_tasks(user=user, today=today),
            commune_work.periodic_reports_due(user=user, today=today),
            commune_work.registrations_to_send(user=user, today=today),
            commune_work.parts_to_send(user=user, today=today),
        ]
    if user.role == Role.LEADER:
        return [
            commune_work.documents_to_approve(user=user),
            commune_work.documents_to_issue(user=user),
            commune_work.registrations_to_recognize(user=user),
            commune_work.late_parts(user=user, today=today),
            commune_work.late_tasks_by_unit(user=user, today=today),
        ]
    if user.role == Role.SUPERVISOR:
        return list(oversight.commune_alerts(user=user, today=today).values())
    return []


def admin_work() -> list[WorkList]:
    """Return the cards of the administrator's landing page."""
    return [oversight.people_without_workplace(), oversight.locked_accounts(), oversight.failed_logins()]


__all__ = [
    "DUE_SOON_DAYS",
    "HOME_LIST_LIMIT",
    "WorkItem",
    "WorkList",
    "admin_work",
    "commune_rollup",
    "home_summary",
    "work_for",
]
