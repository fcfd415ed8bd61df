"""The badge on the "Bộ lọc" button counts the conditions a person set, nothing else."""

from django.http import QueryDict

from danvan.templatetags.list_tags import active_filters
from plans.filters import TaskFilter
from plans.models import Task


def task_filter(query: str) -> TaskFilter:
    return TaskFilter(QueryDict(query), queryset=Task.objects.none())


def test_an_unfiltered_list_counts_nothing():
    """Given no query (the unticked "Chỉ việc quá hạn" box reads False), then no condition is counted."""
    assert active_filters(task_filter("").form) == 0


def test_only_filled_fields_count():
    """Given a search, a status, an empty plan and a sort key, then two conditions are counted."""
    assert active_filters(task_filter("q=dan+van&status=done&plan=&sort=due").form) == 2


def test_a_ticked_box_counts():
    assert active_filters(task_filter("overdue=on").form) == 1
