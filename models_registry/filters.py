"""Filters of the registration list and the gallery."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.search import search_folded
from models_registry.choices import ModelKind, RegistrationStatus
from models_registry.models import Campaign, Field, Registration
from units.models import Unit


class RegistrationFilter(django_filters.FilterSet):
    """Search, campaign, year, field, unit, kind and status; the queryset is already scoped."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    campaign = django_filters.ModelChoiceFilter(label=_("Phong trào"), queryset=Campaign.objects.none())
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year")
    field = django_filters.ModelChoiceFilter(label=_("Lĩnh vực"), queryset=Field.objects.none())
    unit = django_filters.ModelChoiceFilter(label=_("Đơn vị"), queryset=Unit.objects.none())
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=ModelKind.choices, empty_label=_("Tất cả"))
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=RegistrationStatus.choices, empty_label=_("Tất cả")
    )

    class Meta:
        model = Registration
        fields = ["q", "campaign", "year", "field", "unit", "kind", "status"]

    def __init__(self, *args, campaigns=None, units=None, governments=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = {
            "campaign": campaigns.select_related("issuing_unit") if campaigns is not None else None,  # not listed
            "unit": units,
            "field": Field.objects.filter(Q(owner__isnull=True) | Q(owner__in=governments))
            if governments is not None
            else None,
        }
        for name, queryset in choices.items():
            if queryset is not None:
                self.filters[name].queryset = queryset
                self.form.fields[name].queryset = queryset

    def filter_search(self, queryset, name, value):
        return search_folded(queryset, value)

    def filter_year(self, queryset, name, value):
        year = int(value)
        if not 2000 <= year <= 2100:
            return queryset.none()
        return queryset.filter(campaign__year=year)
