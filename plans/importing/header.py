"""The header block above the type line.

Read the parent and issuing agency names, the number and symbol ("Số: 31/KH-UBND"), and the place
and date of issue, even when the two header columns are interleaved; as a fallback, find the issuing
agency named in the text ("Ủy ban nhân dân xã ...").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .text import VN_UPPER, _is_upper_text, _plain, _segments, _squash

_NATIONAL = re.compile(
    r"CỘNG\s*H(?:ÒA|OÀ)\s*XÃ\s*HỘI\s*CHỦ\s*NGHĨA\s*VIỆT\s*NAM|"
    r"Độc\s*lập\s*[-–—]\s*Tự\s*do\s*[-–—]\s*Hạnh\s*phúc|ĐẢNG\s*CỘNG\s*SẢN\s*VIỆT\s*NAM",
    re.I,
)
_NUMBER = re.compile(
    r"(?:Số|SỐ)\s*[:.]?\s*(?P<num>\d{1,5})?[\s.…_]*(?P<sep>[/-])\s*(?P<sym>[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&]*)*)"
)


def _gap(name: str) -> str:
    """Spaces or dots between two parts of the date, or a line break with what the other column put there."""
    return rf"(?:[ .…_]*\n(?P<{name}>[^\n]{{0,40}}?)(?:(?<=\s)|^)[ .…_]*|[ .…_]*)"


# Two-column headers come out of a PDF interleaved: "Xã Y, ngày 28" / "/KH-UBND tháng 02 năm 2024".
_DATE_LINE = re.compile(
    r"(?:(?:(?<=\s)|^)(?P<place>[^\W\d_](?:(?!\s{3})[^,|:/\d\n]){0,60}?)\s*,\s*)?"
    rf"ngày{_gap('g1')}(?P<d>\d{{1,2}})?{_gap('g2')}tháng{_gap('g3')}(?P<m>\d{{1,2}})?{_gap('g4')}"
    rf"năm{_gap('g5')}(?P<y>\d{{4}})",
    re.I | re.M,
)
_AGENCY_HEAD = re.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|SỞ|PHÒNG|BAN|ĐẢNG|CHI BỘ|MẶT TRẬN|MTTQ|CÔNG AN|TRUNG TÂM|VĂN PHÒNG|BỘ|"
    r"CỤC|CHI CỤC|TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|HUYỆN ỦY|HUYỆN UỶ|QUẬN ỦY|ĐOÀN|HỘI|LIÊN ĐOÀN|TRƯỜNG|BCH|"
    r"BỘ CHỈ HUY|BAN CHỈ HUY|UB)\b"
)
_PLACE_HEAD = re.compile(r"^(?:XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH|ĐẶC KHU|TP\.?)\b")


_DRAFT_MARK = re.compile(r"(?:^|(?<=\s{4}))\(?\s*(?:DỰ THẢO|Dự thảo)(?:\s+(?:lần|LẦN)\s*\d+)?\s*\)?\s*$", re.M)


@dataclass
class _Header:
    parent_agency: str = ""
    agency: str = ""
    number: int | None = None
    symbol: str = ""
    separator: str = "/"
    place: str = ""
    issued_on: datetime.date | None = None
    number_seen: bool = False
    date_seen: bool = False


def _parse_header(lines: list[str], notes: list[str]) -> _Header:
    """Read the header block; its lines are searched as one text, since PDF columns split fields over lines."""
    header = _Header()
    text = "\n".join(_NATIONAL.sub("    ", _plain(line).replace("|", "    ")) for line in lines)
    text, drafts = _DRAFT_MARK.subn("    ", text)
    if drafts:
        notes.append("Văn bản ghi “DỰ THẢO”: đây là bản dự thảo.")
    text = _take_number(_take_date(text, header, notes), header, notes)
    agency_lines = []
    for segment in _segments(text.split("\n")):
        segment = segment.strip(" ,.-–*")
        if segment and _is_upper_text(segment):
            agency_lines.append(segment)
    names = _agency_names(agency_lines)
    if names:
        header.agency = names[-1]
        header.parent_agency = names[-2] if len(names) >= 2 else ""
        if len(names) > 2:
            notes.append("Phần đầu văn bản có nhiều hơn hai dòng tên cơ quan: " + "; ".join(names) + ".")
    return header


def _take_number(text: str, header: _Header, notes: list[str]) -> str:
    match = _NUMBER.search(text)
    if not match:
        return text
    header.number_seen = True
    header.symbol = re.sub(r"\s+", "", match["sym"]).rstrip(".,")
    header.separator = match["sep"]
    if match["num"]:
        header.number = int(match["num"])
    else:
        notes.append("Số văn bản để trống (có thể là bản dự thảo).")
    return text[: match.start()] + "    " + text[match.end() :]


def _take_date(text: str, header: _Header, notes: list[str]) -> str:
    """Take the place and date out of `text`, leaving in place what the other column put between their parts."""
    match = _DATE_LINE.search(text)
    if not match:
        return text
    header.date_seen = True
    header.place = _squash(match["place"] or "")
    header.issued_on = _make_date(match["d"], match["m"], match["y"])
    if header.issued_on is None:
        notes.append("Ngày ban hành để trống hoặc không hợp lệ.")
    between = [match[g] for g in ("g1", "g2", "g3", "g4", "g5") if match[g]]
    return text[: match.start()] + "    " + "\n".join(["", *between, ""]) + text[match.end() :]


def _make_date(day: str | None, month: str | None, year: str | None) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _agency_names(lines: list[str]) -> list[str]:
    names: list[str] = []
    for line in lines:
        if names and (_PLACE_HEAD.match(line) or not _AGENCY_HEAD.match(line)):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    return names


_AGENCY_IN_TEXT = re.compile(
    r"((?:Ủy|Uỷ) ban nhân dân|UBND|Hội đồng nhân dân|Đảng ủy|Đảng uỷ|Ban Thường vụ Đảng ủy|Phòng [^\s,;]+(?: [^\s,;]+){0,4}?)\s+"
    rf"(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|đặc khu)\s+((?:[{VN_UPPER}][^\s,;:.]*)(?:\s+[{VN_UPPER}][^\s,;:.]*)*)"
)


def _agency_from_text(*texts: str) -> tuple[str, str]:
    """Find "Ủy ban nhân dân xã Kim Thành" in the intro or closing; return (agency, place name)."""
    for text in texts:
        match = _AGENCY_IN_TEXT.search(text or "")
        if match:
            return match.group(0), match.group(3)
    return "", ""
