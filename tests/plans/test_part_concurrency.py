"""Two saves of the same part at the same instant: exactly one wins. Run on PostgreSQL (CI), skipped on SQLite."""

import pytest

from plans import services
from plans.forms import BasisEditForm, SectionForm, TaskForm
from plans.models import PlanBasis, Section, Task
from tests.concurrency import postgres_only, run_at_once, the_one_saved
from tests.factories import PlanFactory, SectionFactory, TaskFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    postgres_only("SQLite serialises every write, so two saves can never overlap; this race is checked on PostgreSQL")


def edit_form(kind: str, part, plan, user, text: str):
    """Return the valid form of an edit of `part` begun at version 1, writing `text`."""
    if kind == "basis":
        form = BasisEditForm({"text": f"Căn cứ {text}", "version": 1}, instance=part)
    elif kind == "section":
        data = {"numbering": "roman", "heading": "MỤC ĐÍCH", "text": text, "task_layout": "", "version": 1}
        form = SectionForm(data, instance=part, plan=plan)
    else:
        data = {"content": text, "timeframe_kind": "regular", "lead_units": [user.unit_id], "version": 1}
        form = TaskForm(data, instance=part, plan=plan, user=user)
    assert form.is_valid(), form.errors
    return form


@pytest.mark.parametrize("kind", ["basis", "section", "task"])
def test_two_simultaneous_saves_of_one_part_let_exactly_one_through(kind, world, official):
    """Given a part at version 1, when two people save it at the same instant, then one save is stored and
    the other is refused as stale: the stored text is the winner's and the version moved once."""
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    model = {"basis": PlanBasis, "section": Section, "task": Task}[kind]
    if kind == "basis":
        part = PlanBasis.objects.create(plan=plan, text="Căn cứ bản gốc")
    elif kind == "section":
        part = SectionFactory(plan=plan, heading="MỤC ĐÍCH", text="Bản gốc.")
    else:
        part = TaskFactory(plan=plan, content="Bản gốc.", lead_units=[world.department])
    texts = [f"Bản của người thứ {n}." for n in (1, 2)]

    def save(text):
        form = edit_form(kind, model.objects.get(pk=part.pk), plan, official, text)
        services.part_update(plan=plan, form=form, expected_version=1)

    outcomes = run_at_once([lambda text=text: save(text) for text in texts], timeout=30)

    saved = the_one_saved(texts, outcomes)
    stored = model.objects.get(pk=part.pk)
    assert saved in (stored.content if kind == "task" else stored.text)
    assert stored.version == 2
