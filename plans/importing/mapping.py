"""From what the parser read to the portal's fields: unit names to units, timeframes to kinds and dates,
legal bases to catalogue documents, and the plan's kind, signature and period.
"""

import datetime
import re

from danvan.text import fold
from plans.choices import DocumentType, DutyMarker, PlanKind, Recurrence, ReferenceType, TaskLayout, TimeframeKind
from plans.importing.structure import ParsedPlan, ParsedTask
from plans.importing.units import unit_shaped
from plans.models import ReferenceDocument
from units.choices import UnitKind
from units.models import Unit, UnitGroup

REFERENCE_TYPES = {fold(str(label)): value for value, label in ReferenceType.choices}


def document_type(parsed: ParsedPlan) -> str:
    """Return the portal's document type for the parsed document: a programme or a plan."""
    return DocumentType.PROGRAMME if "CHƯƠNG TRÌNH" in parsed.doc_type.upper() else DocumentType.PLAN


def duty_marker(parsed: ParsedTask, *, layout: str) -> str:
    """Return the marker a unit's duty prints with: its source's "-", "+" or none (a plain paragraph).

    A duty numbered "a)" or "1." keeps the dash the portal prints, since numbers are counted, never
    typed; a task that is not a duty keeps the default, in case its section later lists duties.
    """
    if layout == TaskLayout.DUTIES and parsed.marker in DutyMarker.values:
        return parsed.marker
    return DutyMarker.DASH


def unit_key(name: str) -> str:
    """Return a loose key for a unit name: folded, dashes and punctuation as spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(name)).split())


class UnitMatcher:
    """Find the units and groups of one government by the names a document gives them."""

    SUFFIXES = (" xa", " phuong", " thi tran")

    def __init__(self, government: Unit):
        self.units = {}
        for unit in Unit.objects.descendants(government, include_self=True):
            for name in (unit.name, unit.short_name):
                if name:
                    self.units.setdefault(unit_key(name), unit)
        self.groups = {unit_key(group.name): group for group in UnitGroup.objects.filter(owner=government)}
        for alias in ("uy ban nhan dan xa", "uy ban nhan dan phuong", "ubnd xa", "ubnd phuong", "uy ban nhan dan"):
            self.units.setdefault(alias, government)
        self.government = government

    def find(self, name: str) -> Unit | UnitGroup | None:
        key = unit_key(name)
        for candidate in (key, *(key.removesuffix(s) for s in self.SUFFIXES if key.endswith(s))):
            if candidate in self.groups:
                return self.groups[candidate]
            if candidate in self.units:
                return self.units[candidate]
        return None


# Words a single unit's name starts with, and its kind; collective phrases ("các phòng ...") match none.
UNIT_NAME_KINDS = [
    (("phong ", "van phong "), UnitKind.DEPARTMENT),
    (("trung tam ", "truong ", "tram y te"), UnitKind.SERVICE_UNIT),
    (("dang uy", "ban xay dung dang", "chi bo "), UnitKind.PARTY),
    (("uy ban mat tran", "mat tran to quoc", "hoi ", "doan thanh nien", "cong doan"), UnitKind.MASS_ORG),
    (("cong an ", "ban chi huy quan su"), UnitKind.ARMED_FORCE),
    (("thon ", "to dan pho "), UnitKind.VILLAGE),
]


def guess_unit_kind(name: str) -> str | None:
    """Return the kind of a unit named `name`, or None when the name is not one unit's."""
    if not unit_shaped(name):  # "Hội nghị sơ kết ...", a sentence fragment: left for review, never created
        return None
    key = unit_key(name) + " "
    for prefixes, kind in UNIT_NAME_KINDS:
        if key.startswith(prefixes):
            return kind
    return None


