"""docs/workflows.md is written from the lifecycle declarations, and a difference fails here."""

import dataclasses
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.lifecycle import LIFECYCLES
from danvan.lifecycle_doc import render, update
from plans.choices import PlanStatus
from plans.workflows import PLAN_LIFECYCLE

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflows.md"


def test_every_lifecycle_is_declared_once():
    assert sorted(lifecycle.name for lifecycle in LIFECYCLES) == ["part", "plan", "registration", "report"]


def test_the_page_matches_the_declarations():
    """Given the page in the repository, regenerating it from the declarations changes nothing."""
    text = DOC.read_text(encoding="utf-8")
    assert update(text, LIFECYCLES) == text, "run `python manage.py workflow_doc`"


def test_a_changed_declaration_changes_the_page():
    """Given one more source status for a move, the regenerated page shows the new edge and table row."""
    moves = tuple(
        dataclasses.replace(move, sources=(*move.sources, PlanStatus.DRAFT)) if move.action == "complete" else move
        for move in PLAN_LIFECYCLE.moves
    )
    changed = dataclasses.replace(PLAN_LIFECYCLE, moves=moves, _services={})
    LIFECYCLES.remove(changed)  # the copy registered itself; only the real declarations stay listed
    assert "draft --> completed: complete" in render(changed)
    assert "draft --> completed: complete" not in render(PLAN_LIFECYCLE)
    text = DOC.read_text(encoding="utf-8")
    assert update(text, [changed]) != text


def test_a_page_without_markers_is_refused():
    with pytest.raises(ValueError, match="plan"):
        update("# Workflows\n", [PLAN_LIFECYCLE])


def test_the_command_writes_and_checks_the_page(tmp_path, monkeypatch):
    """Given a stale copy of the page, --check fails; the command rewrites it; then --check passes."""
    from danvan.management.commands import workflow_doc

    page = tmp_path / "workflows.md"
    page.write_text(DOC.read_text(encoding="utf-8").replace("--> submitted: submit", "--> submitted: gửi"), "utf-8")
    monkeypatch.setattr(workflow_doc, "DOC", page)
    with pytest.raises(CommandError):
        call_command("workflow_doc", "--check")
    call_command("workflow_doc")
    call_command("workflow_doc", "--check")
    assert page.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
