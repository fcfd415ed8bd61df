"""Writes of the reports app: creating, regenerating, editing and moving periodic reports."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.audit import audit
from danvan.issued import next_number
from danvan.models import AuditAction
from danvan.versioning import StaleEditError, bump_version
from danvan.workflow import move
from plans.choices import TaskStatus
from plans.models import Task
from reports.choices import EDITABLE_STATUSES, PartStatus, PeriodKind, ReportStatus
from reports.models import PeriodicReport, ReportCycle, UnitPart
from reports.selectors import CommuneFigures, Period, commune_figures, period_tasks
from reports.workflows import PART_LIFECYCLE, REPORT_LIFECYCLE
from units.choices import OPERATIONAL_KINDS, NotificationKind, Role, UnitKind
from units.models import Unit
from units.scope import subtree_ids
from units.services import notify


def report_period(report: PeriodicReport) -> Period:
    return Period(report.period_kind, report.year)


def report_figures(report: PeriodicReport) -> CommuneFigures:
    """Return the figures a report shows: its stored snapshot, or the live figures if none was ever taken."""
    if report.figures:
        return CommuneFigures.from_dict(report.figures)
    return commune_figures(report.unit, report_period(report))


def narrative_from_figures(figures: CommuneFigures) -> dict[str, str]:
    """Return the three narrative sections pre-filled with the facts, for the official to rewrite."""
    s = figures.summary
    period = figures.period_label
    if figures.is_empty:
        empty = f"Trong {period}, chưa có số liệu về kế hoạch, nhiệm vụ hay mô hình “Dân vận khéo” trên Cổng."
        return {"results": empty, "limitations_and_causes": "", "proposals": ""}
    by_status = {row["status"]: row["n"] for row in figures.tasks_by_status}
    results = [
        f"1. Công tác ban hành kế hoạch: trong {period}, đã ban hành {s['plans_issued']} kế hoạch.",
        f"2. Thực hiện nhiệm vụ: tổng số {s['tasks_total']} nhiệm vụ, đã hoàn thành {s['tasks_done']} "
        f"({s['tasks_done_percent']}%), đang thực hiện {by_status.get('in_progress', 0)}, "
        f"chưa thực hiện {by_status.get('not_started', 0)}.",
        f"3. Phong trào thi đua “Dân vận khéo” năm {figures.year}: {s['registrations']} mô hình, điển hình đăng ký, "
        f"{s['recognized']} mô hình được công nhận; {s['counted']}/{s['eligible']} đơn vị có mô hình được chấp nhận "
        f"({s['coverage_percent']}%).",
    ]
    if figures.exemplars:
        results.append("Mô hình tiêu biểu: " + "; ".join(f"{e['name']} ({e['unit']})" for e in figures.exemplars) + ".")
    if s["tasks_late"]:
        units = ", ".join(f"{row['unit']} ({row['n']})" for row in figures.late_by_unit[:10])
        limitations = f"Còn {s['tasks_late']} nhiệm vụ chậm so với thời hạn" + (
            f", tập trung ở: {units}." if units else "."
        )
        proposals = (
            f"Đề nghị các đơn vị chủ trì tập trung hoàn thành {s['tasks_late']} nhiệm vụ chậm tiến độ, "
            "báo cáo kết quả đúng hạn trên Cổng."
        )
    else:
        limitations = "Không có nhiệm vụ chậm so với thời hạn."
        proposals = "Tiếp tục duy trì, nhân rộng các mô hình “Dân vận khéo” có hiệu quả."
    return {"results": "\n".join(results), "limitations_and_causes": limitations, "proposals": proposals}


def units_parts_text(government: Unit, period: Period) -> str:
    """Return the parts the units sent in the period's report cycle, one paragraph each, for the report to compile."""
    parts = UnitPart.objects.filter(
        cycle__government=government,
        cycle__period_kind=period.kind,
        cycle__year=period.year,
        status=PartStatus.SUBMITTED,
    ).select_related("unit")
    lines = [f"- {part.unit.name}: {' '.join(part.narrative.split())}" for part in parts]
    return "4. Kết quả của các đơn vị:\n" + "\n".join(lines) if lines else ""


