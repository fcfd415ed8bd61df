"""Every corpus document, imported through the services, prints back every sentence of its body in order.

The refused documents (a report, a decision, a regulation, an official letter) create nothing.
"""

from pathlib import Path

import pytest

from plans.document import plan_document
from plans.importing import DocumentImportError, read_text
from plans.importing.fidelity import body_of, sentences_kept
from plans.importing.persist import plan_import_file
from plans.importing.snapshot import corpus_documents
from plans.models import ImportRecord, Plan, ReferenceDocument
from units.models import Unit

CORPUS = Path(__file__).resolve().parents[1] / "importing" / "corpus"
DOCUMENTS = corpus_documents(CORPUS)
PLANS = [path for path in DOCUMENTS if path.parts[-2] != "refused"]
REFUSED = [path for path in DOCUMENTS if path.parts[-2] == "refused"]


def _id(path: Path) -> str:
    return str(path.relative_to(CORPUS))


@pytest.mark.parametrize("path", PLANS, ids=_id)
def test_imported_document_prints_every_sentence_in_order(world, official, path):
    data = path.read_bytes()
    record = plan_import_file(
        data=data, filename=path.name, issuing_unit=world.commune, by=official, record_issued=False
    )
    printed = plan_document(record.plan).plain_text()
    kept, total, missing = sentences_kept(body_of(read_text(path)), printed)
    assert missing is None, f"{kept}/{total} sentences printed; first missing: {missing}"
    assert "Chưa xác định" not in printed


@pytest.mark.parametrize("path", REFUSED, ids=_id)
def test_other_document_types_create_nothing(world, official, path):
    units_before = Unit.objects.count()
    with pytest.raises(DocumentImportError) as refusal:
        plan_import_file(
            data=path.read_bytes(), filename=path.name, issuing_unit=world.commune, by=official, record_issued=False
        )
    assert "không phải kế hoạch" in refusal.value.message
    assert not Plan.objects.exists() and not ImportRecord.objects.exists() and not ReferenceDocument.objects.exists()
    assert Unit.objects.count() == units_before
