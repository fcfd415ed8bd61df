"""Turn a ParsedPlan into plan records through the plans services.

Reference documents are matched to the catalogue instead of duplicated, and
unit names to the units and groups of the issuing government. A document that
carries a number and a date was issued already: it is recorded as issued with
that number (a clash is reported, never overwritten); one without becomes a draft.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.audit import audit, audited_as_one
from danvan.models import AuditAction
from danvan.text import fold
from danvan.workflow import move
from plans import services
from plans.choices import DocumentType, PlanKind, Recurrence, ReferenceType, TaskLayout, TimeframeKind
from plans.importing import parse_plan, read_text
from plans.importing.structure import ParsedPlan, ParsedSection, ParsedTask
from plans.models import ImportRecord, Plan, ReferenceDocument, Section
from plans.workflows import PLAN_LIFECYCLE
from units.choices import UnitKind
from units.models import Unit, UnitGroup

REFERENCE_TYPES = {fold(str(label)): value for value, label in ReferenceType.choices}


@dataclass
class ImportReport:
    """What an import created, and what it could not match or was unsure of."""

    plan: Plan
    unmatched_units: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    created_units: list[Unit] = field(default_factory=list)


def _key(name: str) -> str:
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
                    self.units.setdefault(_key(name), unit)
        self.groups = {_key(group.name): group for group in UnitGroup.objects.filter(owner=government)}
        for alias in ("uy ban nhan dan xa", "uy ban nhan dan phuong", "ubnd xa", "ubnd phuong", "uy ban nhan dan"):
            self.units.setdefault(alias, government)
        self.government = government

    def find(self, name: str) -> Unit | UnitGroup | None:
        key = _key(name)
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
    key = _key(name) + " "
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


def _reference_type(word: str) -> str:
    return REFERENCE_TYPES.get(fold(word), ReferenceType.OTHER)


def _references(basis) -> list[ReferenceDocument]:
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
                doc_type=_reference_type(ref.doc_type),
                issued_on=ref.issued_on,
                issuer=ref.issuer[:255],
                summary=ref.summary[:2000],
            )
        found.append(existing)
    return found


def _kind(parsed: ParsedPlan) -> str:
    title = fold(parsed.title + " " + parsed.doc_type)
    if "chuong trinh" in fold(parsed.doc_type) or "phoi hop" in title:
        return PlanKind.COORDINATION
    if "thi dua" in title or "dan van kheo" in title:
        return PlanKind.EMULATION
    if "tuyen truyen" in title:
        return PlanKind.PROPAGANDA
    return PlanKind.IMPLEMENTATION


def _signature(parsed: ParsedPlan) -> dict:
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


def _period(parsed: ParsedPlan) -> dict:
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


class PlanImporter:
    """Create one plan from a ParsedPlan, reporting what it could not match."""

    def __init__(
        self, *, parsed: ParsedPlan, issuing_unit: Unit, by, record_issued: bool = True, create_units: bool = True
    ):
        self.parsed = parsed
        self.issuing_unit = issuing_unit
        self.by = by
        self.record_issued = record_issued
        self.create_units = create_units
        self.matcher = UnitMatcher(issuing_unit)
        self.report: ImportReport | None = None

    @transaction.atomic
    def run(self) -> ImportReport:
        parsed = self.parsed
        doc_type = DocumentType.PROGRAMME if "CHƯƠNG TRÌNH" in parsed.doc_type.upper() else DocumentType.PLAN
        plan = services.plan_create(
            by=self.by,
            issuing_unit=self.issuing_unit,
            title=parsed.title[:500],
            doc_type=doc_type,
            symbol=parsed.symbol,
            parent_agency=parsed.parent_agency,
            place_name=parsed.place or self.issuing_unit.place_name,
            kind=_kind(parsed),
            themes="\n".join(parsed.themes),
            intro=parsed.intro,
            closing=parsed.closing,
            recipients="\n".join(parsed.recipients),
            has_appendix=bool(parsed.appendix_tasks),
            **_signature(parsed),
            **_period(parsed),
        )
        self.report = ImportReport(plan=plan, uncertain=list(parsed.uncertain))
        for basis in parsed.bases:
            services.basis_add(
                plan=plan, opening=basis.opening or "Căn cứ", text=basis.text, references=_references(basis)
            )
        for section in parsed.sections:
            self._section(plan, section, parent=None)
        for task in parsed.appendix_tasks:
            self._task(plan, task, section=None)
        if self.record_issued and parsed.number and parsed.issued_on:
            plan = plan_record_issued(plan=plan, by=self.by, number=parsed.number, on=parsed.issued_on)
        self.report.plan = Plan.objects.get(pk=plan.pk)
        return self.report

    def _section(self, plan: Plan, parsed: ParsedSection, parent: Section | None) -> None:
        section = services.section_add(
            plan=plan,
            parent=parent,
            numbering=parsed.numbering,
            heading=parsed.heading[:500],
            text=parsed.text,
            task_layout=parsed.task_layout or TaskLayout.NONE,
        )
        for child in parsed.children:
            self._section(plan, child, parent=section)
        for task in parsed.tasks:
            self._task(plan, task, section=section)

    def _resolve(self, names: list[str]) -> tuple[list[Unit], list[UnitGroup]]:
        units, groups = [], []
        for name in names:
            found = self.matcher.find(name)
            if isinstance(found, UnitGroup):
                groups.append(found)
            elif isinstance(found, Unit):
                units.append(found)
            elif self.create_units and (kind := guess_unit_kind(name)):
                unit = Unit.objects.create(
                    parent=self.issuing_unit,
                    name=re.sub(r"\s+(xã|phường|thị trấn)$", "", name)[:255],
                    kind=kind,
                    place_name=self.issuing_unit.place_name,
                )
                self.matcher.units[_key(name)] = unit
                self.report.created_units.append(unit)
                units.append(unit)
            elif name not in self.report.unmatched_units:
                self.report.unmatched_units.append(name)
        return units, groups

    def _task(self, plan: Plan, parsed: ParsedTask, section: Section | None) -> None:
        lead_units, lead_groups = self._resolve(parsed.lead_units)
        coordinating_units, coordinating_groups = self._resolve(parsed.coordinating_units)
        lead_text = parsed.lead_text or ", ".join(parsed.lead_units)
        if section is not None and section.task_layout == TaskLayout.DUTIES and (lead_units or lead_groups):
            lead_text = ""  # a duty prints under its unit's heading; the matched unit tracks it
        if not (lead_units or lead_groups or lead_text):
            lead_text = "Chưa xác định"
            self.report.uncertain.append(f"Nhiệm vụ không rõ cơ quan thực hiện: “{parsed.content[:80]}”")
        services.task_add(
            plan=plan,
            section=section,
            content=parsed.content,
            lead_units=lead_units,
            lead_groups=lead_groups,
            lead_text=lead_text[:500],
            coordinating_units=coordinating_units,
            coordinating_groups=coordinating_groups,
            coordinating_text=(parsed.coordinating_text or ", ".join(parsed.coordinating_units))[:500],
            form=parsed.form,
            timeframe_text=parsed.timeframe[:300],
            expected_output=parsed.expected_output[:500],
            **classify_timeframe(parsed.timeframe),
        )


@PLAN_LIFECYCLE.service("record_issued")
def plan_record_issued(*, plan: Plan, by, number: int, on: datetime.date) -> Plan:
    """Record an imported draft as the issued document it already is, with its own number and date.

    The number takes its place in the unit's yearly sequence; a number already used
    by another plan of the same unit, year and type is reported, never overwritten.
    """
    clash = Plan.objects.filter(
        issuing_unit_id=plan.issuing_unit_id, year=on.year, doc_type=plan.doc_type, number=number
    )
    if clash.exclude(pk=plan.pk).exists():
        raise ValidationError(f"Số {number:02d}/{plan.symbol} năm {on.year} đã được dùng cho kế hoạch khác của đơn vị.")
    try:
        with transaction.atomic():
            return move(
                plan,
                PLAN_LIFECYCLE,
                "record_issued",
                by=by,
                comment="Nhập từ văn bản đã ban hành.",
                number=number,
                year=on.year,
                issued_on=on,
                issued_at=timezone.now(),
            )
    except IntegrityError as error:  # the same number taken by another plan since the check above
        raise ValidationError(
            f"Số {number:02d}/{plan.symbol} năm {on.year} đã được dùng cho kế hoạch khác của đơn vị."
        ) from error


def import_parsed_plan(*, parsed: ParsedPlan, issuing_unit: Unit, by, **options) -> ImportReport:
    """Create a plan from `parsed` under `issuing_unit`; return what was created and what is unsure."""
    return PlanImporter(parsed=parsed, issuing_unit=issuing_unit, by=by, **options).run()


class AlreadyImportedError(ValidationError):
    """The same file was imported before for this unit."""

    def __init__(self, record: ImportRecord):
        self.record = record
        super().__init__(f"Tệp này đã được nhập ngày {record.imported_at:%d/%m/%Y} (kế hoạch “{record.plan}”).")


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@transaction.atomic
def plan_import_file(*, data: bytes, filename: str, issuing_unit: Unit, by, record_issued: bool) -> ImportRecord:
    """Read, parse and save a plan document file once; raise DocumentImportError or ValidationError, creating nothing.

    With `record_issued` False (the web review), a numbered document stays a draft
    until the official confirms it; the command line records it as issued at once.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError("Tệp lớn hơn 10 MB; hãy tách hoặc nén lại trước khi nhập.")
    digest = hashlib.sha256(data).hexdigest()
    existing = ImportRecord.objects.filter(issuing_unit=issuing_unit, sha256=digest).select_related("plan").first()
    if existing:
        raise AlreadyImportedError(existing)
    text = read_text(data, filename)
    parsed = parse_plan(text)
    with audited_as_one():
        report = import_parsed_plan(parsed=parsed, issuing_unit=issuing_unit, by=by, record_issued=record_issued)
    record = ImportRecord.objects.create(
        issuing_unit=issuing_unit,
        sha256=digest,
        filename=filename[:255],
        source_text=text,
        uncertain=report.uncertain,
        unmatched_units=report.unmatched_units,
        detected_number=parsed.number,
        detected_date=parsed.issued_on,
        plan=report.plan,
        imported_by=by,
    )
    record.created_units.set(report.created_units)
    audit(AuditAction.IMPORT, obj=report.plan, by=by, summary=f"{filename[:200]}: {report.plan.title}")
    return record


@transaction.atomic
def import_confirm_issued(*, record: ImportRecord, by) -> Plan:
    """Record the reviewed draft of an imported numbered document as the issued plan it is."""
    if not (record.detected_number and record.detected_date):
        raise ValidationError("Văn bản nhập vào không có số và ngày ban hành.")
    return plan_record_issued(plan=record.plan, by=by, number=record.detected_number, on=record.detected_date)
