"""Find the issuing unit of an imported document from the agency its header names.

"ỦY BAN NHÂN DÂN XÃ AN PHÚ", "UBND XÃ TÂN LẬP" or "Đảng ủy xã Đông Sơn": the unit whose name is the
agency's name, else the government (commune, district, city) of the place it names. No match, or more than
one, is an error that says which agency was read and lists the candidates, so the person can pass
`--unit ID`.
"""

import re

from django.core.exceptions import ValidationError

from danvan.text import fold
from plans.importing.mapping import unit_key
from plans.importing.structure import ParsedPlan
from units.choices import UnitKind
from units.models import Unit

GOVERNMENTS = (UnitKind.COMMUNE, UnitKind.DISTRICT, UnitKind.CITY)
_ABBREVIATIONS = (("ubnd ", "uy ban nhan dan "), ("ub mttq ", "uy ban mat tran to quoc "))
_PLACE_WORDS = r"(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|dac khu)"


def _agency_key(agency: str) -> str:
    key = unit_key(agency) + " "
    for short, full in _ABBREVIATIONS:
        key = key.replace(short, full) if key.startswith(short) else key
    return key.strip()


def issuing_unit_for(parsed: ParsedPlan) -> Unit:
    """Return the one unit that issued `parsed`; raise ValidationError naming the agency and the candidates."""
    agency = parsed.agency
    if not agency:
        raise ValidationError(
            "Không đọc được cơ quan ban hành ở phần đầu văn bản nên không biết nhập cho đơn vị nào; "
            "hãy chỉ rõ đơn vị bằng --unit ID."
        )
    key = _agency_key(agency)
    named = [unit for unit in Unit.objects.all() if key in (_agency_key(unit.name), _agency_key(unit.short_name or ""))]
    if len(named) == 1:
        return named[0]
    candidates = named or _governments_of_place(key, parsed.place)
    if len(candidates) == 1:
        return candidates[0]
    listed = "; ".join(f"{unit.pk}: {unit.name}" for unit in candidates[:10])
    if not candidates:
        raise ValidationError(
            f"Không tìm thấy đơn vị ứng với cơ quan ban hành “{agency}”; hãy tạo đơn vị này "
            "hoặc chỉ rõ đơn vị bằng --unit ID."
        )
    raise ValidationError(f"Cơ quan ban hành “{agency}” ứng với nhiều đơn vị ({listed}); hãy chọn một bằng --unit ID.")


def _governments_of_place(key: str, place: str) -> list[Unit]:
    """Return the governments whose place name is the one the agency (or the date line) names."""
    match = re.search(rf"\b{_PLACE_WORDS} (?P<place>.+)$", key)
    wanted = match["place"] if match else fold(place).strip()
    if not wanted:
        return []
    return [u for u in Unit.objects.filter(kind__in=GOVERNMENTS) if unit_key(u.place_name or "") == wanted]
