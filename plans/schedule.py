"""When a task falls due: deadlines, periods, the occurrences of recurring tasks, the report period.

Pure date arithmetic without the database, so the model (which keeps
`Task.next_due_on`), the services, the selectors and the reminder command all
agree. "Late" itself is never stored: it is asked with the day of the request,
by the one rule of plans.models.tasks (`late_condition`, `Task.is_overdue_on`).

* A deadline task is due on its deadline; a period task at the end of its period.
* A recurring task is due at the end of every calendar month, quarter,
  half-year or year of its period (its own dates, else the plan's period, else
  the plan's year), and at the period's end when that falls between two.
  Occurrence k is reported when a progress update is dated on or after the
  previous occurrence (the period start, for the first). The task is due at
  its first occurrence not yet reported, and late when that date has passed.
* A regular task ("thường xuyên") is never late; it is reported each report
  period (half-year), see `report_period`.
* A task "when directed" ("khi có chỉ đạo") has no date.
"""

import calendar
import datetime

from plans.choices import Recurrence, TimeframeKind

# Length in months of each recurrence; occurrences fall at the end of calendar periods of that length.
RECURRENCE_MONTHS = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.HALF_YEARLY: 6,
    Recurrence.YEARLY: 12,
}


def month_end(year: int, month: int) -> datetime.date:
    """Return the last day of `month` in `year`."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_end(day: datetime.date, months: int) -> datetime.date:
    """Return the last day of the calendar period of `months` months (1, 3, 6 or 12) that contains `day`."""
    last_month = ((day.month - 1) // months + 1) * months
    return month_end(day.year, last_month)


def occurrences(recurrence: str, start: datetime.date | None, end: datetime.date | None) -> list[datetime.date]:
    """Return the due dates of a task recurring with `recurrence` over [`start`, `end`], in order."""
    months = RECURRENCE_MONTHS.get(recurrence)
    if not months or not start or not end or end < start:
        return []
    dates = []
    day = period_end(start, months)
    while day <= end:
        dates.append(day)
        day = period_end(day + datetime.timedelta(days=1), months)
    if not dates or dates[-1] != end:
        dates.append(end)  # the period stops between two calendar ends: its last report is due at its end
    return dates


def occurrences_between(
    recurrence: str, start: datetime.date | None, end: datetime.date | None, first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    """Return `occurrences(recurrence, start, end)` that fall in [`first`, `last`], without listing the others.

    The occurrences are every calendar period end in [start, end], and `end` itself: a month
    of a calendar holds one or two of them, however long the task runs.
    """
    months = RECURRENCE_MONTHS.get(recurrence)
    if not months or not start or not end or end < start:
        return []
    dates, day = [], period_end(max(start, first), months)
    while day <= min(end, last):
        dates.append(day)
        day = period_end(day + datetime.timedelta(days=1), months)
    if first <= end <= last and end not in dates:
        dates.append(end)
    return dates


def first_unreported(
    dates: list[datetime.date], start: datetime.date | None, last_reported: datetime.date | None
) -> datetime.date | None:
    """Return the first occurrence in `dates` without a progress update on or after the previous occurrence."""
    previous = start
    for day in dates:
        if last_reported is None or (previous is not None and last_reported < previous):
            return day
        previous = day
    return None


def recurring_period(
    *,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    plan_start: datetime.date | None,
    plan_end: datetime.date | None,
    plan_year: int | None,
) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the period a recurring task runs over: its own dates, else the plan's period, else the plan's year."""
    start = start_date or plan_start
    end = end_date or plan_end
    if plan_year:
        start = start or datetime.date(plan_year, 1, 1)
        end = end or datetime.date(plan_year, 12, 31)
    return start, end


def next_due(
    *,
    timeframe_kind: str,
    recurrence: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    plan_start: datetime.date | None = None,
    plan_end: datetime.date | None = None,
    plan_year: int | None = None,
    last_reported: datetime.date | None = None,
) -> datetime.date | None:
    """Return the date the task (or its next periodic report) is due, or None when nothing is due by a date."""
    if timeframe_kind == TimeframeKind.DEADLINE:
        return due_date or end_date
    if timeframe_kind == TimeframeKind.PERIOD:
        return end_date or due_date
    if timeframe_kind == TimeframeKind.RECURRING:
        start, end = recurring_period(
            start_date=start_date, end_date=end_date, plan_start=plan_start, plan_end=plan_end, plan_year=plan_year
        )
        return first_unreported(occurrences(recurrence, start, end), start, last_reported)
    return None


def task_next_due(task, *, last_reported: datetime.date | None = None) -> datetime.date | None:
    """Return `next_due` for a Task; the plan is read only for a recurring task without its own dates."""
    fields = {
        "timeframe_kind": task.timeframe_kind,
        "recurrence": task.recurrence or "",
        "start_date": task.start_date,
        "end_date": task.end_date,
        "due_date": task.due_date,
        "last_reported": last_reported if last_reported is not None else task.last_reported_on,
    }
    if task.timeframe_kind == TimeframeKind.RECURRING and not (task.start_date and task.end_date):
        plan = task.plan
        fields.update(
            plan_start=plan.period_start,
            plan_end=plan.period_end,
            plan_year=plan.year or (plan.issued_on.year if plan.issued_on else None),
        )
    return next_due(**fields)


def report_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Return the half-year containing `today`: the period regular tasks are reported for."""
    if today.month <= 6:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30)
    return datetime.date(today.year, 7, 1), datetime.date(today.year, 12, 31)


def days_late(due: datetime.date | None, today: datetime.date) -> int:
    """Return how many days `due` lies before `today` (0 when it does not): a distance between two days.

    Whether a task is late is not this but the rule of plans.models.tasks (`Task.is_overdue_on`).
    """
    return max((today - due).days, 0) if due else 0
