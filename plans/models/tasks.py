"""Tasks (Nhiệm vụ) and their queryset: the one place that says what "late" and "due soon" mean."""

import datetime
from functools import cached_property

from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Value, When
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import TimeStampedModel
from danvan.text import fold
from plans.choices import CLOSED_TASK_STATUSES, DutyMarker, PlanStatus, Recurrence, TaskStatus, TimeframeKind
from plans.models.plan import Plan, Section
from units.models import Unit, UnitGroup

# How urgent a task is, for sorting lists: 0 open with a due date, 1 open without one, 2 done or cancelled.
# Lists order by (TASK_URGENCY, next_due_on, -id), which the "task_urgency" index serves, so the first
# page of the most urgent tasks is read straight from the index however many tasks there are.
TASK_URGENCY = Case(
    When(status__in=CLOSED_TASK_STATUSES, then=Value(2)),
    When(next_due_on__isnull=True, then=Value(1)),
    default=Value(0),
    output_field=models.IntegerField(),
)


class ConstantsInline(Func):
    """An expression whose constant parameters SQLite reads written into the SQL text (issue 19).

    SQLite matches an expression index only against the same text with the same
    literals; Django sends TASK_URGENCY's 'done', 2, 1, 0 as bound parameters, so
    SQLite did not recognise the "task_urgency" index, read every task in scope and
    sorted them to show fifty (over 100 ms at 100,000 tasks). The values are this
    module's constants, never user input. Other databases get the expression as is.
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return sql % tuple(_sql_literal(param) for param in params), []


def _sql_literal(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"not a constant to write into SQL: {value!r}")
    return str(value) if isinstance(value, int) else "'{}'".format(value.replace("'", "''"))


# TASK_URGENCY as queries ask it, so that SQLite reads it from the index (the index keeps TASK_URGENCY).
URGENCY = ConstantsInline(TASK_URGENCY, output_field=models.IntegerField())
URGENCY_ORDER = (URGENCY, F("next_due_on").asc(), "-pk")
# URGENCY_ORDER for rows whose urgency is known to be DATED_OPEN (the late ones): the same order without its constant
# first term. SQLite 3.40 does not see that an equality on an indexed expression fixes that term: given URGENCY_ORDER
# with `late_condition` it sorted every late task of the city (50-80 ms at 100,000 tasks); given this, it reads the
# "task_urgency" index from (0, earliest) in order and stops after one page (issue 19).
DATED_OPEN_ORDER = (F("next_due_on").asc(), "-pk")


# --- the one rule of "late" and "due soon" -------------------------------------------------------
# A task is late on a day when it is open with a next due day (its urgency is 0: neither done nor
# cancelled, and `next_due_on` set), that due day is before the day asked, and its plan is running
# (issued; a completed plan's unfinished tasks are closed with it, not late). Every figure, list,
# badge, reminder and export asks `late_condition` (in SQL) or `Task.is_overdue_on` (one loaded task),
# which says the same three terms from the same names; tests/tasks/test_late.py checks that they agree.

# The plan status whose tasks can be late or due soon: a running plan.
RUNNING_PLAN_STATUS = PlanStatus.ISSUED
# The urgency (TASK_URGENCY) of an open task with a next due day: the only tasks with a date to miss.
DATED_OPEN = 0


def task_urgency(status: str, next_due_on: datetime.date | None) -> int:
    """Return TASK_URGENCY of one task's values, the same cases in the same order as the SQL expression."""
    if status in CLOSED_TASK_STATUSES:
        return 2
    if next_due_on is None:
        return 1
    return DATED_OPEN


def days_late_of(status: str, next_due_on: datetime.date | None, plan_status: str, on: datetime.date) -> int:
    """Return how many days a task with these values is late on `on` (0 when not): `late_condition`, term by term."""
    if task_urgency(status, next_due_on) == DATED_OPEN and next_due_on < on and plan_status == RUNNING_PLAN_STATUS:
        return (on - next_due_on).days
    return 0


def late_condition(on: datetime.date) -> Q:
    """Return the condition "late on `on`" on tasks (the rule above), for filters and aggregates.

    Written on TASK_URGENCY so the "task_urgency" index serves it (the capped counts of plans.selectors).
    """
    return Exact(URGENCY, DATED_OPEN) & Q(next_due_on__lt=on, plan__status=RUNNING_PLAN_STATUS)


