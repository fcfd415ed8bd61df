"""Filters of the plan list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.search import search_filter
from plans.choices import PlanKind, PlanStatus
from plans.models import Plan
from plans.selectors import plan_search
from units.models import Unit


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