def default_title(period: Period) -> str:
    return f"Kết quả thực hiện công tác dân vận {period.label}"


def period_narrative(unit: Unit, period: Period, figures: CommuneFigures) -> dict[str, str]:
    """Return the narrative pre-filled from the figures, with the parts the units sent for the period."""
    narrative = narrative_from_figures(figures)
    parts = units_parts_text(unit, period)
    if parts:
        narrative["results"] += "\n" + parts
    return narrative


@transaction.atomic
def report_create(*, unit: Unit, period_kind: str, year: int, by, fill: bool = True) -> PeriodicReport:
    """Start the report of `unit` (a commune) for a period, with figures and narrative pre-filled.

    With `fill=False` the draft is saved at once without figures (`figures_at` empty), for the
    `report_figures` job (reports/jobs.py) to fill: the page answers before the figures are counted.
    """
    if unit.kind != UnitKind.COMMUNE:
        raise ValidationError("Chỉ Ủy ban nhân dân xã, phường lập báo cáo định kỳ trên Cổng.")
    if period_kind not in PeriodKind.values or not 2000 <= year <= 2100:
        raise ValidationError("Kỳ báo cáo không hợp lệ.")
    if PeriodicReport.objects.filter(unit=unit, period_kind=period_kind, year=year).exists():
        raise ValidationError("Kỳ này đã có báo cáo; hãy mở báo cáo đó để sửa hoặc cập nhật số liệu.")
    period = Period(period_kind, year)
    report = PeriodicReport(
        unit=unit, period_kind=period_kind, year=year, title=default_title(period), figures={}, created_by=by
    )
    if fill:
        figures = commune_figures(unit, period)
        report.figures, report.figures_at = figures.as_dict(), timezone.now()
        for name, text in period_narrative(unit, period, figures).items():
            setattr(report, name, text)
    report.full_clean(exclude=["created_by"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:
        raise ValidationError("Kỳ này đã có báo cáo; hãy mở báo cáo đó để sửa hoặc cập nhật số liệu.") from error
    audit(AuditAction.CREATE, obj=report, summary=str(report), by=by)
    return report


def _lock_editable(report: PeriodicReport, expected_version: int | None) -> PeriodicReport:
    locked = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(f"Báo cáo đang ở trạng thái “{locked.get_status_display()}” nên không sửa được.")
    bump_version(
        locked,
        expected_version,
        message="Báo cáo vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại.",
    )
    return locked


@transaction.atomic
def report_update(*, report: PeriodicReport, by, expected_version: int | None, **fields) -> PeriodicReport:
    """Save the title and narrative of an editable report, refusing a stale edit."""
    locked = _lock_editable(report, expected_version)
    for name in ("title", "addressees", "results", "limitations_and_causes", "proposals"):
        if name in fields:
            setattr(locked, name, fields[name])
    locked.full_clean(exclude=["created_by"])
    locked.save()
    audit(AuditAction.UPDATE, obj=locked, by=by, summary=", ".join(sorted(fields)) or locked.title)
    return locked


@transaction.atomic
def report_regenerate(*, report: PeriodicReport, by, refill_narrative: bool = False) -> PeriodicReport:
    """Refresh an editable report's figures from the data as it stands now; the narrative is kept unless asked.

    The first fill of a draft saved without figures also writes the sections still empty (an official
    may have started writing while the figures were counted: what they wrote is kept).
    """
    locked = _lock_editable(report, None)
    first_fill = locked.figures_at is None
    period = report_period(locked)
    figures = commune_figures(locked.unit, period)
    locked.figures = figures.as_dict()
    locked.figures_at = timezone.now()
    if refill_narrative or first_fill:
        for name, text in period_narrative(locked.unit, period, figures).items():
            if refill_narrative or not getattr(locked, name).strip():
                setattr(locked, name, text)
    locked.save()
    audit(
        AuditAction.UPDATE, obj=locked, by=by, summary="Cập nhật số liệu" + (" và nội dung" if refill_narrative else "")
    )
    return locked


@REPORT_LIFECYCLE.service("submit")
def report_submit(*, report: PeriodicReport, by) -> PeriodicReport:
    """Send a draft or returned report to the leader."""
    if not (report.results or "").strip():
        raise ValidationError("Báo cáo chưa có phần kết quả đạt được: hãy viết trước khi trình duyệt.")
    return move(report, REPORT_LIFECYCLE, "submit", by=by)


@REPORT_LIFECYCLE.service("approve")
def report_approve(*, report: PeriodicReport, by, comment: str = "") -> PeriodicReport:
    """Approve a submitted report, which then waits for its number."""
    return move(report, REPORT_LIFECYCLE, "approve", by=by, comment=comment)


@REPORT_LIFECYCLE.service("return")
def report_return(*, report: PeriodicReport, by, comment: str) -> PeriodicReport:
    """Send a submitted or approved report back to the official with a comment."""
    if not comment.strip():
        raise ValidationError("Cần ghi ý kiến khi trả lại báo cáo.")
    return move(report, REPORT_LIFECYCLE, "return", by=by, comment=comment.strip())


@REPORT_LIFECYCLE.service("issue")
def report_issue(*, report: PeriodicReport, by, on=None) -> PeriodicReport:
    """Issue an approved report: take the figures' snapshot, render the PDF, then assign the next N/BC-UBND
    of its unit and year and store the PDF, at once.

    As plans.services.plan_issue does: a report that cannot be printed stays approved and uses
    no number (danvan/issued.py); the unit's row is locked while the number is checked and taken,
    the unique constraint is the backstop. The snapshot never changes afterwards.
    """
    report = PeriodicReport.objects.get(pk=report.pk)  # as stored now: the caller's copy may be older
    REPORT_LIFECYCLE.require_source("issue", report)  # before rendering: a refused move costs no layout
    day = on or timezone.localdate()
    figures = commune_figures(report.unit, report_period(report), today=day).as_dict()

    def take_number(*, lock: bool) -> dict:
        series = PeriodicReport.objects.filter(unit_id=report.unit_id, number_year=day.year)
        return {
            "number": next_number(series, unit_id=report.unit_id, lock=lock),
            "number_year": day.year,
            "issued_on": day,
            "issued_at": timezone.now(),
            "figures": figures,
            "figures_at": timezone.now(),
            "signer_name": by.full_name or by.get_username(),
        }

    from reports.exports import ISSUED_COPY  # here, so only issuing loads the document renderer

    return ISSUED_COPY.issue(
        report,
        lifecycle=REPORT_LIFECYCLE,
        by=by,
        status=ReportStatus.ISSUED,
        take_number=take_number,
        taken="Số báo cáo vừa được cấp cho báo cáo khác; xin bấm Ban hành lại.",
    )


# --- report cycles: every unit sends its part to the office -------------------------------------------


def responsible_units(government: Unit, period: Period):
    """Return the units asked for a part: the commune's operational units and every unit leading a task in the period."""
    unit_ids = subtree_ids(government)
    tasks = period_tasks(unit_ids, period)
    leading = Task.lead_units.through.objects.filter(task_id__in=tasks.values("pk")).values("unit_id")
    return (
        Unit.objects.filter(pk__in=unit_ids)
        .filter(Q(parent=government, kind__in=OPERATIONAL_KINDS, active_to__isnull=True) | Q(pk__in=leading))
        .exclude(pk=government.pk)
        .order_by("position", "name")
    )


def part_task_progress(part: UnitPart) -> list[dict]:
    """Return the progress of the tasks the part's unit leads in the cycle's period, as it last reported it."""
    period = Period(part.cycle.period_kind, part.cycle.year)
    tasks = period_tasks(subtree_ids(part.cycle.government), period).led_by(part.unit_id)
    return [
        {
            "id": t["pk"],
            "content": t["content"][:300],
            "status": str(TaskStatus(t["status"]).label),
            "progress": t["progress"],
            "reported_on": f"{t['last_reported_on']:%d/%m/%Y}" if t["last_reported_on"] else "",
        }
        for t in tasks.order_by("plan_id", "position", "pk").values(
            "pk", "content", "status", "progress", "last_reported_on"
        )
    ]


@transaction.atomic
def cycle_open(*, government: Unit, period_kind: str, year: int, deadline, by) -> ReportCycle:
    """Open a report cycle and ask every responsible unit for its part, pre-filled with its tasks' progress."""
    if government.kind != UnitKind.COMMUNE:
        raise ValidationError("Chỉ Ủy ban nhân dân xã, phường mở đợt báo cáo trên Cổng.")
    if ReportCycle.objects.filter(government=government, period_kind=period_kind, year=year).exists():
        raise ValidationError("Kỳ này đã có đợt báo cáo.")
    cycle = ReportCycle(government=government, period_kind=period_kind, year=year, deadline=deadline, opened_by=by)
    cycle.full_clean(exclude=["opened_by"])
    cycle.save()
    parts = UnitPart.objects.bulk_create(
        UnitPart(cycle=cycle, unit=unit) for unit in responsible_units(government, Period(period_kind, year))
    )
    for part in parts:
        part.cycle = cycle
        part.task_progress = part_task_progress(part)
        part.narrative = "\n".join(
            f"- {row['content'][:120]}: {row['status'].lower()}, {row['progress']}%" for row in part.task_progress
        )
        part.save(update_fields=["task_progress", "narrative"])
        notify(
            recipients=part.unit.people.filter(is_active=True, role=Role.UNIT_HEAD),
            text=f"{cycle}: đề nghị đơn vị nộp phần báo cáo trước ngày {deadline:%d/%m/%Y}.",
            url=part.get_absolute_url(),
            key=f"report-cycle-{cycle.pk}-part-{part.pk}-open",
            kind=NotificationKind.TODO,
        )
    audit(AuditAction.CREATE, obj=cycle, summary=str(cycle), by=by)
    return cycle


@PART_LIFECYCLE.service("submit")
def part_submit(*, part: UnitPart, by, narrative: str, expected_version: int | None) -> UnitPart:
    """Send the unit's part to the office, refreshing its tasks' progress; refuse a stale edit."""
    locked = UnitPart.objects.select_for_update().select_related("cycle").get(pk=part.pk)
    PART_LIFECYCLE.require_source("submit", locked, "Đơn vị đã nộp phần báo cáo; chờ văn phòng xem xét.")
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError(
            "Phần báo cáo vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại."
        )
    if not narrative.strip():
        raise ValidationError("Cần viết tóm tắt kết quả của đơn vị trước khi nộp.")
    return move(
        locked,
        PART_LIFECYCLE,
        "submit",
        by=by,
        narrative=narrative,
        task_progress=part_task_progress(locked),
        submitted_at=timezone.now(),
        submitted_by=by,
    )


@PART_LIFECYCLE.service("return")
def part_return(*, part: UnitPart, by, comment: str) -> UnitPart:
    """Send a submitted part back to its unit with a comment; its heads are told (the move's `notify`)."""
    if not comment.strip():
        raise ValidationError("Cần ghi ý kiến khi trả lại phần báo cáo.")
    return move(part, PART_LIFECYCLE, "return", by=by, comment=comment.strip(), return_comment=comment.strip())


def cycle_remind(*, cycle: ReportCycle, by, today=None) -> int:
    """Remind the heads of units that have not sent their part (pending or returned); once per unit and day."""
    today = today or timezone.localdate()
    sent = 0
    for part in cycle.parts.exclude(status=PartStatus.SUBMITTED).select_related("unit"):
        sent += notify(
            recipients=part.unit.people.filter(is_active=True, role=Role.UNIT_HEAD),
            text=f"{cycle}: đề nghị đơn vị nộp phần báo cáo, hạn {cycle.deadline:%d/%m/%Y}.",
            url=part.get_absolute_url(),
            key=f"report-cycle-{cycle.pk}-part-{part.pk}-{today:%Y%m%d}",
            kind=NotificationKind.REMINDER,
        )
    return sent
