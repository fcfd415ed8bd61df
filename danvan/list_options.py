"""The options of a list page's filter select, read and compared once in the view (issue 19).

A template that loops over a form field's queryset and compares the bound value
for each option (`form.field.value|stringformat:"s" == obj.pk|stringformat:"s"`)
runs its query while rendering and resolves the bound field once per option: for
a city's supervisor, hundreds of times a page.

A city's supervisor is offered every unit of the city (thousands): reading and
printing them was most of the plan list's time. `cached_options_html` keeps the
printed options per government in the cache; a change to any unit drops them
all (`units_changed`, connected in units/apps.py), and with the per-process cache
of a setup without Redis they also expire after OPTIONS_SECONDS.
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from danvan import generations

# How long printed options live in the cache: what a unit renamed in another process may show, without Redis.
OPTIONS_SECONDS = 60


def select_options(form, name: str, objects: Iterable, label: Callable = str) -> list[tuple[int, str, bool]]:
    """Return (id, label, selected) for each of `objects`, selected when it is the value bound to `form[name]`."""
    selected = str(form[name].value())
    return [(obj.pk, label(obj), str(obj.pk) == selected) for obj in objects]


def cached_options_html(
    name: str, root_id: int, objects: Callable[[], Iterable], label: Callable = str, *, also_dropped_by: tuple = ()
) -> SafeString:
    """Return `<option>` elements of `objects()` (each object's pk and label), read and printed once per cache life.

    `name` and `root_id` (the government) make the key; `objects` runs only on a miss. A change to
    any unit drops the options; so does a renewal of each generation key in `also_dropped_by`
    (danvan/generations.py), for options that print other rows than units.
    """
    versions = generations.current(generations.UNITS, *also_dropped_by)
    key = f"list_options:{name}:{root_id}:{':'.join(map(str, versions))}"
    html = cache.get(key)
    if html is None:
        html = str(format_html_join("", '<option value="{}">{}</option>', ((obj.pk, label(obj)) for obj in objects())))
        cache.set(key, html, OPTIONS_SECONDS)
    return mark_safe(html)  # built by format_html_join: every value escaped


def with_selected(options_html: str, value, *, missing=None, label: Callable = str) -> SafeString:
    """Return `options_html` with the option whose value is `value` marked selected (none if no option has it).

    `missing`, when given, is the object the bound value names (a valid choice that the cached
    options leave out, say an older plan): it is put first, selected, as `label(missing)`.
    """
    value = str(value or "")
    if value.isdigit():
        mark = format_html('<option value="{}">', value)
        if mark in options_html:
            options_html = options_html.replace(mark, format_html('<option value="{}" selected>', value), 1)
        elif missing is not None:
            options_html = format_html('<option value="{}" selected>{}</option>', missing.pk, label(missing)) + (
                mark_safe(options_html)  # the cached options, escaped when printed
            )
    return mark_safe(options_html)  # the cached options, escaped when printed


def units_changed(**kwargs) -> None:
    """Drop everything cached from the unit tree (a signal receiver: a unit was saved or deleted)."""
    generations.renew(generations.UNITS)
