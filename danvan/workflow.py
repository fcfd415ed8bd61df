"""One workflow move of a document (plan, registration, report, report part), the same way for every lifecycle.

A move is made only by someone its declaration admits (`danvan.lifecycle.Move.who`),
checked before the status is looked at, and only from one of its declared statuses.
The update is conditional on that status, under the row lock, so a double click or a
replayed request changes nothing twice; it writes one history row (the app's
`TransitionRecord` table), one audit row, and, for a model with django-simple-history,
one content-history row named after the new status; inside the transaction it sends
`danvan.lifecycle.moving` (records that commit with the move), after the commit `danvan.lifecycle.moved`,
for the people the move's declaration says must be told.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from danvan.audit import audit
from danvan.lifecycle import Lifecycle, moved, moving
from danvan.models import AuditAction


def move(document: Model, lifecycle: Lifecycle, action: str, *, by, comment: str = "", **changes) -> Model:
    """Make the declared move `action` of `lifecycle` on `document`; return the document as stored now.

    `changes` are further fields set by the same update (the number and date of an issue).
    """
    declared = lifecycle[action]
    model = type(document)
    labels = dict(model._meta.get_field("status").choices)
    locked = model._default_manager.select_for_update().get(pk=document.pk)
    lifecycle.check(declared, by, locked)
    lifecycle.require_source(action, locked)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        changes["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=locked.pk, status=locked.status).update(
        status=declared.target, version=F("version") + 1, **changes
    )
    if not updated:  # pragma: no cover - guarded by the row lock on PostgreSQL
        noun = lifecycle.noun
        raise ValidationError(f"{noun[:1].upper()}{noun[1:]} vừa được người khác chuyển trạng thái.")
    history = apps.get_model(lifecycle.history)
    document_field = next(f.name for f in history._meta.fields if f.related_model is model)
    history.objects.create(
        **{document_field: locked}, from_status=locked.status, to_status=declared.target, by=by, comment=comment
    )
    audit(
        AuditAction.TRANSITION,
        obj=locked,
        by=by,
        summary=f"{labels[locked.status]} → {labels[declared.target]}: {locked}" + (f" ({comment})" if comment else ""),
    )
    locked.refresh_from_db()
    if hasattr(model, "history"):
        locked._change_reason = labels[declared.target]
        locked.save(update_fields=["updated_at"])  # one content-history row for the move
    moving.send(sender=lifecycle, move=declared, document=locked, by=by)
    transaction.on_commit(lambda: moved.send(sender=lifecycle, move=declared, document=locked, by=by))
    return locked