def due_soon_condition(on: datetime.date, days: int) -> Q:
    """Return the condition "due within `days` days of `on`" on tasks: open, of a running plan, not yet late.

    A dated task counts when its next due day falls between `on` and `days` days later. A regular task
    (no date) counts when its report period (half-year) ends in that window and it has no progress
    report dated in the period. Late tasks are not due soon: `late_condition` and this never overlap.
    """
    from plans.schedule import report_period

    horizon = on + datetime.timedelta(days=days)
    condition = Exact(URGENCY, DATED_OPEN) & Q(next_due_on__gte=on, next_due_on__lte=horizon)
    period_start, period_end = report_period(on)
    if period_end <= horizon:
        condition |= (
            Q(timeframe_kind=TimeframeKind.REGULAR)
            & ~Q(status__in=CLOSED_TASK_STATUSES)
            & (Q(last_reported_on__isnull=True) | Q(last_reported_on__lt=period_start))
        )
    return condition & Q(plan__status=RUNNING_PLAN_STATUS)


class TaskQuerySet(models.QuerySet):
    def open(self):
        """Return tasks neither done nor cancelled."""
        return self.exclude(status__in=CLOSED_TASK_STATUSES)

    def late(self, on: datetime.date):
        """Return the tasks late on `on`: open, a deadline, period end or report passed, plan running.

        Derived from `next_due_on` (plans/schedule.py) and the day asked, never stored (`late_condition`).
        """
        return self.filter(late_condition(on))

    def due_soon(self, on: datetime.date, days: int):
        """Return the tasks due within `days` days of `on`, late ones excluded (`due_soon_condition`)."""
        return self.filter(due_soon_condition(on, days))

    def running_between(self, start: datetime.date, end: datetime.date):
        """Return tracked tasks of the plans running in the period: issued by its end, not ended before its start.

        The dashboards count a period's tasks this way, and their links filter the task list with it.
        """
        return self.tracked().filter(
            Q(plan__period_end__isnull=True) | Q(plan__period_end__gte=start), plan__issued_on__lte=end
        )

    def tracked(self):
        """Return tasks of published (issued or completed) plans: the only ones followed up."""
        return self.filter(plan__status__in=[PlanStatus.ISSUED, PlanStatus.COMPLETED])

    def led_by(self, unit_id: int, *, per_task: bool = False):
        """Return tasks the unit leads, named directly or as a member of a lead group.

        `per_task` asks it of each task read (EXISTS) rather than as the list of the unit's
        tasks (IN): the better plan when the scope's tasks are few enough to read anyway,
        such as one commune's inbox (`plans.selectors.unit_inbox`).
        """
        return self.filter(self._role_of(unit_id, "lead", per_task=per_task))

    def coordinated_by(self, unit_id: int, *, per_task: bool = False):
        """Return tasks the unit helps with, named directly or as a member of a coordinating group (`per_task`: see led_by)."""
        return self.filter(self._role_of(unit_id, "coordinating", per_task=per_task))

    def involving(self, unit_id: int):
        """Return tasks the unit leads or helps with."""
        return self.filter(self._role_of(unit_id, "lead") | self._role_of(unit_id, "coordinating"))

    @staticmethod
    def _role_of(unit_id: int, role: str, *, per_task: bool = False) -> Q:
        """Return "the unit has this role in the task", directly or through a group it belongs to.

        Most units belong to no group: then it is one plain subquery, which the
        database drives a plan from; otherwise an IN over a UNION of the two.
        `per_task`: two EXISTS on the task instead. SQLite takes an IN list of a
        unit's tasks as a few rows to look up one by one, whatever their number:
        for a unit leading 10,000 tasks it read each full row by its id and sorted
        them all (10-15 ms a page), where EXISTS reads the commune's tasks from the
        "task_plan_status" index and checks each (about 4 ms). PostgreSQL plans both alike.
        """
        units = getattr(Task, f"{role}_units").through.objects.filter(unit_id=unit_id)
        in_group = UnitGroup.members.through.objects.filter(unit_id=unit_id).exists()
        groups = getattr(Task, f"{role}_groups").through.objects.filter(unitgroup__members=unit_id)
        if per_task:
            condition = Exists(units.filter(task_id=OuterRef("pk")))
            return condition | Exists(groups.filter(task_id=OuterRef("pk"))) if in_group else condition
        units = units.values("task_id")
        return Q(pk__in=units.union(groups.values("task_id"))) if in_group else Q(pk__in=units)

    def by_urgency(self):
        """Order open tasks first, the earliest due (so the latest late) first, undated ones after, closed last."""
        return self.order_by(*URGENCY_ORDER)


