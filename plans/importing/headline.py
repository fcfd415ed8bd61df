"""The headline a web page puts above a copied document.

"Kế hoạch số 45-KH/ĐU ngày 3/4/2021 của Đảng ủy xã Đông Sơn về thực hiện công tác dân vận năm 2021"
carries the type, number, date, agency and title; when the body lacks its own header, these fill it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .header import _make_date
from .text import _plain, _squash

_HEADLINE = re.compile(
    r"^(?P<type>Kế hoạch|KẾ HOẠCH|Chương trình|CHƯƠNG TRÌNH)\s+(?:số\s*:?\s*)?"
    r"(?P<num>\d{1,5})?\s*(?P<sep>[-/])\s*(?P<sym>[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)"
    r"(?:\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}))?"
    r"(?:\s*,?\s*(?:của|do)\s+(?P<agency>.+?))?"
    r"(?:\s+(?:về việc|về|V/v|v/v)\s+|\s*[:–-]\s+)(?P<title>.+?)\s*$"
)
_AGENCY_PLACE = re.compile(r"\b(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|đặc khu)\s+(?P<place>.+)$")


@dataclass
class Headline:
    """What a web headline says about the document below it."""

    doc_type: str
    number: int | None
    symbol: str
    separator: str
    issued_on: datetime.date | None
    agency: str
    place: str
    title: str


def find_headline(lines: list[str]) -> tuple[int, Headline] | None:
    """Return (index, headline) when the first non-empty line is a web headline, else None."""
    for index, line in enumerate(lines):
        plain = _squash(_plain(line)).strip(" *|")
        if not plain:
            continue
        match = _HEADLINE.match(plain)
        if not match:
            return None
        return index, _headline_of(match)
    return None


def _headline_of(match: re.Match) -> Headline:
    issued_on = None
    if match["date"]:
        day, month, year = re.split(r"\s*[/.-]\s*", match["date"])
        issued_on = _make_date(day, month, year)
    agency = _squash(match["agency"] or "")
    place = _AGENCY_PLACE.search(agency)
    title = match["title"].strip(" .")
    return Headline(
        doc_type=match["type"].upper(),
        number=int(match["num"]) if match["num"] else None,
        symbol=re.sub(r"\s+", "", match["sym"]),
        separator=match["sep"],
        issued_on=issued_on,
        agency=agency,
        place=place["place"] if place else "",
        title=title[:1].upper() + title[1:],
    )
