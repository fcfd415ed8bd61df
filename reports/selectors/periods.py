"""Reporting periods and what runs in them: the plans and tasks every figure of a period starts from."""

import dataclasses
import datetime

from django.db.models import Q, QuerySet

from plans.models import Plan, Task
from reports.choices import PeriodKind


@dataclasses.dataclass(frozen=True)
class Period:
    """A reporting period: the first or second half of a year, or the whole year."""

    kind: str
    year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 7 if self.kind == PeriodKind.SECOND_HALF else 1, 1)

    @property
    def end(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.kind == PeriodKind.FIRST_HALF else datetime.date(self.year, 12, 31)
        )

    @property
    def label(self) -> str:
        """Return "6 tháng cuối năm 2025" or "năm 2025"."""
        return f"năm {self.year}" if self.kind == PeriodKind.YEAR else f"{PeriodKind(self.kind).label} {self.year}"

    def as_of(self, today: datetime.date) -> datetime.date:
        """Return the day lateness is judged on: today, or the day after the period for a past period."""
        return min(today, self.end + datetime.timedelta(days=1))

    @classmethod
    def containing(cls, day: datetime.date) -> "Period":
        """Return the half-year containing `day`."""
        return cls(PeriodKind.FIRST_HALF if day.month <= 6 else PeriodKind.SECOND_HALF, day.year)

    @classmethod
    def from_query(cls, params, today: datetime.date) -> "Period":
        """Read `?period=&year=` from a query string, falling back to the current half-year on bad input."""
        default = cls.containing(today)
        kind = params.get("period", "")
        try:
            year = int(params.get("year", ""))
        except ValueError:
            year = default.year
        if kind not in PeriodKind.values:
            kind = default.kind
        if not 2000 <= year <= 2100:
            year = default.year
        return cls(kind, year)


def percent(part: int, whole: int) -> int:
    """Return `part` as a whole percent of `whole`, 0 when `whole` is 0."""
    return round(part * 100 / whole) if whole else 0


def period_plans(unit_ids, period: Period) -> QuerySet[Plan]:
    """Return the published plans of the units that run during the period: issued by its end, not ended before it."""
    return Plan.objects.issued().filter(
        Q(period_end__isnull=True) | Q(period_end__gte=period.start),
        issuing_unit_id__in=unit_ids,
        issued_on__lte=period.end,
    )


def period_tasks(unit_ids, period: Period) -> QuerySet[Task]:
    """Return the tasks followed up in the period: those of the plans running in it (see `period_plans`).

    The plan conditions are joined rather than nested, so the roll-up scans the tasks once.
    """
    return Task.objects.running_between(period.start, period.end).filter(plan__issuing_unit_id__in=unit_ids)


def day_text(day) -> str:
    """Return a day as the figures print it, "dd/mm/yyyy", or "" when there is none."""
    return f"{day:%d/%m/%Y}" if day else ""


def period_issued_plans(unit_ids, period: Period) -> QuerySet[Plan]:
    """Return the units' plans issued during the period (completed since or not)."""
    return Plan.objects.issued().filter(
        issuing_unit_id__in=unit_ids, issued_on__gte=period.start, issued_on__lte=period.end
    )