class Task(TimeStampedModel):
    """A duty a plan assigns: what, who leads, who helps, how, and when.

    The plan document prints its tasks from these rows, so the document and the
    task list can never disagree.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, verbose_name=_("in trong mục"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    position = models.PositiveIntegerField(default=0)
    content = models.TextField(_("nội dung nhiệm vụ"), max_length=20000)
    # Printed before the content when the task is a unit's duty line; an import keeps the source's own.
    marker = models.CharField(
        _("đầu dòng"), max_length=1, choices=DutyMarker.choices, default=DutyMarker.DASH, blank=True
    )
    lead_units = models.ManyToManyField(Unit, verbose_name=_("cơ quan chủ trì"), blank=True, related_name="led_tasks")
    lead_groups = models.ManyToManyField(
        UnitGroup, verbose_name=_("nhóm cơ quan chủ trì"), blank=True, related_name="led_tasks"
    )
    lead_text = models.CharField(
        _("cơ quan thực hiện (như in)"),
        max_length=500,
        blank=True,
        help_text=_("Để trống để in theo danh sách đơn vị."),
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_groups = models.ManyToManyField(
        UnitGroup, verbose_name=_("nhóm cơ quan phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_text = models.CharField(_("cơ quan phối hợp (như in)"), max_length=500, blank=True)
    form = models.TextField(_("hình thức"), blank=True, max_length=4000)
    timeframe_kind = models.CharField(
        _("loại thời gian"), max_length=20, choices=TimeframeKind.choices, default=TimeframeKind.REGULAR
    )
    timeframe_text = models.CharField(_("thời gian thực hiện (như in)"), max_length=300, blank=True)
    recurrence = models.CharField(_("định kỳ"), max_length=20, choices=Recurrence.choices, blank=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    expected_output = models.CharField(_("sản phẩm"), max_length=500, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, editable=False)
    # When the task, or its next periodic report, is due (plans/schedule.py); kept by save().
    # "Late" is derived from it on each read and never stored (late_condition, Task.is_overdue_on).
    next_due_on = models.DateField(_("hạn tiếp theo"), null=True, blank=True, editable=False)
    # Date of the latest progress report; recurring tasks count their reported occurrences from it.
    last_reported_on = models.DateField(_("báo cáo gần nhất"), null=True, blank=True, editable=False)
    # The content folded without diacritics (danvan.text.fold), searched with a trigram index on PostgreSQL.
    search_text = models.TextField(blank=True, editable=False, default="")
    # Moved on by every saved edit (danvan/versioning.py), so an edit begun before another's save is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(TASK_URGENCY, F("next_due_on"), F("id").desc(), name="task_urgency"),
            models.Index(fields=["next_due_on"], name="task_next_due_on"),
            # The figures count a period's tasks per plan, status and lateness from this index alone,
            # without reading the task rows (reports.selectors.tasks.task_counts_by_plan).
            models.Index(fields=["plan", "status", "next_due_on"], name="task_plan_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="task_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.content[:100]

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#task-{self.pk}"

    def save(self, *args, **kwargs):
        """Save, keeping the due date and the folded search text in step with the task's fields."""
        from plans.schedule import task_next_due

        self.next_due_on = task_next_due(self)
        self.search_text = fold(self.content or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "next_due_on", "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_TASK_STATUSES

    def is_overdue_on(self, on: datetime.date) -> bool:
        """Return whether the task is late on `on`: `late_condition` said of this one task, term by term.

        Reads `self.plan.status`: load the plan with the task (select_related) when asking for many.
        """
        return self.days_late_on(on) > 0

    def days_late_on(self, on: datetime.date) -> int:
        """Return how many days the task is late on `on`, 0 when it is not late (reads `self.plan.status`)."""
        return days_late_of(self.status, self.next_due_on, self.plan.status, on)

    @cached_property
    def days_late(self) -> int:
        """Return how many days the task is late today (0 when it is not), computed once per object."""
        return self.days_late_on(timezone.localdate())

    @property
    def is_overdue(self) -> bool:
        return self.days_late > 0
