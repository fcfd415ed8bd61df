"""Reading the register: the books a person may open, one book's lines, and whether its numbers run without a gap."""

from dataclasses import dataclass

from django.db.models import QuerySet

from danvan.search import search_folded
from register.models import OutgoingEntry
from units.models import Unit
from units.scope import scope_of


def books_of(user) -> list[dict]:
    """Return the books (issuing unit, year, count) in the person's government, newest year first."""
    rows = (
        OutgoingEntry.objects.filter(scope_of(user).condition("issuing_unit_id"))
        .values("issuing_unit_id", "issuing_unit__name", "year")
        .order_by("-year", "issuing_unit__name")
        .distinct()
    )
    return list(rows)


def book_lines(unit: Unit, year: int, query: str = "") -> QuerySet[OutgoingEntry]:
    """Return the lines of `unit`'s book of `year` in the order they were numbered, filtered by a search box."""
    lines = OutgoingEntry.objects.filter(issuing_unit=unit, year=year).order_by("issued_on", "symbol", "number", "pk")
    return search_folded(lines, query) if query else lines


@dataclass(frozen=True)
class Sequence:
    """The numbers given under one symbol in a book: "KH-UBND" from 1 to 31, and those missing between.

    A book that starts mid-year (the portal adopted in September, the plans before it recorded
    when imported) runs from its first recorded number; below it is the paper book's.
    """

    symbol: str
    first: int
    last: int
    missing: tuple[int, ...]

    @property
    def continuous(self) -> bool:
        return not self.missing

    def missing_labels(self) -> list[str]:
        return [f"{number:02d}/{self.symbol}" for number in self.missing]


def sequences(unit: Unit, year: int) -> list[Sequence]:
    """Return, per symbol, the first and last numbers of the year and every number between with no line."""
    numbers: dict[str, set[int]] = {}
    for symbol, number in OutgoingEntry.objects.filter(issuing_unit=unit, year=year).values_list("symbol", "number"):
        numbers.setdefault(symbol, set()).add(number)
    return [
        Sequence(symbol, min(given), max(given), tuple(n for n in range(min(given), max(given)) if n not in given))
        for symbol, given in sorted(numbers.items())
    ]
