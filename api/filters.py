"""Filters of the API lists: the web lists' own FilterSets, given the same scoped choices as their pages."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from plans.filters import TaskFilter
from units.models import Unit


class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter's backend, passing the view's `filterset_choices()` (the scoped choices a page passes)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        choices = getattr(view, "filterset_choices", None)
        return {**kwargs, **(choices() if choices else {})}


@extend_schema_field(OpenApiTypes.INT)
class UnitIdFilter(django_filters.ModelChoiceFilter):
    """A unit named by its id (its choices are the caller's scope): typed as an integer in the schema."""


class ApiTaskFilter(TaskFilter):
    """The task list's own filters; the unit filters declared again only to give the schema their type."""

    lead_unit = UnitIdFilter(queryset=Unit.objects.none(), method="filter_lead_unit")
    coordinating_unit = UnitIdFilter(queryset=Unit.objects.none(), method="filter_coordinating_unit")
    commune = UnitIdFilter(queryset=Unit.objects.none(), method="filter_commune")
