"""Text hygiene for everything users type.

Vietnamese arrives in two Unicode forms (composed NFC and decomposed NFD,
depending on the keyboard), with invisible characters pasted from Word or
Zalo. We store NFC without zero-width or direction-override characters, so
"hòa" typed on two keyboards is one word for search and uniqueness.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import Truncator

# Zero-width characters and the byte-order mark: invisible, never meaningful here.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Bidirectional overrides and isolates: used to disguise file names ("hoso\u202efdp.exe").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0/C1 control characters except tab and line breaks. NUL is left for Django's
# validator to refuse with its own message; models strip it before saving.
CONTROL_CHARS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# More than two combining marks on one letter is never Vietnamese ("Zalgo" text).
COMBINING_RUN = re.compile(
    "([\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{2})[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


def normalize_text(value: str, *, single_line: bool = False) -> str:
    """Return `value` in NFC, without invisible, control or bidi-override characters.

    With `single_line`, line breaks and tabs become spaces, so a header never
    receives a "\\r\\nSet-Cookie:" smuggled into a one-line field.
    """
    value = value.translate(ZERO_WIDTH)
    value = BIDI_CONTROLS.sub("", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if single_line:
        value = re.sub(r"[\t\n]+", " ", value)
    value = CONTROL_CHARS.sub("", value)
    # Cap the marks in decomposed form, so a precomposed "á" cannot carry two more.
    value = COMBINING_RUN.sub(r"\1", unicodedata.normalize("NFD", value))
    return unicodedata.normalize("NFC", value)


def shortened(text: str, limit: int) -> str:
    """Return `text` cut to `limit` characters with "…", as the `truncatechars` filter does; short text as it is.

    Most texts of a list fit: counting them character by character (Truncator) was a tenth of a list's rows.
    """
    return text if len(text) <= limit else Truncator(text).chars(limit)


def fold(value: str) -> str:
    """Return `value` lower-cased and without diacritics, for searching.

    Matches PostgreSQL's `lower(unaccent(...))`: "Dân vận khéo" -> "dan van kheo".
    """
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


# Letters that look like Latin ones in a code but are not: "Ð" (Icelandic eth, U+00D0) and the
# African D for "Đ" come from fonts converted from TCVN3/VNI; Cyrillic and Greek look-alikes too.
LOOK_ALIKE_LETTERS = frozenset("\u00d0\u00f0\u0189\u0256")
# Tone marks that Vietnamese puts on either vowel of "oa", "oe", "uy": "hòa"/"hoà", "thủy"/"thuỷ".
_TONE_ON_FIRST_VOWEL = re.compile("([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])")


def refuse_direction_controls(value: str) -> None:
    """Raise ValidationError if `value` holds a bidirectional override or isolate.

    Used for names (of people, units, models), where the character would disguise
    the name as it does a file name ("hoso\\u202efdp.exe"): refused there, not stripped.
    """
    found = BIDI_CONTROLS.search(value or "")
    if found:
        raise ValidationError(
            "Tên có ký tự điều khiển hướng chữ (U+%(code)04X), có thể làm tên hiện khác với thật: hãy gõ lại tên.",
            code="direction_control",
            params={"code": ord(found.group())},
        )


def refuse_look_alikes(value: str) -> None:
    """Raise ValidationError if the code `value` holds a letter that only looks like a Vietnamese one ("Ð" for "Đ")."""
    for char in value or "":
        if char in LOOK_ALIKE_LETTERS or unicodedata.name(char, "").startswith(("CYRILLIC", "GREEK")):
            raise ValidationError(
                "Ký hiệu có chữ “%(char)s” (U+%(code)04X) trông giống chữ tiếng Việt nhưng là chữ khác: "
                "hãy gõ lại chữ này (ví dụ chữ Đ) bằng bộ gõ tiếng Việt.",
                code="look_alike",
                params={"char": char, "code": ord(char)},
            )


def spelling_key(value: str) -> str:
    """Return `value` normalized, lower-cased and with one placement of tone marks, to find duplicates.

    "Hòa giải" and "Hoà giải" are one name typed in the old and the new style; they
    differ even in NFC, so uniqueness checks compare this key ("hoà giải" for both).
    """
    decomposed = unicodedata.normalize("NFD", normalize_text(value or "", single_line=True))
    moved = _TONE_ON_FIRST_VOWEL.sub(r"\1\3\2", decomposed)
    return " ".join(unicodedata.normalize("NFC", moved).casefold().split())


def body_date(day) -> str:
    """Return a date as the documents write it in running text: "12/9/2025", no leading zeros.

    The date line under the motto follows NĐ 30 instead (plans.numbers.decree_date: "ngày 05 tháng 9").
    """
    return f"{day.day}/{day.month}/{day.year}"


# An en or em dash standing as a list marker or between spaced words ("Văn hóa – Xã hội").
_SPACED_DASH = re.compile(r"(^|(?<=\s))[\u2013\u2014](?=\s)", re.MULTILINE)


def printed_dashes(text: str) -> str:
    """Return `text` with its spaced dashes and dash list markers as the documents print them: "-".

    NĐ 30's own samples join words and start list items with the hyphen ("Độc lập - Tự do - Hạnh phúc",
    "- Lưu: VT"); text pasted from Word brings "–" and "—", which would mix both on one page.
    Dashes inside a word or a number range ("2025–2030") are left alone.
    """
    return _SPACED_DASH.sub("-", text)
