"""Readable history of a plan: every edit of its header, bases, sections and tasks, field by field."""

from dataclasses import dataclass
from datetime import datetime

from plans.models import Plan, PlanBasis, Section, Task

HIDDEN_FIELDS = {"version", "position", "updated_at", "number_key"}


@dataclass
class Change:
    at: datetime
    who: str
    what: str
    field: str
    old: str
    new: str


def _label(model, field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except Exception:
        return field_name


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def _diffs(records, model, what) -> list[Change]:
    """Return the field changes between consecutive historical records of one object."""
    changes = []
    previous_by_object = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = previous_by_object.get(record.id)
        who = record.history_user.get_full_name() if record.history_user else "hệ thống"
        if previous is None:
            if record.history_type == "+":
                changes.append(Change(record.history_date, who, what(record), "", "", "Thêm mới"))
        elif record.history_type == "-":
            changes.append(Change(record.history_date, who, what(record), "", "", "Đã xóa"))
        else:
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            for change in delta.changes:
                changes.append(
                    Change(
                        record.history_date,
                        who,
                        what(record),
                        _label(model, change.field),
                        _short(change.old),
                        _short(change.new),
                    )
                )
        previous_by_object[record.id] = record
    return changes


def plan_changes(plan: Plan, limit: int = 200) -> list[Change]:
    """Return the newest `limit` changes to the plan and its parts, newest first."""
    changes = _diffs(plan.history.select_related("history_user"), Plan, lambda r: "Kế hoạch")
    changes += _diffs(
        PlanBasis.history.filter(plan_id=plan.pk).select_related("history_user"), PlanBasis, lambda r: "Căn cứ"
    )
    changes += _diffs(
        Section.history.filter(plan_id=plan.pk).select_related("history_user"),
        Section,
        lambda r: f"Mục “{(r.heading or r.text)[:40]}”",
    )
    changes += _diffs(
        Task.history.filter(plan_id=plan.pk).select_related("history_user"),
        Task,
        lambda r: f"Nhiệm vụ “{r.content[:40]}”",
    )
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]
