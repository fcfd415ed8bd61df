"""Document numbers and dates written the way Nghị định 30/2020/NĐ-CP writes them."""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError

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


# Type codes in a document's symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III; the Party's Hướng dẫn 36-HD/VPTW),
# upper-cased as in canonical_number, by ReferenceType value. None: the type carries no code in its number
# (a công văn "12/UBND-VP", a law "77/2015/QH13"), or anything goes ("khac").
TYPE_CODES: dict[str, set[str] | None] = {
    "nghi_quyet": {"NQ", "NQLT"},
    "quyet_dinh": {"QĐ"},
    "quy_dinh": {"QYĐ", "QĐI", "QĐ"},
    "chi_thi": {"CT"},
    "ket_luan": {"KL"},
    "ke_hoach": {"KH"},
    "huong_dan": {"HD"},
    "luat": None,
    "nghi_dinh": {"NĐ"},
    "thong_tu": {"TT", "TTLT"},
    "chuong_trinh": {"CTR"},
    "cong_van": None,
    "thong_bao": {"TB"},
    "khac": None,
}
_PART = r"[^\W\d_][^\W_]*"  # a letter, then letters or digits: "UBND", "QH13"
# State documents: "31/KH-UBND", legal documents with their year "31/2025/QĐ-UBND", "77/2015/QH13".
_STATE_NUMBER = re.compile(rf"(?P<number>\d+)(?:/(?P<year>\d{{4}}))?/(?P<symbol>{_PART}(?:-{_PART})*)")
# Party documents: "23-QĐ/TW", "01-CTr/BXDĐ-UBNDX".
_PARTY_NUMBER = re.compile(rf"(?P<number>\d+)-(?P<code>{_PART})/(?P<symbol>{_PART}(?:-{_PART})*)")


def check_number_symbol(number_symbol: str, *, doc_type: str, issued_on: datetime.date | None = None) -> None:
    """Raise ValidationError unless `number_symbol` is written as a document of `doc_type` is numbered.

    "0/KH-UBND", "-5/KH-UBND", "31/KH-", "31/XX-UBND" for a plan, or "31/2025/QĐ-UBND"
    issued in another year are refused (bad-inputs row 44); the typing variants that
    canonical_number folds together ("31 / kh – ubnd") are accepted.
    """
    key = canonical_number(number_symbol)
    example = "31/KH-UBND, 31/2025/QĐ-UBND hoặc 23-QĐ/TW"
    state, party = _STATE_NUMBER.fullmatch(key), _PARTY_NUMBER.fullmatch(key)
    match = state or party
    if match is None:
        raise ValidationError(f"Số, ký hiệu “{number_symbol.strip()}” không đúng dạng văn bản (ví dụ {example}).")
    if int(match["number"]) < 1:
        raise ValidationError("Số văn bản phải từ 1 trở lên.")
    year = state["year"] if state else None
    if year and not 1945 <= int(year) <= 2100:
        raise ValidationError(f"Năm {year} trong số, ký hiệu không hợp lệ.")
    if year and issued_on and int(year) != issued_on.year:
        raise ValidationError(f"Năm {year} trong số, ký hiệu khác năm ban hành ({issued_on.year}).")
    codes = TYPE_CODES.get(doc_type)
    if not codes:
        return
    parts = match["symbol"].split("-")
    code, issuer = (party["code"], parts) if party else (parts[0], parts[1:])
    if code not in codes or not issuer:
        wanted = " hoặc ".join(sorted(codes))
        raise ValidationError(
            f"Ký hiệu không khớp loại văn bản đã chọn: cần mã loại {wanted} rồi tên cơ quan ban hành "
            f"(ví dụ 31/{min(sorted(codes), key=len)}-UBND)."
        )


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
