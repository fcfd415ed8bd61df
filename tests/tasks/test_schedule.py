"""When tasks fall due: deadlines, periods, recurring occurrences from the plan's period, regular tasks."""

import datetime

import pytest

from plans.choices import Recurrence, TaskStatus, TimeframeKind
from plans.models import Task
from plans.schedule import first_unreported, next_due, occurrences, occurrences_between, period_end, report_period
from tests.factories import IssuedPlanFactory, TaskFactory

D = datetime.date


@pytest.mark.parametrize(
    ("recurrence", "start", "end", "expected"),
    [
        (Recurrence.MONTHLY, D(2025, 7, 1), D(2025, 9, 30), [D(2025, 7, 31), D(2025, 8, 31), D(2025, 9, 30)]),
        (Recurrence.QUARTERLY, D(2025, 7, 1), D(2025, 12, 31), [D(2025, 9, 30), D(2025, 12, 31)]),
        (
            Recurrence.HALF_YEARLY,
            D(2025, 1, 1),
            D(2026, 12, 31),
            [D(2025, 6, 30), D(2025, 12, 31), D(2026, 6, 30), D(2026, 12, 31)],
        ),
        (Recurrence.YEARLY, D(2025, 1, 1), D(2030, 12, 31), [D(y, 12, 31) for y in range(2025, 2031)]),
        # A period ending between two calendar ends is due at its end as well.
        (Recurrence.QUARTERLY, D(2025, 7, 1), D(2025, 11, 15), [D(2025, 9, 30), D(2025, 11, 15)]),
        (Recurrence.MONTHLY, D(2024, 2, 1), D(2024, 2, 29), [D(2024, 2, 29)]),
        (Recurrence.MONTHLY, D(2025, 3, 1), D(2025, 1, 1), []),
    ],
)
def test_occurrences_fall_at_calendar_ends_of_the_period(recurrence, start, end, expected):
    """Given a recurrence and a period, the due dates are the ends of its calendar months, quarters, halves or years."""
    assert occurrences(recurrence, start, end) == expected


def test_period_end_of_a_quarter_and_a_half_year():
    assert period_end(D(2025, 8, 14), 3) == D(2025, 9, 30)
    assert period_end(D(2025, 8, 14), 6) == D(2025, 12, 31)
    assert period_end(D(2025, 2, 3), 1) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("last_reported", "expected"),
    [
        (None, D(2025, 9, 30)),  # never reported: the first occurrence is due
        (D(2025, 6, 30), D(2025, 9, 30)),  # before the period started: still the first
        (D(2025, 8, 1), D(2025, 12, 31)),  # reported in the first quarter: the second is due
        (D(2025, 9, 29), D(2025, 12, 31)),  # in the first window only: the second is due
        (D(2025, 9, 30), None),  # "on or after" the previous occurrence: the day itself opens the next window
        (D(2025, 10, 5), None),  # on or after the previous occurrence: the last one is reported
    ],
)
def test_first_unreported_occurrence(last_reported, expected):
    """Occurrence k is reported by an update on or after occurrence k-1 (the period start for the first)."""
    dates = occurrences(Recurrence.QUARTERLY, D(2025, 7, 1), D(2025, 12, 31))
    assert first_unreported(dates, D(2025, 7, 1), last_reported) == expected


@pytest.mark.parametrize(
    ("kind", "fields", "expected"),
    [
        (TimeframeKind.DEADLINE, {"due_date": D(2025, 12, 15)}, D(2025, 12, 15)),
        (TimeframeKind.PERIOD, {"start_date": D(2025, 7, 1), "end_date": D(2025, 10, 31)}, D(2025, 10, 31)),
        (TimeframeKind.REGULAR, {}, None),
        (TimeframeKind.WHEN_DIRECTED, {}, None),
        (
            TimeframeKind.RECURRING,
            {"recurrence": Recurrence.MONTHLY, "plan_start": D(2025, 7, 1), "plan_end": D(2025, 12, 31)},
            D(2025, 7, 31),
        ),
        # Without a period anywhere, a recurring task runs over the plan's year.
        (TimeframeKind.RECURRING, {"recurrence": Recurrence.HALF_YEARLY, "plan_year": 2026}, D(2026, 6, 30)),
    ],
)
def test_next_due_by_timeframe(kind, fields, expected):
    assert next_due(timeframe_kind=kind, **fields) == expected


