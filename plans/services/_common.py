"""Small helpers shared by the task-tracking services: the short form of a task's text and the link to a task,
both used in notifications and reminder emails.
"""

from plans.models import Task


def _short(text: str, length: int = 80) -> str:
    """Return `text` cut at a word before `length` characters, with an ellipsis, for notifications."""
    from django.utils.text import Truncator

    return Truncator(" ".join(text.split())).chars(length)


def _task_url(task: Task) -> str:
    from django.urls import reverse

    return reverse("tasks:task_detail", args=[task.pk])
