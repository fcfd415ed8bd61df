"""Write the register lines of the plans and reports issued before the register existed."""

import unicodedata

from django.db import migrations

DOC_TYPES = {"KH": "Kế hoạch", "CTr": "Chương trình"}


def fold(value: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def line(entry_model, content_type, document, **fields):
    reference = f"{fields['number']:02d}/{fields['symbol']}"
    search = fold(" ".join([reference, fields["doc_type"], fields["title"], fields["signer"], fields["recipients"]]))
    return entry_model(content_type=content_type, object_id=document.pk, search_text=search, **fields)


def backfill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OutgoingEntry = apps.get_model("register", "OutgoingEntry")
    Plan = apps.get_model("plans", "Plan")
    PeriodicReport = apps.get_model("reports", "PeriodicReport")
    plan_type, _ = ContentType.objects.get_or_create(app_label="plans", model="plan")
    report_type, _ = ContentType.objects.get_or_create(app_label="reports", model="periodicreport")
    lines = []
    for plan in Plan.objects.filter(number__isnull=False, issued_on__isnull=False).iterator():
        recipients = [r for r in plan.recipients.splitlines() if r.strip()]
        lines.append(
            line(
                OutgoingEntry,
                plan_type,
                plan,
                issuing_unit_id=plan.issuing_unit_id,
                year=plan.year or plan.issued_on.year,
                number=plan.number,
                symbol=plan.symbol,
                issued_on=plan.issued_on,
                doc_type=DOC_TYPES.get(plan.doc_type, plan.doc_type),
                title=plan.title,
                signer=plan.signer_name,
                recipients=plan.recipients,
                copies=max(1, len(recipients)),
            )
        )
    for report in PeriodicReport.objects.filter(number__isnull=False, issued_on__isnull=False).iterator():
        lines.append(
            line(
                OutgoingEntry,
                report_type,
                report,
                issuing_unit_id=report.unit_id,
                year=report.number_year,
                number=report.number,
                symbol="BC-UBND",
                issued_on=report.issued_on,
                doc_type="Báo cáo",
                title=report.title,
                signer=report.signer_name,
                recipients="",
            )
        )
    OutgoingEntry.objects.bulk_create(lines, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0001_outgoing_register"),
        ("plans", "0006_task_tracking"),
        ("reports", "0003_part_transition"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