def classify_timeframe(text: str) -> dict:
    """Return the timeframe fields a task's "Thời gian thực hiện" text stands for."""
    folded = fold(text)
    dates = [
        datetime.date(int(y), int(m), int(d))
        for d, m, y in re.findall(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if 1 <= int(m) <= 12 and 1 <= int(d) <= 31
    ]
    if "khi co chi dao" in folded or "theo chi dao" in folded:
        return {"timeframe_kind": TimeframeKind.WHEN_DIRECTED}
    recurrences = [
        ("hang thang", Recurrence.MONTHLY),
        ("hang quy", Recurrence.QUARTERLY),
        ("6 thang", Recurrence.HALF_YEARLY),
        ("hang nam", Recurrence.YEARLY),
        ("dinh ky", Recurrence.YEARLY),
    ]
    for words, recurrence in recurrences:
        if words in folded and ("hang" in folded or "dinh ky" in folded):
            return {"timeframe_kind": TimeframeKind.RECURRING, "recurrence": recurrence}
    if dates and ("truoc" in folded or "han" in folded or "xong" in folded):
        return {"timeframe_kind": TimeframeKind.DEADLINE, "due_date": dates[-1]}
    if len(dates) >= 2:
        return {"timeframe_kind": TimeframeKind.PERIOD, "start_date": dates[0], "end_date": dates[-1]}
    if "thuong xuyen" in folded or not folded.strip():
        return {"timeframe_kind": TimeframeKind.REGULAR}
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", text)]
    if years:
        return {
            "timeframe_kind": TimeframeKind.PERIOD,
            "start_date": datetime.date(min(years), 1, 1),
            "end_date": datetime.date(max(years), 12, 31),
        }
    return {"timeframe_kind": TimeframeKind.REGULAR}


def reference_type(word: str) -> str:
    return REFERENCE_TYPES.get(fold(word), ReferenceType.OTHER)


def basis_references(basis) -> list[ReferenceDocument]:
    found = []
    for ref in basis.references:
        existing = None
        if ref.number_symbol:
            existing = ReferenceDocument.objects.matching(
                number_symbol=ref.number_symbol, issued_on=ref.issued_on
            ).first()
        if existing is None:
            existing = ReferenceDocument.objects.create(
                number_symbol=ref.number_symbol,
                doc_type=reference_type(ref.doc_type),
                issued_on=ref.issued_on,
                issuer=ref.issuer[:255],
                summary=ref.summary[:2000],
            )
        found.append(existing)
    return found


def plan_kind(parsed: ParsedPlan) -> str:
    title = fold(parsed.title + " " + parsed.doc_type)
    if "chuong trinh" in fold(parsed.doc_type) or "phoi hop" in title:
        return PlanKind.COORDINATION
    if "thi dua" in title or "dan van kheo" in title:
        return PlanKind.EMULATION
    if "tuyen truyen" in title:
        return PlanKind.PROPAGANDA
    return PlanKind.IMPLEMENTATION


def signature_fields(parsed: ParsedPlan) -> dict:
    signature = parsed.signature
    if signature is None:
        return {}
    lines = [line for line in signature.authority.split("\n") if line]
    first = f"{signature.authority_prefix} {lines[0]}".strip() if lines else signature.authority_prefix
    return {
        "signature_authority": first,
        "signer_title": "\n".join([*lines[1:], signature.position]).strip(),
        "signer_name": signature.signer_name,
    }


def plan_period(parsed: ParsedPlan) -> dict:
    """Guess the period from the title: "6 tháng cuối năm 2025", "năm 2025", "giai đoạn 2025-2030"."""
    title = parsed.title
    folded = fold(title)
    span = re.search(r"(20\d\d)\s*[-–]\s*(20\d\d)", title)
    year = re.search(r"\b(20\d\d)\b", title)
    if span:
        start, end = int(span.group(1)), int(span.group(2))
        return {
            "period_label": f"giai đoạn {start}-{end}",
            "period_start": datetime.date(start, 1, 1),
            "period_end": datetime.date(end, 12, 31),
        }
    if year:
        y = int(year.group(1))
        if "6 thang cuoi" in folded:
            return {
                "period_label": f"6 tháng cuối năm {y}",
                "period_start": datetime.date(y, 7, 1),
                "period_end": datetime.date(y, 12, 31),
            }
        if "6 thang dau" in folded:
            return {
                "period_label": f"6 tháng đầu năm {y}",
                "period_start": datetime.date(y, 1, 1),
                "period_end": datetime.date(y, 6, 30),
            }
        return {
            "period_label": f"năm {y}",
            "period_start": datetime.date(y, 1, 1),
            "period_end": datetime.date(y, 12, 31),
        }
    return {}
