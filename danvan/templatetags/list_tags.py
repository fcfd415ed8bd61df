"""Template tags shared by the list pages."""

from django import template

register = template.Library()


@register.filter
def active_filters(form) -> int:
    """Return how many of a filter form's fields carry a value in the request (the badge on "Bộ lọc").

    Not `form.changed_data`: an unticked checkbox reads as False against an initial None, so it would
    count a filter nobody set.
    """
    data = form.data
    getlist = getattr(data, "getlist", lambda name: [data.get(name)])
    return sum(1 for name in form.fields if any(str(value or "").strip() for value in getlist(name)))
