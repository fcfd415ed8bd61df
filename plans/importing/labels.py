"""The words plans use to label the fields of a task, as data: one table for bullets and table columns.

A task block writes "- Cơ quan thực hiện: ...", "- Đơn vị chủ trì: ...", "- Thời hạn: ..."; a task table
heads its columns "Đơn vị chủ trì", "Thời gian hoàn thành", "Sản phẩm". Each key is a field of
ParsedTask; a label is never a unit and never a task. To accept a new wording, add it here.
"""

from __future__ import annotations

import re

# Field key -> labels written before a colon in a bullet or a paragraph (regular expressions, case-insensitive).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "coordinating": (
        r"(?:Cơ quan|Đơn vị|Bộ phận|Lực lượng)\s+phối hợp(?:\s+thực hiện)?",
        r"Phối hợp(?:\s+thực hiện)?",
    ),
    "lead": (
        r"(?:Cơ quan|Đơn vị|Bộ phận|Lực lượng)\s+(?:chủ trì|thực hiện|tham mưu|chịu trách nhiệm|phụ trách)"
        r"(?:\s+thực hiện)?",
        r"Chủ trì(?:\s+thực hiện)?",
        r"Người thực hiện",
        r"Trách nhiệm thực hiện",
        r"Người phụ trách",
    ),
    "form": (
        r"Hình thức(?:\s+(?:thực hiện|tổ chức|triển khai))?",
        r"Phương thức(?:\s+thực hiện)?",
    ),
    "timeframe": (
        r"Thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai))?",
        r"Thời hạn(?:\s+(?:hoàn thành|thực hiện))?",
        r"Tiến độ(?:\s+(?:thực hiện|hoàn thành))?",
        r"Mốc thời gian",
    ),
    "expected_output": (
        r"Sản phẩm(?:\s+(?:đầu ra|dự kiến|hoàn thành))?",
        r"Kết quả(?:\s*/\s*sản phẩm|\s+đầu ra|\s+dự kiến|\s+cần đạt)?",
    ),
}

# Field key -> words that mark a task table's column header; the first key that matches wins.
COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("stt", r"^(?:STT|TT|Số TT|Số thứ tự)$"),
    ("coordinating", r"phối hợp"),
    ("timeframe", r"thời gian|thời hạn|hoàn thành|tiến độ"),
    ("expected_output", r"sản phẩm|kết quả"),
    ("form", r"hình thức|phương thức"),
    ("lead", r"chủ trì|thực hiện|phụ trách|đơn vị|cơ quan"),
    ("content", r"nội dung|nhiệm vụ|công việc|hoạt động"),
)

LABEL_RES = tuple((key, re.compile("|".join(labels), re.I)) for key, labels in FIELD_LABELS.items())
COLUMN_RES = tuple((key, re.compile(words, re.I)) for key, words in COLUMN_WORDS)
_ANY_LABEL = re.compile(
    r"(?<![^\W\d_])(?P<label>" + "|".join(f"(?:{p})" for labels in FIELD_LABELS.values() for p in labels) + r")\s*:",
    re.I,
)


def field_of_label(label: str) -> str | None:
    """Return the task field a label names ("Đơn vị chủ trì" -> "lead"), or None."""
    return next((key for key, regex in LABEL_RES if regex.fullmatch(label.strip())), None)


def canonical_labels(text: str) -> str:
    """Replace every field label followed by a colon by the field's name, so any synonym reads the same."""

    def name(match: re.Match) -> str:
        return f"FIELD{(field_of_label(match['label']) or 'x').upper()}:"

    return _ANY_LABEL.sub(name, text)
