"""Reads of the plans app that need more than a filter."""

import calendar
import datetime
from dataclasses import dataclass, replace

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from danvan.search import search_folded
from danvan.text import shortened
from plans.choices import PlanStatus, TaskStatus, TimeframeKind
from plans.models import Plan, ReferenceDocument, Task, days_late_of, due_soon_condition, late_condition
from plans.rules import PUBLISHED
from plans.task_list_rows import task_url_format
from units.choices import Role
from units.permissions import has_workplace
from units.scope import scope_of


def plans_visible_to(user) -> QuerySet[Plan]:
    """Return the plans `user` may open (plans.view_plan): in scope, and published only for unit heads and supervisors."""
    if not has_workplace(user):
        return Plan.objects.none()
    plans = Plan.objects.filter(scope_of(user).condition("issuing_unit_id"))
    if user.role in (Role.UNIT_HEAD, Role.SUPERVISOR):
        plans = plans.filter(status__in=PUBLISHED)
    return plans


def plan_list(user) -> QuerySet[Plan]:
    """Return the plan list rows: visible plans with their issuing unit (counts come per page).

    Only the columns a row shows are read: a plan has some forty, and building every
    model instance's full state is a good part of the page's time.
    """
    return (
        plans_visible_to(user)
        .select_related("issuing_unit")
        .only(*PLAN_ROW_FIELDS, "issuing_unit__name", "issuing_unit__short_name")
    )


# What plan_list rows (plans/plan_list.html) read of a plan.
PLAN_ROW_FIELDS = (
    "issuing_unit",
    "doc_type",
    "number",
    "year",
    "symbol",
    "issued_on",
    "title",
    "period_label",
    "status",
    "created_at",
)


def with_task_counts(plans: list[Plan]) -> list[Plan]:
    """Set `task_count` and `done_count` on each plan of one page, in one query."""
    rows = (
        Task.objects.filter(plan_id__in=[p.pk for p in plans])
        .values("plan_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)))
        .order_by()
    )
    counts = {row["plan_id"]: (row["total"], row["done"]) for row in rows}
    for plan in plans:
        plan.task_count, plan.done_count = counts.get(plan.pk, (0, 0))
    return plans


def plan_search(plans: QuerySet[Plan], query: str) -> QuerySet[Plan]:
    """Keep plans whose title or content holds every word of `query`, ignoring diacritics and case."""
    return search_folded(plans, query)


def plan_counts(user) -> dict[str, int]:
    """Return how many visible plans are in each status (for the home page)."""
    rows = plans_visible_to(user).values_list("status").annotate(n=Count("pk")).order_by()
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in PlanStatus.values}


def reference_search(query: str, limit: int = 20) -> QuerySet[ReferenceDocument]:
    from danvan.search import search_filter

    return search_filter(ReferenceDocument.objects.all(), query, ["number_symbol", "summary", "issuer"])[:limit]


# --- tasks --------------------------------------------------------------------------------------


# Lists count at most this many rows: an exact count of 100,000 rows would cost more than the page itself.
COUNT_CAP = 10_000
# The "late" and "due soon" cards of a task list count this far, then say "1000+".
CARD_CAP = 1_000


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """Return how many rows `queryset` has, counting no further than `cap` + 1."""
    return queryset.order_by().values("pk")[: cap + 1].count()


def tasks_in_plan_scope(user) -> QuerySet[Task]:
    """Return the tracked tasks of the published plans `user` may open; rules then say who may do what.

    Views load a task from here: a task outside it is 404, and so is one the user
    may not see (another unit's task, for a unit head); the rules answer the rest.
    """
    if not has_workplace(user):
        return Task.objects.none()
    return Task.objects.tracked().filter(scope_of(user).condition("plan__issuing_unit_id"))


def tasks_for_one_page(user) -> QuerySet[Task]:
    """Return `tasks_visible_to(user)` phrased for reading one page of a long list in its order (issue 19).

    For a city's supervisor nearly every task is in scope. Asked as a join on the
    plan (as `tasks_visible_to` asks it, which counts cheaply), SQLite reads every
    task through its plan and sorts them all to show fifty: 35-70 ms at 100,000
    tasks. Asked as EXISTS on the task's plan, whose unit is checked by walking
    up its parents, it walks the "task_urgency" index in the list's order and stops
    after one page (under 1 ms). Counting the same way would check every row, so
    counts keep `tasks_visible_to`. A commune's scope is small: the join is best.
    """
    if not has_workplace(user) or user.role == Role.UNIT_HEAD:
        return tasks_visible_to(user)
    reaches = scope_of(user).reaches("issuing_unit_id")
    if reaches is None:
        return tasks_visible_to(user)
    plans = Plan.objects.filter(reaches, pk=OuterRef("plan_id"), status__in=PUBLISHED)
    return Task.objects.filter(Exists(plans))


