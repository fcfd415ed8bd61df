"""The plan workflow: every legal move, every illegal one, numbering, copying and stale edits."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.versioning import StaleEditError
from plans import services
from plans.choices import PlanStatus
from plans.importing.persist import plan_record_issued
from plans.models import Plan, PlanTransition
from plans.workflows import PLAN_LIFECYCLE
from tests.factories import PlanFactory, SectionFactory, TaskFactory, UserFactory
from units.choices import Role


@pytest.fixture
def draft(world, official):
    plan = services.plan_create(by=official, issuing_unit=world.commune, title="Kế hoạch thử nghiệm")
    services.section_add(plan=plan, numbering="roman", heading="MỤC ĐÍCH, YÊU CẦU", text="")
    return Plan.objects.get(pk=plan.pk)


def test_create_fills_symbol_and_place_from_the_unit(world, official):
    plan = services.plan_create(by=official, issuing_unit=world.commune, title="Kế hoạch A")
    assert plan.symbol == "KH-UBND"
    assert plan.place_name == "Thượng Hồng"
    assert plan.status == PlanStatus.DRAFT


def test_full_journey_records_every_move(draft, official, leader):
    """Given a draft, when it is submitted, returned, resubmitted, approved and issued, each move is one history row."""
    plan = services.plan_submit(plan=draft, by=official)
    plan = services.plan_return(plan=plan, by=leader, comment="Bổ sung căn cứ.")
    assert plan.status == PlanStatus.RETURNED
    plan = services.plan_submit(plan=plan, by=official)
    plan = services.plan_approve(plan=plan, by=leader)
    plan = services.plan_issue(plan=plan, by=leader, on=datetime.date(2025, 9, 12))
    assert (plan.status, plan.number, plan.year, plan.reference) == (PlanStatus.ISSUED, 1, 2025, "01/KH-UBND")
    moves = list(PlanTransition.objects.filter(plan=plan).values_list("from_status", "to_status", "comment"))
    assert moves == [
        ("draft", "submitted", ""),
        ("submitted", "returned", "Bổ sung căn cứ."),
        ("returned", "submitted", ""),
        ("submitted", "approved", ""),
        ("approved", "issued", ""),
    ]


@pytest.mark.parametrize("status", PlanStatus.values)
def test_illegal_moves_raise_and_change_nothing(world, official, leader, status):
    """Given a plan in `status`, when its author or leader tries a move not declared from it, then it is refused."""
    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        status=status,
        number=1 if status in ("issued", "completed") else None,
        year=2025,
        issued_on=datetime.date(2025, 1, 1) if status in ("issued", "completed") else None,
    )
    SectionFactory(plan=plan)
    moves = {
        "submit": lambda: services.plan_submit(plan=plan, by=official),
        "approve": lambda: services.plan_approve(plan=plan, by=leader),
        "return": lambda: services.plan_return(plan=plan, by=leader, comment="Sửa lại."),
        "issue": lambda: services.plan_issue(plan=plan, by=leader),
        "complete": lambda: services.plan_complete(plan=plan, by=leader),
        "record_issued": lambda: plan_record_issued(plan=plan, by=official, number=9, on=datetime.date(2025, 2, 1)),
    }
    assert set(moves) == {move.action for move in PLAN_LIFECYCLE.moves}
    for action, make in moves.items():
        if status in PLAN_LIFECYCLE[action].sources:
            continue
        with pytest.raises(ValidationError):
            make()
        plan.refresh_from_db()
        assert plan.status == status
    assert not PlanTransition.objects.filter(plan=plan).exists()


def test_double_submit_changes_once(draft, official):
    services.plan_submit(plan=draft, by=official)
    with pytest.raises(ValidationError):
        services.plan_submit(plan=draft, by=official)
    assert PlanTransition.objects.filter(plan=draft).count() == 1


def test_return_needs_a_comment(draft, official, leader):
    services.plan_submit(plan=draft, by=official)
    with pytest.raises(ValidationError, match="ý kiến"):
        services.plan_return(plan=draft, by=leader, comment="   ")


def test_submit_needs_content(world, official):
    plan = services.plan_create(by=official, issuing_unit=world.commune, title="Trống")
    with pytest.raises(ValidationError, match="chưa có mục"):
        services.plan_submit(plan=plan, by=official)


def _approved(world, official, title):
    plan = PlanFactory(issuing_unit=world.commune, created_by=official, status=PlanStatus.APPROVED, title=title)
    return plan


def test_numbers_count_per_unit_and_restart_each_year(world, official, leader):
    first = services.plan_issue(plan=_approved(world, official, "A"), by=leader, on=datetime.date(2025, 3, 1))
    second = services.plan_issue(plan=_approved(world, official, "B"), by=leader, on=datetime.date(2025, 12, 30))
    next_year = services.plan_issue(plan=_approved(world, official, "C"), by=leader, on=datetime.date(2026, 1, 2))
    other_unit = PlanFactory(issuing_unit=world.other_commune, created_by=official, status=PlanStatus.APPROVED)
    other_leader = UserFactory(unit=world.other_commune, role=Role.LEADER)
    other = services.plan_issue(plan=other_unit, by=other_leader, on=datetime.date(2025, 5, 1))
    assert [first.number, second.number, next_year.number, other.number] == [1, 2, 1, 1]


def test_issued_plan_cannot_be_edited(draft, official, leader):
    services.plan_submit(plan=draft, by=official)
    services.plan_approve(plan=draft, by=leader)
    services.plan_issue(plan=draft, by=leader)
    with pytest.raises(ValidationError, match="không sửa được"):
        services.plan_update(plan=draft, by=official, expected_version=None, title="Sửa lén")
    with pytest.raises(ValidationError):
        services.section_add(plan=draft, numbering="roman", heading="THÊM")
    assert Plan.objects.get(pk=draft.pk).title == "Kế hoạch thử nghiệm"


def test_stale_edit_is_refused_and_nothing_is_overwritten(draft, official):
    version = Plan.objects.get(pk=draft.pk).version
    services.plan_update(plan=draft, by=official, expected_version=version, title="Bản của người thứ nhất")
    with pytest.raises(StaleEditError):
        services.plan_update(plan=draft, by=official, expected_version=version, title="Bản của người thứ hai")
    assert Plan.objects.get(pk=draft.pk).title == "Bản của người thứ nhất"


def test_period_end_before_start_is_refused(world, official):
    with pytest.raises(ValidationError):
        services.plan_create(
            by=official,
            issuing_unit=world.commune,
            title="X",
            period_start=datetime.date(2025, 12, 31),
            period_end=datetime.date(2025, 7, 1),
        )


def test_task_needs_a_lead_unit(draft):
    with pytest.raises(ValidationError, match="chủ trì"):
        services.task_add(plan=draft, content="Việc không ai làm")
    assert draft.tasks.count() == 0


def test_copy_brings_bases_sections_tasks_and_recipients(world, official, leader):
    source = PlanFactory(
        issuing_unit=world.commune,
        created_by=official,
        status=PlanStatus.ISSUED,
        number=7,
        year=2025,
        issued_on=datetime.date(2025, 9, 1),
    )
    parent = SectionFactory(plan=source, heading="TỔ CHỨC THỰC HIỆN")
    child = SectionFactory(
        plan=source, parent=parent, numbering="arabic", heading="Phòng Văn hóa - Xã hội", task_layout="duties"
    )
    TaskFactory(plan=source, section=child, lead_units=[world.department])
    services.basis_add(plan=PlanFactory(issuing_unit=world.commune, created_by=official), opening="Căn cứ", text="x")
    source.bases.create(opening="Căn cứ", text="Căn cứ Quyết định số 3177/QĐ-UBND", position=1)
    copy = services.plan_copy(plan=source, by=official, title="Kế hoạch năm 2026")
    assert (copy.status, copy.number, copy.title, copy.copied_from) == (
        PlanStatus.DRAFT,
        None,
        "Kế hoạch năm 2026",
        source,
    )
    assert copy.recipients == source.recipients
    assert copy.bases.count() == 1
    copied_child = copy.sections.get(heading="Phòng Văn hóa - Xã hội")
    assert copied_child.parent.heading == "TỔ CHỨC THỰC HIỆN" and copied_child.parent.plan == copy
    task = copy.tasks.get()
    assert task.section == copied_child
    assert list(task.lead_units.all()) == [world.department]
    assert source.tasks.get().section == child


def test_move_swaps_sections_and_numbering_follows(draft):
    second = services.section_add(plan=draft, numbering="roman", heading="NỘI DUNG")
    services.part_move(plan=draft, part=second, step=-1)
    from plans.document import plan_document

    markers = [(p.marker, p.heading) for p in plan_document(draft).body]
    assert markers == [("I.", "NỘI DUNG"), ("II.", "MỤC ĐÍCH, YÊU CẦU")]