def test_report_period_is_the_half_year():
    assert report_period(D(2025, 3, 9)) == (D(2025, 1, 1), D(2025, 6, 30))
    assert report_period(D(2025, 7, 1)) == (D(2025, 7, 1), D(2025, 12, 31))


def test_saved_task_keeps_its_due_date_and_overdue_is_derived_from_today(world):
    """Given a quarterly task of a plan for H2 2025, when saved, then its next due date is 30/09 and
    "overdue" depends only on the day asked."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, timeframe_kind=TimeframeKind.RECURRING, recurrence=Recurrence.QUARTERLY)
    assert task.next_due_on == D(2025, 9, 30)
    assert task.is_overdue_on(D(2025, 9, 30)) is False
    assert task.is_overdue_on(D(2025, 10, 1)) is True
    assert list(Task.objects.late(D(2025, 10, 1))) == [task]
    assert list(Task.objects.late(D(2025, 9, 1))) == []


def test_regular_task_is_never_overdue_but_due_each_report_period(world):
    """Given a regular task never reported, then it is never late, and it is due within N days only when
    the half-year ends within them."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, timeframe_kind=TimeframeKind.REGULAR)
    assert task.next_due_on is None
    assert not Task.objects.late(D(2026, 1, 5)).exists()
    assert list(Task.objects.due_soon(D(2025, 12, 20), 14)) == [task]
    assert not Task.objects.due_soon(D(2025, 10, 1), 14).exists()
    Task.objects.filter(pk=task.pk).update(last_reported_on=D(2025, 11, 1))
    assert not Task.objects.due_soon(D(2025, 12, 20), 14).exists()


def test_done_task_is_not_overdue(world):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, timeframe_kind=TimeframeKind.DEADLINE, due_date=D(2025, 8, 1))
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.DONE)
    assert not Task.objects.late(D(2025, 9, 1)).exists()


def test_changing_the_plan_period_moves_recurring_due_dates(world):
    """Given a draft plan with a monthly task, when the plan's period is edited, then the task's due date follows."""
    from plans.services import plan_update
    from tests.factories import PlanFactory

    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        period_start=D(2025, 7, 1),
        period_end=D(2025, 12, 31),
    )
    task = TaskFactory(plan=plan, timeframe_kind=TimeframeKind.RECURRING, recurrence=Recurrence.MONTHLY)
    assert task.next_due_on == D(2025, 7, 31)
    plan_update(
        plan=plan,
        by=world.users["official"],
        expected_version=None,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 6, 30),
    )
    task.refresh_from_db()
    assert task.next_due_on == D(2026, 1, 31)


@pytest.mark.parametrize("recurrence", [value for value, _label in Recurrence.choices])
def test_a_months_occurrences_are_those_of_the_whole_period(recurrence):
    """Given periods starting and ending anywhere, then each month holds exactly the occurrences of the whole list."""
    starts = [datetime.date(2024, 11, 17), datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)]
    ends = [datetime.date(2025, 2, 14), datetime.date(2025, 12, 31), datetime.date(2026, 7, 9), None]
    months = [datetime.date(year, month, 1) for year in (2024, 2025, 2026) for month in range(1, 13)]
    for start in starts:
        for end in ends:
            every = occurrences(recurrence, start, end)
            for first in months:
                last = period_end(first, 1)
                expected = [day for day in every if first <= day <= last]
                assert occurrences_between(recurrence, start, end, first, last) == expected, (start, end, first)