def tasks_visible_to(user) -> QuerySet[Task]:
    """Return the tasks `user` may read (plans.view_task, as a queryset).

    Officials, leaders and supervisors: every tracked task in their scope.
    Unit heads: the tasks their unit leads or helps with.
    """
    tasks = tasks_in_plan_scope(user)
    if has_workplace(user) and user.role == Role.UNIT_HEAD:
        tasks = tasks.involving(user.unit_id)
    return tasks


def visible_task_ids(user, plan: Plan) -> set[int]:
    """Return the ids of the plan's tasks `user` may open in the tracker, in one query (none before issue)."""
    if plan.status not in PUBLISHED:
        return set()
    return set(tasks_visible_to(user).filter(plan=plan).values_list("pk", flat=True))


def task_rows(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Return list rows: each task with its plan and issuing unit, lead units and groups (two more queries a page)."""
    return (
        tasks.select_related("plan__issuing_unit")
        .prefetch_related("lead_units", "lead_groups")
        .defer(
            "search_text",
            "plan__search_text",
            "plan__intro",
            "plan__closing",
            "plan__recipients",
            "plan__themes",
        )
    )


# What a row of a task list page shows (plans/task_list_rows.py, with the cells of plans/templatetags/task_tags.py).
TASK_ROW_VALUES = (
    "pk",
    "content",
    "lead_text",
    "status",
    "progress",
    "next_due_on",
    "timeframe_kind",
    "recurrence",
    "start_date",
    "plan__number",
    "plan__symbol",
    "plan__kind",
    "plan__status",
    "plan__issuing_unit__name",
    "plan__issuing_unit__short_name",
)


def task_page_rows(tasks: QuerySet[Task]) -> QuerySet:
    """Return the tasks as named rows of the values a list page shows: no model objects (issue 19).

    A page of fifty tasks built a task, a plan and a unit object each, filling some sixty
    deferred fields: more than the query itself. The lead names come from plans.task_list_rows.
    """
    return tasks.values_list(*TASK_ROW_VALUES, named=True)


def unit_inbox(user, *, role: str = "lead") -> QuerySet[Task]:
    """Return "Việc của đơn vị tôi": the tracked tasks the user's unit leads (or helps with), most urgent first.

    The scope is one commune: its tasks are read and each is checked (`per_task`), at any number the unit leads.
    """
    tasks = tasks_in_plan_scope(user)
    unit_id = user.unit_id
    if role == "coordinate":
        return tasks.coordinated_by(unit_id, per_task=True).by_urgency()
    return tasks.led_by(unit_id, per_task=True).by_urgency()


def task_search(tasks: QuerySet[Task], query: str) -> QuerySet[Task]:
    """Keep tasks whose content holds every word of `query`, ignoring diacritics and case."""
    return search_folded(tasks, query)


def task_counts(tasks: QuerySet[Task], today, *, exact: bool = False) -> dict[str, int | bool]:
    """Return how many of `tasks` are late and due within 7 days.

    By default each is counted up to CARD_CAP by reading a range of the
    "task_urgency" index, cheap at any volume; `*_capped` says the true number
    is higher (the card shows "1000+"; the dashboards count them all). With `exact` (a unit's own tasks, a bounded set) both come from
    one aggregate query.
    """
    late, due_soon = late_condition(today), due_soon_condition(today, 7)
    if exact:
        counts = tasks.order_by().aggregate(overdue=Count("pk", filter=late), due_soon=Count("pk", filter=due_soon))
        return {**counts, "overdue_capped": False, "due_soon_capped": False}
    overdue = capped_count(tasks.filter(late), CARD_CAP)
    due_soon = capped_count(tasks.filter(due_soon), CARD_CAP)
    return {
        "overdue": min(overdue, CARD_CAP),
        "overdue_capped": overdue > CARD_CAP,
        "due_soon": min(due_soon, CARD_CAP),
        "due_soon_capped": due_soon > CARD_CAP,
    }


def task_timeline(task: Task):
    """Return the entries of a task's timeline, newest first, with their authors and files."""
    return task.updates.timeline()


@dataclass(frozen=True)
class CalendarTask:
    """What a calendar entry shows of its task: plain values, so a month's entries can be cached."""

    pk: int
    content: str
    timeframe_kind: str
    # Filled for the entries a day shows (task_calendar): its address and its content cut as the page prints it.
    url: str = ""
    label: str = ""
    title: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """One due date of a task on the calendar: a deadline, a period's end or one occurrence of a recurring task."""

    task: CalendarTask
    day: datetime.date
    # Reported (a past occurrence, or the task done): shown with a check mark.
    reported: bool
    late: bool


def _recurring_in_month(tasks: QuerySet[Task], month_start: datetime.date, month_end: datetime.date, today):
    """Return the calendar entries of every occurrence in the month of the recurring tasks, in one query.

    The occurrences are computed from each task's period (its own dates, else the plan's) and its
    recurrence (plans/schedule.py), not read from `next_due_on`, which holds only the next one.
    A city has thousands of recurring tasks: they are read as values, and only the month's
    occurrences of each are computed (issue 19).
    """
    from django.db.models.functions import Coalesce

    from plans.schedule import occurrences_between, recurring_period

    recurring = (
        tasks.filter(timeframe_kind=TimeframeKind.RECURRING)
        .exclude(status=TaskStatus.CANCELLED)
        .annotate(
            run_from=Coalesce("start_date", "plan__period_start"), run_to=Coalesce("end_date", "plan__period_end")
        )
        # A rough cut in SQL (a plan without a period runs over its year): the exact dates come below.
        .filter(
            Q(run_from__isnull=True) | Q(run_from__lte=month_end), Q(run_to__isnull=True) | Q(run_to__gte=month_start)
        )
        .order_by("status", "pk")
        .values_list(
            *CALENDAR_VALUES,
            "recurrence",
            "start_date",
            "end_date",
            "plan__period_start",
            "plan__period_end",
            "plan__year",
            "plan__issued_on",
            named=True,
        )
    )
    entries = []
    for task in recurring:
        start, end = recurring_period(
            start_date=task.start_date,
            end_date=task.end_date,
            plan_start=task.plan__period_start,
            plan_end=task.plan__period_end,
            plan_year=task.plan__year or (task.plan__issued_on.year if task.plan__issued_on else None),
        )
        # Occurrences before the next due one are reported; so is every one of a finished task.
        finished = task.status == TaskStatus.DONE or task.next_due_on is None
        shown = CalendarTask(task.pk, task.content, task.timeframe_kind)
        for day in occurrences_between(task.recurrence, start, end, month_start, month_end):
            reported = finished or day < task.next_due_on
            late = not reported and day < today and task.plan__status == PlanStatus.ISSUED
            entries.append(CalendarEntry(shown, day, reported, late))
    return entries


# What a calendar entry reads of a task and its plan.
CALENDAR_VALUES = ("pk", "content", "status", "next_due_on", "timeframe_kind", "plan__status")


def task_calendar(
    tasks: QuerySet[Task], month_start: datetime.date, *, per_day: int = 4, today: datetime.date | None = None
) -> dict:
    """Return, for each day of the month, up to `per_day` entries due that day and how many there are in all.

    Dated tasks fall on their next due date; recurring tasks on every occurrence in the month.
    Three queries whatever the volume: counts per day and the first dated tasks of each day
    (a window function), then the recurring tasks whose occurrences are computed in Python.
    Plain values throughout: the view keeps the result a few seconds (plans.list_counts).
    """
    from django.db.models import Count, F, Window
    from django.db.models.functions import RowNumber
    from django.utils import timezone

    today = today or timezone.localdate()
    month_end = month_start.replace(day=calendar.monthrange(month_start.year, month_start.month)[1])
    in_month = (
        tasks.exclude(status=TaskStatus.CANCELLED)
        .exclude(timeframe_kind=TimeframeKind.RECURRING)
        .filter(next_due_on__gte=month_start, next_due_on__lte=month_end)
    )
    counts = dict(in_month.order_by().values_list("next_due_on").annotate(n=Count("pk")))
    first = (
        in_month.annotate(rank=Window(RowNumber(), partition_by=[F("next_due_on")], order_by=[F("status"), F("pk")]))
        .filter(rank__lte=per_day)
        .order_by("next_due_on", "rank")
        .values_list(*CALENDAR_VALUES, named=True)
    )
    days: dict[datetime.date, list[CalendarEntry]] = {}
    for task in first:
        late = days_late_of(task.status, task.next_due_on, task.plan__status, today) > 0
        shown = CalendarTask(task.pk, task.content, task.timeframe_kind)
        days.setdefault(task.next_due_on, []).append(
            CalendarEntry(shown, task.next_due_on, task.status == TaskStatus.DONE, late)
        )
    for entry in _recurring_in_month(tasks, month_start, month_end, today):
        counts[entry.day] = counts.get(entry.day, 0) + 1
        shown = days.setdefault(entry.day, [])
        if len(shown) < per_day:
            shown.append(entry)
    url = task_url_format()
    for day, shown in days.items():
        days[day] = [replace(entry, task=_printed(entry.task, url)) for entry in shown]
    return {"counts": counts, "tasks": days, "month_end": month_end}


def _printed(task: CalendarTask, url: str) -> CalendarTask:
    """Return `task` with what the calendar prints of it: its address, and its content cut to 40 and 200 characters."""
    return replace(task, url=url.format(task.pk), label=shortened(task.content, 40), title=shortened(task.content, 200))


def task_lead_people(task: Task, *, roles=None):
    """Return the active people of the units leading `task` (directly or through a group)."""
    from plans.rules import task_lead_unit_ids
    from units.models import User

    people = User.objects.filter(is_active=True, unit_id__in=task_lead_unit_ids(task)).exclude(role="")
    return people.filter(role__in=roles) if roles else people
