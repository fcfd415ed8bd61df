"""Every corpus document parses to its reviewed snapshot and keeps every sentence of its body, in order.

The corpus (tests/importing/corpus/, one folder per failure class of issue 18) holds documents written
for the tests. After a reviewed change of the parser, rewrite a snapshot with
`manage.py import_snapshot --update PATH`; this test fails on any difference.
Django-free: run with `python -m pytest -p no:django --noconftest tests/importing/test_corpus.py`.
"""

import json
from pathlib import Path

import pytest

from plans.importing import parse_plan, read_text
from plans.importing.fidelity import body_of, sentences_kept
from plans.importing.flatten import flatten_text
from plans.importing.snapshot import corpus_documents, document_snapshot, snapshot_path

CORPUS = Path(__file__).parent / "corpus"
DOCUMENTS = corpus_documents(CORPUS)


def _id(path: Path) -> str:
    return str(path.relative_to(CORPUS))


def test_the_corpus_covers_every_failure_class():
    classes = {path.relative_to(CORPUS).parts[0] for path in DOCUMENTS}
    assert classes >= {"1-markup", "2-header", "3-headings", "4-labels", "5-units", "refused"}
    assert all(snapshot_path(path).is_file() for path in DOCUMENTS), "a document has no snapshot"


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_document_matches_its_snapshot(path):
    expected = json.loads(snapshot_path(path).read_text(encoding="utf-8"))
    assert document_snapshot(path) == expected, f"run: manage.py import_snapshot {_id(path)} (then review)"


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.parts[-2] != "refused"], ids=_id)
def test_document_keeps_every_sentence_in_order(path):
    source = read_text(path)
    kept, total, missing = sentences_kept(body_of(source), flatten_text(parse_plan(source)))
    assert missing is None, f"{kept}/{total} sentences kept; first missing: {missing}"


def test_an_appendix_that_is_not_a_table_is_kept_word_for_word():
    source = read_text(CORPUS / "6-dropped" / "ha-lam-2025-appendix-form.txt")
    plan = parse_plan(source)
    appendix = source[source.index("PHỤ LỤC") :]
    kept, total, missing = sentences_kept(appendix, flatten_text(plan))
    assert missing is None, f"{kept}/{total} appendix sentences kept; first missing: {missing}"
    assert plan.sections[-1].heading == "PHỤ LỤC"


REFUSED_TYPES = {"bao-cao": "báo cáo", "quyet-dinh": "quyết định", "quy-che": "quy chế", "cong-van": "công văn"}


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.parts[-2] == "refused"], ids=_id)
def test_other_document_types_are_refused_naming_the_type(path):
    kind = next(value for key, value in REFUSED_TYPES.items() if path.name.startswith(key))
    refusal = document_snapshot(path)["refused"]
    assert refusal.startswith(f"Văn bản này là {kind}"), refusal
