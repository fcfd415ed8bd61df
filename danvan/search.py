"""Search that ignores diacritics, on PostgreSQL and on SQLite alike.

PostgreSQL uses the `unaccent` extension (enabled by a migration of the
`units` app). On SQLite we register a Python function under the same name on
every connection, so one ORM expression works on both.
"""

from functools import reduce
from operator import or_

from django.db.backends.signals import connection_created
from django.db.models import Func, Q, TextField
from django.db.models.functions import Lower
from django.dispatch import receiver

from danvan.text import fold, normalize_text


class Unaccent(Func):
    """SQL `unaccent(expression)`."""

    function = "UNACCENT"
    output_field = TextField()


@receiver(connection_created)
def register_sqlite_unaccent(sender, connection, **kwargs):
    """Give SQLite an UNACCENT function equal to PostgreSQL's extension."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "UNACCENT", 1, lambda value: None if value is None else fold(value), deterministic=True
        )


def folded(field: str) -> Lower:
    """Return the expression `lower(unaccent(field))`."""
    return Lower(Unaccent(field))


def search_words(query: str) -> list[str]:
    """Return the folded words of a search box (at most ten): "Dân  VẬN" -> ["dan", "van"]."""
    return fold(normalize_text(query, single_line=True)).split()[:10]


def search_folded(queryset, query: str, field: str = "search_text"):
    """Keep rows whose folded `field` (a column kept by the model, trigram-indexed on PostgreSQL) holds every word.

    The query is a parameter of a LIKE, so "' OR 1=1 --" is searched literally.
    """
    for word in search_words(query):
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


def search_filter(queryset, query: str, fields: list[str]):
    """Filter `queryset` to rows where every word of `query` is in one of `fields`.

    Diacritics and case are ignored: "dan van kheo" finds "Dân vận khéo".
    The query is passed as a parameter, so "' OR 1=1 --" is searched literally.
    """
    words = search_words(query)
    if not words:
        return queryset
    annotations = {f"_folded_{i}": folded(field) for i, field in enumerate(fields)}
    queryset = queryset.annotate(**annotations)
    for word in words:
        queryset = queryset.filter(reduce(or_, (Q(**{f"{name}__contains": word}) for name in annotations)))
    return queryset
