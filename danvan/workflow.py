"""One workflow move of a document (plan, registration, report), the same way for every workflow.

A move is legal when the app's table of moves allows it from the stored status. The
update is conditional on that status, under the row lock, so a double click or a
replayed request changes nothing twice; it writes one history row (the app's
`TransitionRecord` table), one audit row, and, for a model with django-simple-history,
one content-history row named after the new status.
"""

from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction


def move(
    document: Model,
    *,
    to: str,
    transitions: dict[str, set[str]],
    history: type[Model],
    noun: str,
    by,
    comment: str = "",
    **changes,
) -> Model:
    """Move `document` to status `to` if `transitions` allows it; return it as stored now.

    `history` is the app's TransitionRecord model, `noun` the document in Vietnamese
    ("kế hoạch") for the refusal; `changes` are further fields set by the same update.
    """
    model = type(document)
    labels = dict(model._meta.get_field("status").choices)
    locked = model._default_manager.select_for_update().get(pk=document.pk)
    if to not in transitions[locked.status]:
        raise ValidationError(f"Không thể chuyển {noun} từ “{labels[locked.status]}” sang “{labels[to]}”.")
    updated = model._default_manager.filter(pk=locked.pk, status=locked.status).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:  # pragma: no cover - guarded by the row lock on PostgreSQL
        raise ValidationError(f"{noun[:1].upper()}{noun[1:]} vừa được người khác chuyển trạng thái.")
    document_field = next(field.name for field in history._meta.fields if field.related_model is model)
    history.objects.create(**{document_field: locked}, from_status=locked.status, to_status=to, by=by, comment=comment)
    audit(
        AuditAction.TRANSITION,
        obj=locked,
        by=by,
        summary=f"{labels[locked.status]} → {labels[to]}: {locked}" + (f" ({comment})" if comment else ""),
    )
    locked.refresh_from_db()
    if hasattr(model, "history"):
        locked._change_reason = labels[to]
        locked.save(update_fields=["updated_at"])  # one content-history row for the move
    return locked
