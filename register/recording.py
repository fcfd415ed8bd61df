"""Writing the register: one line for each number given, in the transaction that gives it.

Each kind of outgoing document names, in `LINES`, how its line reads; the listener of
`danvan.lifecycle.moving` writes the line when a move of that lifecycle reaches "issued"
(a leader's issuance, or recording a plan issued before the portal). Being inside the
move's transaction, a rolled-back issuance leaves no line and a line never lacks its number.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.dispatch import receiver

from danvan.lifecycle import moving
from register.models import OutgoingEntry

ISSUED = "issued"


def plan_line(plan) -> dict:
    return {
        "issuing_unit_id": plan.issuing_unit_id,
        "year": plan.year or plan.issued_on.year,
        "number": plan.number,
        "symbol": plan.symbol,
        "issued_on": plan.issued_on,
        "doc_type": plan.get_doc_type_display(),
        "title": plan.title,
        "signer": plan.signer_name,
        "recipients": plan.recipients,
        "copies": max(1, len(plan.recipient_list)),
    }


def report_line(report) -> dict:
    from reports.choices import REPORT_SYMBOL

    return {
        "issuing_unit_id": report.unit_id,
        "year": report.number_year,
        "number": report.number,
        "symbol": REPORT_SYMBOL,
        "issued_on": report.issued_on,
        "doc_type": "Báo cáo",
        "title": report.title,
        "signer": report.signer_name,
        "recipients": report.addressees,
        "copies": max(1, len([line for line in report.addressees.splitlines() if line.strip()])),
    }


# Lifecycle name -> the fields of the register line of one of its issued documents.
LINES: dict[str, Callable[[Model], dict]] = {"plan": plan_line, "report": report_line}


def record(document: Model, lifecycle_name: str, *, by=None) -> OutgoingEntry:
    """Write (or return, when already written) the register line of an issued `document` of that lifecycle."""
    fields = LINES[lifecycle_name](document)
    entry, _created = OutgoingEntry.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        defaults={**fields, "registered_by": by},
    )
    return entry


@receiver(moving, dispatch_uid="register.recording")
def record_issued(sender, move, document, by, **kwargs):
    if move.target == ISSUED and sender.name in LINES:
        record(document, sender.name, by=by)
