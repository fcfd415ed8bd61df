"""Who is told of a workflow move, and what: the listener of `danvan.lifecycle.moved`.

Each move declares in its app's `workflows.py` the audiences it hands work to (`Move.notify`:
"leaders", "officials", "author", "lead_units", "unit_heads"); this module turns those names
into people and writes one notification per person through `units.services.notify`, which
also mails it as each person chose. The units app knows no other app (dependencies point
downward), so the documents are read through their fields and the reverse relations the
other apps declare on `Unit` (`led_tasks`, `coordinated_tasks`), never imported.
"""

import logging
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.text import Truncator

from units.choices import GOVERNMENT_KINDS, NotificationKind, Role
from units.models import Unit, User
from units.scope import government_of

logger = logging.getLogger(__name__)

# The noun of each lifecycle's document in a sentence ("đã trả lại kế hoạch “…”").
NOUNS = {"plan": "kế hoạch", "report": "báo cáo", "registration": "mô hình", "part": "phần báo cáo"}
# The verb of each move in a sentence; (lifecycle, action) first, then the action alone.
VERBS = {
    ("registration", "submit"): "gửi đăng ký",
    ("part", "submit"): "nộp",
    "submit": "trình",
    "approve": "duyệt",
    "return": "trả lại",
    "issue": "ban hành",
    "complete": "đánh dấu hoàn thành",
    "accept": "chấp nhận",
    "report": "báo cáo kết quả",
    "evaluate": "chấm điểm",
    "recognize": "công nhận",
    "not_recognize": "không công nhận",
    "drop": "dừng",
}
# Moves that hand the next step to the people told; the others tell people what became of their document.
TODO_ACTIONS = {"submit", "report", "evaluate"}


# --- where a document belongs ---------------------------------------------------------------------


def document_government(name: str, document) -> Unit:
    """Return the government (commune, city) a document of lifecycle `name` belongs to."""
    unit = {
        "plan": lambda: document.issuing_unit,
        "report": lambda: document.unit,
        "registration": lambda: document.campaign.issuing_unit,
        "part": lambda: document.cycle.government,
    }[name]()
    return government_of(unit)


