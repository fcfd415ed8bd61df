"""Turn a ParsedPlan into plan records through the plans services.

Reference documents are matched to the catalogue instead of duplicated, and
unit names to the units and groups of the issuing government. A document that
carries a number and a date was issued already: it is recorded as issued with
that number (a clash is reported, never overwritten); one without becomes a draft.
A document the portal already holds (same unit, type, number and year) is refused
before anything is created.

Imports of one government run one at a time (the government's row is locked once the
file is parsed), so two uploads of the same document cannot both pass the checks; a
unit the document names is still got or created under its unique constraint, because
people also add units by hand while an import runs.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.audit import audit, audited_as_one
from danvan.models import AuditAction
from danvan.workflow import move
from plans import services
from plans.choices import TaskLayout
from plans.importing import DocumentImportError, parse_plan, read_text
from plans.importing.mapping import (
    UnitMatcher,
    basis_references,
    classify_timeframe,
    document_type,
    duty_marker,
    guess_unit_kind,
    plan_kind,
    plan_period,
    signature_fields,
    unit_key,
)
from plans.importing.structure import ParsedPlan, ParsedSection, ParsedTask
from plans.models import ImportRecord, Plan, ReferenceDocument, Section, Task
from plans.workflows import PLAN_LIFECYCLE
from units.models import Unit, UnitGroup


@dataclass
class ImportReport:
    """What an import created, and what it could not match or was unsure of."""

    plan: Plan
    unmatched_units: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    created_units: list[Unit] = field(default_factory=list)


def held_plan(*, parsed: ParsedPlan, issuing_unit: Unit) -> Plan | None:
    """Return the plan of `issuing_unit` that the parsed document already is, or None.

    A numbered document is held when a plan of the same unit and type carries its
    number and year, or when an earlier import of it still waits as a draft for the
    official to confirm the number.
    """
    if not (parsed.number and parsed.issued_on):
        return None
    year = parsed.issued_on.year
    same_number = Q(number=parsed.number, year=year) | Q(
        imports__detected_number=parsed.number, imports__detected_date__year=year
    )
    plans = Plan.objects.filter(same_number, issuing_unit=issuing_unit, doc_type=document_type(parsed))
    return plans.order_by("pk").first()


class PlanAlreadyHeldError(ValidationError):
    """The portal already holds the plan this document is; `plan` is that plan."""

    def __init__(self, *, plan: Plan, parsed: ParsedPlan):
        self.plan = plan
        number = f"{parsed.number:02d}/{parsed.symbol}" if parsed.symbol else f"{parsed.number:02d}"
        super().__init__(
            f"Cổng đã có văn bản số {number} năm {parsed.issued_on.year} của đơn vị: kế hoạch “{plan.title}”. "
            "Không tạo dự thảo mới; hãy mở kế hoạch đã có."
        )


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
        """Create the plan; raise PlanAlreadyHeldError, creating nothing, when the portal already holds it."""
        parsed = self.parsed
        if held := held_plan(parsed=parsed, issuing_unit=self.issuing_unit):
            raise PlanAlreadyHeldError(plan=held, parsed=parsed)
        if not parsed.title.strip():
            raise ValidationError(
                "Không tìm thấy trích yếu (tên) của kế hoạch: dưới dòng tên loại “KẾ HOẠCH” không có dòng tên, "
                "và văn bản không có dòng tiêu đề kiểu “Kế hoạch số … về …”. Hãy thêm trích yếu vào tệp rồi nhập lại."
            )
        plan = services.plan_create(
            by=self.by,
            issuing_unit=self.issuing_unit,
            title=parsed.title[:500],
            doc_type=document_type(parsed),
            symbol=parsed.symbol,
            parent_agency=parsed.parent_agency,
            place_name=parsed.place or self.issuing_unit.place_name,
            kind=plan_kind(parsed),
            themes="\n".join(parsed.themes),
            intro=parsed.intro,
            closing=parsed.closing,
            recipients="\n".join(parsed.recipients),
            has_appendix=bool(parsed.appendix_tasks),
            **signature_fields(parsed),
            **plan_period(parsed),
        )
        self.report = ImportReport(plan=plan, uncertain=list(parsed.uncertain))
        for basis in parsed.bases:
            services.basis_add(
                plan=plan, opening=basis.opening or "Căn cứ", text=basis.text, references=basis_references(basis)
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
                unit, created = unit_get_or_create(
                    parent=self.issuing_unit,
                    name=re.sub(r"\s+(xã|phường|thị trấn)$", "", name)[:255],
                    kind=kind,
                    place_name=self.issuing_unit.place_name,
                )
                self.matcher.units[unit_key(name)] = unit
                if created:
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
            # Left empty, never a placeholder: the document omits the field and approval waits for a lead unit.
            self.report.uncertain.append(f"Nhiệm vụ không rõ cơ quan thực hiện: “{parsed.content[:80]}”")
        services.task_add(
            plan=plan,
            section=section,
            content=parsed.content,
            marker=duty_marker(parsed, layout=section.task_layout if section else ""),
            lead_units=lead_units,
            lead_groups=lead_groups,
            lead_text=lead_text[:500],
            lead_unknown=not (lead_units or lead_groups or lead_text),
            coordinating_units=coordinating_units,
            coordinating_groups=coordinating_groups,
            coordinating_text=(parsed.coordinating_text or ", ".join(parsed.coordinating_units))[:500],
            form=parsed.form,
            timeframe_text=parsed.timeframe[:300],
            expected_output=parsed.expected_output[:500],
            **classify_timeframe(parsed.timeframe),
        )


def unit_get_or_create(*, parent: Unit, name: str, kind: str, place_name: str) -> tuple[Unit, bool]:
    """Return the unit called `name` under `parent`, creating it if missing, and whether this call created it.

    The insert runs in a savepoint: when `unit_name_unique_under_parent` refuses it, someone
    else created the unit between the lookup and the insert, so the lookup runs once more.
    A second refusal is reported as a Vietnamese error rather than retried for ever.
    """
    try:
        return _unit_lookup_or_insert(parent=parent, name=name, kind=kind, place_name=place_name)
    except IntegrityError:
        pass  # created meanwhile by someone else: the second lookup finds it
    try:
        return _unit_lookup_or_insert(parent=parent, name=name, kind=kind, place_name=place_name)
    except IntegrityError as error:
        raise ValidationError(
            f"Không tạo được đơn vị “{name}” vì đơn vị này đang được ghi cùng lúc ở nơi khác; xin nhập lại tệp."
        ) from error


def unit_named(*, parent: Unit, name: str) -> Unit | None:
    """Return the unit called exactly `name` under `parent`, or None."""
    return Unit.objects.filter(parent=parent, name=name).first()


def _unit_lookup_or_insert(*, parent: Unit, name: str, kind: str, place_name: str) -> tuple[Unit, bool]:
    if existing := unit_named(parent=parent, name=name):
        return existing, False
    with transaction.atomic():
        return Unit.objects.create(parent=parent, name=name, kind=kind, place_name=place_name), True


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


def refuse_imported_file(*, issuing_unit: Unit, sha256: str) -> None:
    """Raise AlreadyImportedError when the file with this hash was imported for `issuing_unit` already."""
    existing = ImportRecord.objects.filter(issuing_unit=issuing_unit, sha256=sha256).select_related("plan").first()
    if existing:
        raise AlreadyImportedError(existing)


def lock_imports_of(issuing_unit: Unit) -> None:
    """Hold the government's row until the transaction ends, so its imports run one after another.

    NO KEY UPDATE leaves the row free for inserts that only reference it (a new plan or
    unit of the commune), while a second import (or an issuance, which locks the same row)
    waits. A no-op on SQLite, whose writers are serialised by the database itself.
    """
    Unit.objects.select_for_update(no_key=True).filter(pk=issuing_unit.pk).values_list("pk").first()


@transaction.atomic
def plan_import_file(*, data: bytes, filename: str, issuing_unit: Unit, by, record_issued: bool) -> ImportRecord:
    """Read, parse and save a plan document file once; raise DocumentImportError or ValidationError, creating nothing.

    The same bytes are refused by their hash (AlreadyImportedError); another file of
    a document the portal already holds is refused once parsed, by the importer
    before it creates the draft (PlanAlreadyHeldError).

    With `record_issued` False (the web review), a numbered document stays a draft
    until the official confirms it; the command line records it as issued at once.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError("Tệp lớn hơn 10 MB; hãy tách hoặc nén lại trước khi nhập.")
    digest = hashlib.sha256(data).hexdigest()
    refuse_imported_file(issuing_unit=issuing_unit, sha256=digest)
    text = read_text(data, filename)
    parsed = parse_plan(text)
    lock_imports_of(issuing_unit)
    refuse_imported_file(issuing_unit=issuing_unit, sha256=digest)  # committed by another import while this one read
    with audited_as_one():
        report = import_parsed_plan(parsed=parsed, issuing_unit=issuing_unit, by=by, record_issued=record_issued)
    try:
        with transaction.atomic():
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
    except IntegrityError as error:  # `import_file_once_per_unit`: where the lock does nothing (SQLite)
        refuse_imported_file(issuing_unit=issuing_unit, sha256=digest)
        raise ValidationError("Tệp này vừa được nhập ở một phiên khác; xin tải lại trang để xem.") from error
    record.created_units.set(report.created_units)
    audit(AuditAction.IMPORT, obj=report.plan, by=by, summary=f"{filename[:200]}: {report.plan.title}")
    return record


