"""Each lifecycle declared once: the status moves of a document, who may make them, what they ask and say.

An app declares its lifecycle in `<app>/workflows.py` as a `Lifecycle` of `Move`s. Everything
else reads that declaration:

- the permission rules: `<app>.<action>_<name>` is registered as "who may" and "the status
  allows it" (`Lifecycle.register_rules`);
- the URL patterns of the moves that are one POST (`Lifecycle.urls`) and the one
  `danvan.views.TransitionView` that serves them;
- the buttons and comment forms on the detail page (`Lifecycle.actions_for`);
- the replay guard (a repeat of a move already made changes nothing);
- `danvan.workflow.move`, which refuses a move the person may not make before it looks at the state;
- docs/workflows.md, whose tables and diagrams are written from the declarations
  (`manage.py workflow_doc`) and checked by a test.

Adding a move is a change to one file: the app's `workflows.py` (and its service, when the move
does more than change the status).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, TextChoices
from django.dispatch import Signal
from django.urls import path, reverse


class Comment(enum.Enum):
    """Whether a move takes a comment from the person making it."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


@dataclass(frozen=True)
class Move:
    """One legal move: from any of `sources` to `target`, for the people `who` admits."""

    action: str
    sources: tuple[str, ...]
    target: str
    # Who may make it, whatever the status: a rules predicate taking (user, document).
    who: rules.Predicate
    # The button, the question asked before the move (none when empty) and the message after it.
    label: str
    done: str
    confirm: str = ""
    # A longer name, for the fold that holds the comment box ("Trả lại kế hoạch kèm ý kiến").
    title: str = ""
    icon: str = ""
    style: str = "primary"
    comment: Comment = Comment.NONE
    comment_label: str = "Ý kiến"
    # Who must be told when it happens: names of audiences the notification work resolves
    # ("author", "leaders", "officials", "unit_heads").
    notify: tuple[str, ...] = ()
    # The URL name of a page with its own form (a report, a score sheet); empty for a plain POST.
    page: str = ""
    # Moves made by the portal itself as part of another step (never offered as a button).
    internal: bool = False

    @property
    def takes_comment(self) -> bool:
        return self.comment is not Comment.NONE

    @property
    def requires_comment(self) -> bool:
        return self.comment is Comment.REQUIRED


# Every declared lifecycle, in the order the apps declare them (docs/workflows.md lists them so).
LIFECYCLES: list[Lifecycle] = []

# Sent once after the commit of every move, with sender=the Lifecycle and move, document, by: the hook
# through which the people a move's `notify` names are told (the notification work listens here).
moved = Signal()
# Sent inside the move's transaction, with the same arguments, for records that must commit or roll back
# with the move itself (the register of outgoing documents writes its line for the number here).
moving = Signal()


class MoveRefused(PermissionDenied):
    """The person may not make this move on this document, whatever its status."""

    def __init__(self, document: Model, move: Move, by):
        self.document, self.move, self.by = document, move, by
        super().__init__(f"{getattr(by, 'username', by)} may not {move.action} {document._meta.label} {document.pk}")