def own_unit_ids(government: Unit) -> set[int]:
    """Return the ids of `government` and its units, not those of the governments under it (a city's communes)."""
    ids, frontier = {government.pk}, [government.pk]
    while frontier:
        frontier = list(
            Unit.objects.filter(parent_id__in=frontier)
            .exclude(kind__in=GOVERNMENT_KINDS)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.update(frontier)
    return ids


def _people(role: str, **where) -> QuerySet[User]:
    return User.objects.filter(is_active=True, role=role, **where)


def unit_heads(unit_ids: Iterable[int]) -> QuerySet[User]:
    """Return the active heads of the units `unit_ids`."""
    return _people(Role.UNIT_HEAD, unit_id__in=list(unit_ids))


# --- audiences: a name of Move.notify -> the people it stands for -------------------------------------


def _leaders(name: str, document) -> Iterable[User]:
    return _people(Role.LEADER, unit_id__in=own_unit_ids(document_government(name, document)))


def _officials(name: str, document) -> Iterable[User]:
    return _people(Role.OFFICIAL, unit_id__in=own_unit_ids(document_government(name, document)))


def _author(name: str, document) -> Iterable[User]:
    if name in ("plan", "report"):
        return [document.created_by] if document.created_by.is_active else []
    # A registration and a report part belong to a unit: its heads answer for them.
    return unit_heads([document.unit_id])


def _lead_units(name: str, document) -> Iterable[User]:
    if name != "plan":
        return []
    in_plan = (
        Q(led_tasks__plan=document)
        | Q(coordinated_tasks__plan=document)
        | Q(member_of_groups__led_tasks__plan=document)
        | Q(member_of_groups__coordinated_tasks__plan=document)
    )
    return unit_heads(Unit.objects.filter(in_plan).values_list("pk", flat=True).distinct())


def _unit_heads(name: str, document) -> Iterable[User]:
    return unit_heads([document.unit_id]) if name in ("registration", "part") else []


AUDIENCES: dict[str, Callable[[str, object], Iterable[User]]] = {
    "leaders": _leaders,
    "officials": _officials,
    "author": _author,
    "lead_units": _lead_units,
    "unit_heads": _unit_heads,
}


# --- what they are told --------------------------------------------------------------------------------


def mover_name(by: User) -> str:
    """Return the mover as named in a notification: their name, and their unit unless it is a government."""
    unit = by.unit if by.unit_id else None
    if unit is None or unit.kind in GOVERNMENT_KINDS:
        return by.get_full_name()
    return f"{by.get_full_name()} ({unit.short_name or unit.name})"


def move_text(name: str, action: str, document, *, by: User, comment: str = "", audience: str = "") -> str:
    """Return the sentence telling what `by` did: "Hà Thị Thủy đã trả lại kế hoạch “…”: <comment>"."""
    verb = VERBS.get((name, action)) or VERBS.get(action) or action
    title = Truncator(" ".join(str(document).split())).chars(120)
    text = f"{mover_name(by)} đã {verb} {NOUNS.get(name, '')} “{title}”"
    comment = " ".join((comment or "").split())
    if comment:
        text += f": {Truncator(comment).chars(300)}"
    if audience == "lead_units":
        text += ". Đơn vị của đồng chí có nhiệm vụ chủ trì hoặc phối hợp trong kế hoạch này"
    return text + ("" if text.endswith((".", "!", "?")) else ".")


def move_kind(action: str, audience: str) -> str:
    """Return the kind of notification of `action` for `audience` (the person's email choice is per kind)."""
    if action in TODO_ACTIONS or audience == "lead_units":
        return NotificationKind.TODO
    return NotificationKind.RESULT


def _history_row(lifecycle, move, document, by):
    """Return the history row the move just wrote (its pk and comment make the event's key and text)."""
    history = apps.get_model(lifecycle.history)
    document_field = next(f.name for f in history._meta.fields if f.related_model is type(document))
    rows = history.objects.filter(**{document_field: document, "to_status": move.target, "by": by})
    return rows.order_by("-at", "-pk").first()


def recipients_of_move(lifecycle, move, document, by) -> dict[int, tuple[User, str]]:
    """Return the people `move` names, each once with the first audience that named them, never the mover."""
    people: dict[int, tuple[User, str]] = {}
    for audience in move.notify:
        resolve = AUDIENCES.get(audience)
        if resolve is None:
            logger.warning("%s.%s: audience %r is not known", lifecycle.name, move.action, audience)
            continue
        for person in resolve(lifecycle.name, document):
            if person.pk != by.pk and person.is_active:
                people.setdefault(person.pk, (person, audience))
    return people


def notify_move(lifecycle, move, document, by) -> int:
    """Tell the people `move` names that `by` made it on `document`; return how many notifications are new."""
    from units.services import notify

    if not move.notify:
        return 0
    row = _history_row(lifecycle, move, document, by)
    comment = row.comment if row is not None else ""
    event = row.pk if row is not None else f"{document.pk}-{getattr(document, 'version', '')}"
    key = f"move:{lifecycle.name}:{document.pk}:{move.action}:{event}"
    url = document.get_absolute_url()
    created = 0
    by_audience: dict[str, list[User]] = {}
    for person, audience in recipients_of_move(lifecycle, move, document, by).values():
        by_audience.setdefault(audience, []).append(person)
    for audience, people in by_audience.items():
        created += notify(
            recipients=people,
            text=move_text(lifecycle.name, move.action, document, by=by, comment=comment, audience=audience),
            url=url,
            key=key,
            kind=move_kind(move.action, audience),
        )
    return created


def on_moved(sender, move, document, by, **kwargs) -> None:
    """Receive `danvan.lifecycle.moved`; a failure is logged, never raised, since the move is already committed."""
    try:
        notify_move(sender, move, document, by)
    except Exception:
        logger.exception("Không gửi được thông báo của %s.%s (%s)", sender.name, move.action, document.pk)
