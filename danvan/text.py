"""Text hygiene for everything users type.

Vietnamese arrives in two Unicode forms (composed NFC and decomposed NFD,
depending on the keyboard), with invisible characters pasted from Word or
Zalo. We store NFC without zero-width or direction-override characters, so
"hòa" typed on two keyboards is one word for search and uniqueness.
"""

import re
import unicodedata

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
    value = unicodedata.normalize("NFC", value)
    return COMBINING_RUN.sub(r"\1", value)


def fold(value: str) -> str:
    """Return `value` lower-cased and without diacritics, for searching.

    Matches PostgreSQL's `lower(unaccent(...))`: "Dân vận khéo" -> "dan van kheo".
    """
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()
