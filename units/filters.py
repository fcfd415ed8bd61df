"""Filters of the unit directory."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.search import search_filter
from units.choices import UnitKind
from units.models import Unit


class UnitFilter(django_filters.FilterSet):
    """Search and kind filter for the unit directory; the queryset is already scoped."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices, empty_label=_("Tất cả"))

    class Meta:
        model = Unit
        fields = ["q", "kind"]

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value, ["name", "short_name"])
