"""Unit names.

Split a phrase naming units ("Phòng Văn hóa - Xã hội và Công an xã") into unit names or group
phrases, and find the unit that leads a duty paragraph or names a heading under "Tổ chức thực hiện".
"""

from __future__ import annotations

import re

from .text import _split_clauses, _squash

_UNIT_WORDS = (
    r"(?:Phòng|Văn phòng|Ban|Ủy ban|Uỷ ban|UBND|UB MTTQ|UBMTTQ|Trung tâm|Công an|Hội|Đoàn|Mặt trận|MTTQ|Đảng ủy|Đảng uỷ|"
    r"Đảng bộ|Chi bộ|Trường|Trạm|Đài|Bộ phận|Cơ quan|Lực lượng|Thủ trưởng|Người đứng đầu|Tổ|Thôn|Khu dân cư|Sở|"
    r"Hội đồng|HĐND|Các|Cán bộ|Công chức|Chủ tịch|Phó Chủ tịch|Lãnh đạo|Trưởng|Đội|Hợp tác xã|Bưu điện|Ngân hàng|"
    r"Kho bạc|Liên đoàn|Đơn vị|BCH|Y tế|Tòa án|Viện|Thanh tra|Chi cục|Cục|Bộ|Công đoàn|Cựu chiến binh|Bí thư|"
    r"Quân sự|Doanh nghiệp|Nhà trường|TT|Thường trực|Khối|Chi hội|Chi đoàn|Đồn|thôn|tổ dân phố|các|lực lượng)"
)
_UNIT_START = re.compile(rf"^{_UNIT_WORDS}\b")
_UNIT_HEADING = re.compile(rf"^(?:(?:Đề nghị|Giao cho|Giao)\s+)?(?P<unit>{_UNIT_WORDS}\b.*)$")
_DUTY_VERBS = (
    r"chủ trì|phối hợp|tăng cường|chủ động|tổ chức|triển khai|thực hiện|tham mưu|căn cứ|xây dựng|hướng dẫn|theo dõi|"
    r"quan tâm|chỉ đạo|có trách nhiệm|chịu trách nhiệm|đẩy mạnh|tiếp tục|rà soát|kiểm tra|tuyên truyền|giám sát|"
    r"bố trí|đôn đốc|báo cáo|phụ trách|lựa chọn|đăng ký|nghiên cứu|vận động|tích cực|bảo đảm|đảm bảo|duy trì|"
    r"quản lý|cung cấp|hỗ trợ|phát huy|nắm bắt|tiếp nhận|giải quyết|tổng hợp|tham gia|hướng dẫn|chuẩn bị"
)
_LEADING_UNIT = re.compile(
    rf"^(?:(?:Đề nghị|Giao cho|Giao)\s+)?(?P<unit>{_UNIT_WORDS}\b.{{2,140}}?)(?<!\bcác)(?<!\bnhững)\s+(?:{_DUTY_VERBS})\b"
)
_GROUP_CLOSER = re.compile(r"\b(?:thuộc|trực thuộc|trên địa bàn|của|liên quan)\b")


# Phrases that start with a unit word but name an event, an action or a member, never a unit.
_NOT_A_UNIT = re.compile(
    r"^(?:Hội (?:nghị|thi|thảo|diễn|trại|chợ|khỏe|báo|viên)|Tổ chức|Đoàn (?:kết|viên)|Đội (?:ngũ|viên)|"
    r"Các (?:hoạt động|nội dung|văn bản|buổi|mô hình|nhiệm vụ|chỉ tiêu|phong trào)|Cán bộ,? công chức (?:cần|phải)|"
    r"Trường hợp|Lãnh đạo,? chỉ đạo|Bộ phận Một cửa tiếp nhận)\b",
    re.I,
)
_ACTION_INSIDE = re.compile(r"\b(?:chủ trì|phối hợp|tham mưu|có trách nhiệm|chịu trách nhiệm|thảo luận|triển khai)\b")


def unit_shaped(name: str) -> bool:
    """Tell whether `name` can be one unit or a group of units: a kind word and a short name, no action.

    "Phòng Văn hóa - Xã hội", "Công an xã", "các phòng, đơn vị thuộc xã" are; "Hội nghị sơ kết 6 tháng đầu
    năm", "những người có uy tín trong cộng đồng" and a sentence fragment are not, and are left for review.
    """
    name = _squash(name)
    return (
        bool(_UNIT_START.match(name))
        and not _NOT_A_UNIT.match(name)
        and len(name.split()) <= 14
        and not re.search(r"[.!?:;\"“”]", name)
        and not _ACTION_INSIDE.search(name)
    )


def split_units(text: str) -> list[str]:
    """Split a phrase naming units into unit names or group phrases.

    Rules: split on "," and ";" outside parentheses, and on " và " when the right side starts
    a unit ("Phòng", "Ủy ban", "các"...) and the left side is not "Văn phòng ..." (as in
    "Văn phòng HĐND và UBND"). Then merge back pieces that cannot stand alone: a capitalised
    piece that does not start a unit continues a name ("Phòng Kinh tế, Hạ tầng và Đô thị"),
    and lower-case pieces continue an open "các ..." group until a qualifier closes it
    ("các phòng, đơn vị sự nghiệp thuộc xã" stays whole; "thuộc", "trực thuộc", "trên địa
    bàn", "của", "liên quan" close a group).
    """
    text = _squash(text).strip(" .;:,")
    if not text:
        return []
    pieces = []
    for piece in _split_clauses(text, ",;"):
        pieces.extend(_split_on_va(piece))
    units: list[str] = []
    group_open = False
    for piece in (p.strip(" .") for p in pieces):
        if not piece:
            continue
        continues_name = piece[0].isupper() and not _UNIT_START.match(piece)
        continues_group = group_open and piece[0].islower() and not piece.startswith(("các ", "lực lượng"))
        if units and (continues_name or continues_group):
            units[-1] = f"{units[-1]}, {piece}"
            group_open = group_open and not _GROUP_CLOSER.search(piece)
            continue
        units.append(piece)
        group_open = bool(re.search(r"(?:^|\s)[Cc]ác\s", piece))  # "các phòng, ...", "Ban Dân vận các huyện ủy, ..."
        group_open = group_open and not _GROUP_CLOSER.search(piece)
    return units


def _split_on_va(piece: str) -> list[str]:
    parts = re.split(r"\s+và\s+", piece)
    out = [parts[0]]
    for part in parts[1:]:
        if _UNIT_START.match(part) and not out[-1].startswith("Văn phòng"):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} và {part}"
    return out


def _names_units(phrase: str) -> bool:
    """Tell whether a phrase that starts with a unit word names units, not an event or an action."""
    return not _NOT_A_UNIT.match(phrase) and not _ACTION_INSIDE.search(phrase)


def _leading_unit(text: str) -> str:
    match = _LEADING_UNIT.match(text.lstrip("- +"))
    unit = match["unit"].strip(" ,") if match else ""
    return unit if unit and _names_units(unit) else ""


def _unit_of_heading(heading: str) -> str:
    match = _UNIT_HEADING.match(heading.rstrip(" .:"))  # "1. Phòng Văn hóa - Xã hội:" names the unit before its colon
    return match["unit"] if match and _names_units(match["unit"]) else ""
