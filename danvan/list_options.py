"""The options of a list page's filter select, read and compared once in the view (issue 19).

A template that loops over a form field's queryset and compares the bound value
for each option (`form.field.value|stringformat:"s" == obj.pk|stringformat:"s"`)
runs its query while rendering and resolves the bound field once per option: for
a city's supervisor, hundreds of times a page.
"""

from collections.abc import Callable, Iterable


def select_options(form, name: str, objects: Iterable, label: Callable = str) -> list[tuple[int, str, bool]]:
    """Return (id, label, selected) for each of `objects`, selected when it is the value bound to `form[name]`."""
    selected = str(form[name].value())
    return [(obj.pk, label(obj), str(obj.pk) == selected) for obj in objects]
