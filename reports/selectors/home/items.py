"""What a home page lists: a few things waiting for the person, each one click from the act."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window

# How many items each card of a home page shows; its count and its "Xem tất cả" link cover the rest.
HOME_LIST_LIMIT = 5
# How far ahead "due soon" looks on a home page.
DUE_SOON_DAYS = 7


@dataclass
class WorkItem:
    """One thing waiting: what it is, where to act on it, and what makes it urgent."""

    title: str
    url: str
    # Short facts shown under the title: the unit, the campaign, "hạn 30/06/2026".
    meta: list[str] = field(default_factory=list)
    # The comment that came with it (a leader's reason for returning a plan), shown in full.
    note: str = ""
    # True when its deadline has passed: shown in red, listed first.
    late: bool = False
    # A figure that stands for the item (e.g. 4 late tasks of a unit), shown as a badge.
    figure: int | None = None


@dataclass
class WorkList:
    """One card of a home page: a kind of work waiting, how much of it, and its first items."""

    key: str
    title: str
    # The verb of the act ("Sửa lại", "Duyệt"), shown on each item's link for screen readers and at a glance.
    action: str
    count: int
    items: list[WorkItem]
    # The full list the card abbreviates (a filtered list page), when there is one.
    more_url: str = ""

    @property
    def has_more(self) -> bool:
        return bool(self.more_url) and self.count > len(self.items)


def first_rows(queryset: QuerySet, limit: int = HOME_LIST_LIMIT) -> tuple[list, int]:
    """Return the first `limit` rows of an ordered `queryset` and how many rows it has, in one query.

    The total rides on every row as a window count (computed before the LIMIT), so a card
    costs one query whether its list is empty, short or long.
    """
    rows = list(queryset.annotate(home_total=Window(Count("pk")))[:limit])
    return rows, (rows[0].home_total if rows else 0)


def day(value: datetime.date | None) -> str:
    """Return a date as dd/mm/yyyy, or "" when there is none."""
    return value.strftime("%d/%m/%Y") if value else ""
