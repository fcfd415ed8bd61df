"""Filters of the plan list and the task lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.search import search_filter
from plans.choices import PlanKind, PlanStatus, TaskStatus, TimeframeKind
from plans.models import Plan, Task
from plans.selectors import plan_search, task_search
from units.choices import UnitKind
from units.models import Unit
from units.scope import subtree_ids


class PlanFilter(django_filters.FilterSet):
    """Search, unit, kind, status, year and period filters; the queryset is already scoped."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    issuing_unit = django_filters.ModelChoiceFilter(label=_("Cơ quan ban hành"), queryset=Unit.objects.none())
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=PlanKind.choices, empty_label=_("Tất cả"))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PlanStatus.choices, empty_label=_("Tất cả"))
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year")
    period = django_filters.CharFilter(label=_("Giai đoạn"), method="filter_period")

    class Meta:
        model = Plan
        fields = ["q", "issuing_unit", "kind", "status", "year", "period"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.filters["issuing_unit"].queryset = units
            self.form.fields["issuing_unit"].queryset = units

    def filter_search(self, queryset, name, value):
        return plan_search(queryset, value)

    def filter_year(self, queryset, name, value):
        """Plans issued in the year, or drafts whose period touches it."""
        year = int(value)
        if not 2000 <= year <= 2100:
            return queryset.none()
        return queryset.filter(
            Q(year=year) | Q(year__isnull=True, period_start__year__lte=year, period_end__year__gte=year)
        )

    def filter_period(self, queryset, name, value):
        return search_filter(queryset, value, ["period_label"])


class TaskFilter(django_filters.FilterSet):
    """Filters of the task lists: plan, lead and coordinating unit, status, late, due soon, field, search.

    The queryset is already scoped (plans.selectors.tasks_visible_to); unit and
    plan choices are checked against the user's own scope, so an id from
    elsewhere is a form error, never a peek.
    """

    q = django_filters.CharFilter(label=_("Tìm trong nội dung"), method="filter_search")
    plan = django_filters.ModelChoiceFilter(label=_("Kế hoạch"), queryset=Plan.objects.none())
    lead_unit = django_filters.ModelChoiceFilter(
        label=_("Cơ quan chủ trì"), queryset=Unit.objects.none(), method="filter_lead_unit"
    )
    coordinating_unit = django_filters.ModelChoiceFilter(
        label=_("Cơ quan phối hợp"), queryset=Unit.objects.none(), method="filter_coordinating_unit"
    )
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=TaskStatus.choices, empty_label=_("Tất cả"))
    overdue = django_filters.BooleanFilter(
        label=_("Chỉ việc quá hạn"), method="filter_overdue", widget=forms.CheckboxInput
    )
    due_within = django_filters.NumberFilter(label=_("Đến hạn trong (ngày)"), method="filter_due_within")
    kind = django_filters.ChoiceFilter(
        label=_("Lĩnh vực"), field_name="plan__kind", choices=PlanKind.choices, empty_label=_("Tất cả")
    )
    timeframe_kind = django_filters.ChoiceFilter(
        label=_("Thời gian thực hiện"), choices=TimeframeKind.choices, empty_label=_("Tất cả")
    )
    due_on = django_filters.DateFilter(label=_("Hạn ngày"), field_name="next_due_on")
    # The period of a dashboard figure (its links carry them), so the list shows the tasks it counted.
    running_from = django_filters.DateFilter(label=_("Kỳ từ ngày"), method="filter_running")
    running_to = django_filters.DateFilter(label=_("Kỳ đến ngày"), method="filter_running")
    late_on = django_filters.DateFilter(label=_("Quá hạn tính đến ngày"), method="filter_late_on")
    commune = django_filters.ModelChoiceFilter(
        label=_("Xã, phường"), queryset=Unit.objects.none(), method="filter_commune"
    )

    class Meta:
        model = Task
        fields = [
            "q",
            "plan",
            "lead_unit",
            "coordinating_unit",
            "status",
            "overdue",
            "due_within",
            "kind",
            "timeframe_kind",
            "due_on",
            "running_from",
            "running_to",
            "late_on",
            "commune",
        ]

    def __init__(self, *args, units=None, plans=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        communes = units.filter(kind=UnitKind.COMMUNE) if units is not None else None
        for name, queryset in (
            ("lead_unit", units),
            ("coordinating_unit", units),
            ("plan", plans),
            ("commune", communes),
        ):
            if queryset is not None:
                self.filters[name].queryset = queryset
                self.form.fields[name].queryset = queryset

    def keeps_late_only(self) -> bool:
        """Return whether the filter keeps late tasks only (`overdue` or `late_on`): all open with a due day.

        Their urgency is then one value, so the lists order them by due day alone (DATED_OPEN_ORDER).
        """
        data = self.form.cleaned_data if self.is_valid() else {}
        return bool(data.get("overdue") or data.get("late_on"))

    def filter_search(self, queryset, name, value):
        return task_search(queryset, value)

    def filter_lead_unit(self, queryset, name, value):
        return queryset.led_by(value.pk)

    def filter_coordinating_unit(self, queryset, name, value):
        return queryset.coordinated_by(value.pk)

    def filter_overdue(self, queryset, name, value):
        return queryset.late(self.today) if value else queryset

    def filter_running(self, queryset, name, value):
        """Keep tasks of plans running in the period [running_from, running_to] (both are needed)."""
        start, end = self.form.cleaned_data.get("running_from"), self.form.cleaned_data.get("running_to")
        if name == "running_to" or not (start and end):
            return queryset  # applied once, from running_from, when both days are given
        return queryset.running_between(start, end)

    def filter_commune(self, queryset, name, value):
        """Keep tasks of the plans of one commune and its units (a supervisor's link from its dashboard)."""
        return queryset.filter(plan__issuing_unit_id__in=subtree_ids(value))

    def filter_late_on(self, queryset, name, value):
        return queryset.late(value)

    def filter_due_within(self, queryset, name, value):
        days = int(value)
        if not 0 <= days <= 366 or days != value:
            return queryset.none()
        return queryset.due_soon(self.today, days)
