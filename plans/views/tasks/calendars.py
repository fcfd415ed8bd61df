"""The month calendar of the due dates of the tasks the user may see, every occurrence of recurring ones."""

import calendar
import datetime
import re

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from danvan.views import PortalMixin
from plans import selectors
from plans.list_counts import cached_counts

# How long a month's calendar is kept: every change to a task or plan drops it sooner, in every process sharing
# the cache (the default file cache or Redis).
CALENDAR_SECONDS = 300
MONTH_NAMES = [f"Tháng {n}" for n in range(1, 13)]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def month_from(value: str | None, today: datetime.date) -> datetime.date:
    """Return the first day of the month `value` ("2025-12") names, or of this month; years 2000-2100 only."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return today.replace(day=1)


class TaskCalendarView(PortalMixin, TemplateView):
    """A month calendar of the due dates of the tasks the user may see. Any role with a workplace."""

    permission = "plans.view_task_calendar"
    template_name = "plans/task_calendar.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        month = month_from(self.request.GET.get("month"), today)
        # Kept per scope, month and day, and dropped by any changed task or plan (plans.list_counts): a city's
        # month holds thousands of occurrences of recurring tasks, a quarter of a second to compute.
        data = cached_counts(
            self.request,
            lambda: selectors.task_calendar(selectors.tasks_visible_to(user), month, today=today),
            seconds=CALENDAR_SECONDS,
        )
        weeks = [
            [
                {
                    "day": day,
                    "in_month": day.month == month.month,
                    "tasks": data["tasks"].get(day, []),
                    "count": data["counts"].get(day, 0),
                }
                for day in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
        ]
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = data["month_end"] + datetime.timedelta(days=1)
        list_url = reverse("tasks:task_list" if user.has_perm("plans.view_task_list") else "tasks:unit_tasks")
        return super().get_context_data(
            month=month,
            month_label=f"{MONTH_NAMES[month.month - 1]} năm {month.year}",
            weeks=weeks,
            weekdays=WEEKDAYS,
            today=today,
            previous=f"{previous:%Y-%m}" if previous.year >= 2000 else None,
            following=f"{following:%Y-%m}" if following.year <= 2100 else None,
            total=sum(data["counts"].values()),
            list_url=list_url,
            **kwargs,
        )