@transaction.atomic
def import_confirm_issued(*, record: ImportRecord, by) -> Plan:
    """Record the reviewed draft of an imported numbered document as the issued plan it is."""
    if not (record.detected_number and record.detected_date):
        raise ValidationError("Văn bản nhập vào không có số và ngày ban hành.")
    return plan_record_issued(plan=record.plan, by=by, number=record.detected_number, on=record.detected_date)


def is_expected_import_failure(error: Exception) -> bool:
    """Return whether `error` is a refusal the importer means (a bad file, a duplicate), not a fault to log."""
    return isinstance(error, DocumentImportError | ValidationError)


def validation_text(error: ValidationError) -> str:
    """Return a validation error's messages, each naming the field it is about ("Trích yếu: ...")."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, messages in error.message_dict.items():
        label = _field_label(name)
        parts += [f"{label}: {message}" if label else message for message in messages]
    return " ".join(parts)


def _field_label(name: str) -> str:
    """Return the Vietnamese label of a field of the records an import writes, or "" for a form-wide error."""
    for model in (Plan, Section, Task, ReferenceDocument, Unit):
        try:
            return str(model._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:
            continue
    return ""


def import_failure_text(error: Exception) -> str:
    """Return the Vietnamese sentence that tells the person why an import failed, whatever failed.

    The web view and `import_plan` both show it, so a failure is never a 500 page or a traceback.
    """
    if isinstance(error, DocumentImportError):
        return error.message
    if isinstance(error, ValidationError):
        return validation_text(error)
    if isinstance(error, IntegrityError):
        return "Không nhập được văn bản vì dữ liệu của nó vừa được ghi cùng lúc ở phiên khác; chưa có gì được tạo, xin nhập lại tệp."
    if isinstance(error, OperationalError | InterfaceError):
        return "Không nhập được văn bản: cơ sở dữ liệu không trả lời được, chưa có gì được tạo; xin thử lại."
    return (
        "Không nhập được văn bản: cổng gặp lỗi không lường trước khi đọc tệp này, chưa có gì được tạo. "
        "Xin báo quản trị viên kèm tệp, hoặc thử lưu tệp dưới dạng .docx hoặc .txt rồi nhập lại."
    )