@dataclass(eq=False)  # compared and hashed by identity: one object per declaration, a signal's sender
class Lifecycle:
    """The moves of one kind of document (`name`: "plan"), its statuses and its history table."""

    name: str
    app_label: str
    noun: str
    status: type[TextChoices]
    moves: tuple[Move, ...]
    # The app's TransitionRecord model ("plans.PlanTransition"), resolved lazily.
    history: str
    _services: dict[str, Callable] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        actions = [move.action for move in self.moves]
        if len(actions) != len(set(actions)):
            raise ValueError(f"{self.name}: an action is declared twice")
        known = set(self.status.values)
        for move in self.moves:
            if not {*move.sources, move.target} <= known:
                raise ValueError(f"{self.name}.{move.action}: unknown status")
        LIFECYCLES.append(self)

    # --- reading the declaration ------------------------------------------------------------

    def __getitem__(self, action: str) -> Move:
        for move in self.moves:
            if move.action == action:
                return move
        raise KeyError(f"{self.name} has no move {action!r}")

    @property
    def transitions(self) -> dict[str, set[str]]:
        """Return the table of legal moves, status -> statuses reachable in one move."""
        table: dict[str, set[str]] = {status: set() for status in self.status.values}
        for move in self.moves:
            for source in move.sources:
                table[source].add(move.target)
        return table

    def permission(self, action: str) -> str:
        """Return the name of the rule of `action`, e.g. "plans.issue_plan"."""
        return f"{self.app_label}.{action}_{self.name}"

    def may(self, action: str, user, document) -> bool:
        """Whether `user` may make `action` on `document` now: who they are and the status both allow it."""
        move = self[action]
        return document is not None and document.status in move.sources and move.who.test(user, document)

    def actions_for(self, user, document) -> dict[str, list[dict]]:
        """Return the moves `user` may make on `document` now, each with its URL, in the declared order.

        "buttons" are plain moves and moves with their own page; "comment_forms" need a comment
        typed beside them (templates/includes/workflow_buttons.html, workflow_comment_forms.html).
        """
        actions: dict[str, list[dict]] = {"buttons": [], "comment_forms": []}
        for move in self.moves:
            if move.internal or not self.may(move.action, user, document):
                continue
            url_name = move.page or f"{self.app_label}:{self.name}_{move.action}"
            kind = "comment_forms" if move.requires_comment and not move.page else "buttons"
            actions[kind].append({"move": move, "url": reverse(url_name, args=[document.pk])})
        return actions

    # --- what reads it --------------------------------------------------------------------------

    def register_rules(self) -> None:
        """Register `<app>.<action>_<name>` for every move: its `who`, and its sources as the status condition."""
        for move in self.moves:
            status_allows = rules.predicate(
                functools.partial(_status_in, move.sources), name=f"{self.name}_status_in_{'_'.join(move.sources)}"
            )
            rules.set_perm(self.permission(move.action), move.who & status_allows)

    def urls(self, view, prefix: str) -> list:
        """Return a URL pattern per plain-POST move: `<prefix><action>/`, named `<name>_<action>`."""
        return [
            path(
                f"{prefix}{move.action}/",
                view.as_view(lifecycle=self, action=move.action),
                name=f"{self.name}_{move.action}",
            )
            for move in self.moves
            if not move.page and not move.internal
        ]

    def service(self, action: str):
        """Declare the decorated function as the service of `action`, checking the permission before anything else.

        The service runs in one transaction. A person who may not make the move gets
        `MoveRefused` (403) and one audit row, written after the rollback so it stays.
        """
        move = self[action]

        def decorate(function):
            @functools.wraps(function)
            def run(*, by, **kwargs):
                document = kwargs[self.name]
                try:
                    self.check(move, by, document)
                    with transaction.atomic():
                        return function(by=by, **kwargs)
                except MoveRefused as refusal:
                    _audit_refusal(refusal)
                    raise

            run.move = move
            self._services[action] = run
            return run

        return decorate

    def run(self, action: str, document: Model, *, by, comment: str = ""):
        """Make the plain move `action` through its service, as the generic TransitionView does."""
        kwargs = {self.name: document, "by": by}
        if self[action].takes_comment:
            kwargs["comment"] = comment
        return self._services[action](**kwargs)

    def require_source(self, action: str, document: Model, message: str = "") -> None:
        """Raise ValidationError unless `document`'s status is one `action` leaves from (`message`, or the usual one)."""
        move = self[action]
        if document.status not in move.sources:
            labels = dict(self.status.choices)
            raise ValidationError(
                message or f"Không thể chuyển {self.noun} từ “{labels[document.status]}” sang “{labels[move.target]}”."
            )

    def check(self, move: Move, by, document: Model) -> None:
        """Raise MoveRefused unless `by` may make `move` on `document` (status not considered)."""
        if not move.who.test(by, document):
            raise MoveRefused(document, move, by)


def _status_in(statuses, user, document) -> bool:
    return document is not None and document.status in statuses


def _audit_refusal(refusal: MoveRefused) -> None:
    from danvan.audit import audit
    from danvan.models import AuditAction

    audit(
        AuditAction.ACCESS_DENIED,
        obj=refusal.document,
        by=refusal.by if getattr(refusal.by, "pk", None) else None,
        summary=f"Không có quyền: {refusal.move.label} ({refusal.document})",
    )
