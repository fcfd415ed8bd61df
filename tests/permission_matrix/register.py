"""Rows of the register of outgoing documents: the government's leaders and officials only; other governments 404."""

from tests.permission_matrix.base import Row, only, portal

ROWS: list[Row] = []


def register_entry(commune: str = "own"):
    """Write a register line of our commune (or another's); return its id as URL args."""

    def args(w):
        import datetime

        from django.contrib.contenttypes.models import ContentType

        from register.models import OutgoingEntry
        from units.models import Unit

        unit = w.commune if commune == "own" else w.other_commune
        entry = OutgoingEntry.objects.create(
            issuing_unit=unit,
            year=2025,
            number=OutgoingEntry.objects.filter(issuing_unit=unit).count() + 1,
            symbol="KH-UBND",
            issued_on=datetime.date(2025, 9, 12),
            doc_type="Kế hoạch",
            title="Thực hiện phong trào Dân vận khéo",
            content_type=ContentType.objects.get_for_model(Unit),
            object_id=unit.pk,
        )
        return [entry.pk]

    return args


KEEPERS = only({"official": 200, "leader": 200})

ROWS += [
    Row("register:index", KEEPERS),
    Row("register:book", KEEPERS, args=lambda w: [w.commune.pk, 2025], variant="own commune"),
    Row("register:book_xlsx", KEEPERS, args=lambda w: [w.commune.pk, 2025]),
    Row("register:book_pdf", KEEPERS, args=lambda w: [w.commune.pk, 2025]),
    Row(
        "register:book",
        portal(404, supervisor=403),
        args=lambda w: [w.other_commune.pk, 2025],
        variant="another commune",
    ),
    Row("register:entry_edit", only({"official": 200}), args=register_entry(), variant="own commune"),
    Row(
        "register:entry_edit",
        portal(404, supervisor=403),
        args=register_entry("other"),
        variant="another commune",
    ),
]
