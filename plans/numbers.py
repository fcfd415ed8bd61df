"""Document numbers and dates written the way Nghị định 30/2020/NĐ-CP writes them."""

import datetime
import re
import unicodedata

from danvan.text import normalize_text

# Dashes and slashes that look alike on screen: en/em dash, minus, fullwidth forms.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\uff0d"), "-")
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215\uff0f"), "/")


def canonical_number(number_symbol: str) -> str:
    """Return one key for a number-symbol however it was typed.

    "031/kh-ubnd ", "31/KH–UBND", "31／KH-UBND" and "31 / KH - UBND" all give "31/KH-UBND".
    """
    text = normalize_text(number_symbol or "", single_line=True).translate(_DASHES).translate(_SLASHES)
    text = unicodedata.normalize("NFC", re.sub(r"\s+", "", text)).upper()
    return re.sub(r"^0+(?=\d)", "", text)


def decree_date(day: datetime.date | None) -> str:
    """Return "ngày 05 tháng 01 năm 2020": leading zero for days 1-9 and months 1-2 only."""
    if day is None:
        return "ngày      tháng      năm      "
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: datetime.date | None) -> str:
    """Return the date line: "Thượng Hồng, ngày 12 tháng 9 năm 2025"."""
    return f"{place}, {decree_date(day)}" if place else decree_date(day).capitalize()


def document_number(number: int | None, symbol: str) -> str:
    """Return "Số: 05/KH-UBND", or "Số:      /KH-UBND" while the number is not assigned."""
    return f"Số: {number:02d}/{symbol}" if number else f"Số:      /{symbol}"


VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number: int) -> str:
    """Return `number` in Roman numerals."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def letter(number: int) -> str:
    """Return the `number`-th point letter in Vietnamese order: a, b, c, d, đ, e, g, ... (no f, j, w, z)."""
    letters = VIETNAMESE_LETTERS
    if number <= len(letters):
        return letters[number - 1]
    return letters[(number - 1) // len(letters) - 1] + letters[(number - 1) % len(letters)]
