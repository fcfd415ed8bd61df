"""The registration workflow: every legal move, every illegal one, then results, scores and recognition."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from models_registry import services
from models_registry.models import (
    Indicator,
    RegistrationTransition,
    Score,
)
from models_registry.workflows import REGISTRATION_TRANSITIONS
from tests.factories import UserFactory
from tests.models_registry.conftest import INDICATORS
from tests.models_registry.workflow_helpers import MOVES, TARGET_OF, S, _scores, advance, reload
from units.choices import Role

# --- the journey ------------------------------------------------------------------------------


def test_full_journey_records_every_move(world, draft, unit_head, official, leader):
    """Given a draft, when it goes all the way to replication, each move is one history row with who and comment."""
    r = services.registration_submit(registration=draft, by=unit_head)
    r = services.registration_return(registration=r, by=official, comment="Bổ sung chỉ tiêu đo được.")
    r = services.registration_update(
        registration=r, by=unit_head, expected_version=r.version, indicators=INDICATORS, name="Một cửa thân thiện"
    )
    assert r.status == S.DRAFT
    r = services.registration_submit(registration=r, by=unit_head)
    r = services.registration_accept(registration=r, by=official)
    r = services.registration_start(registration=r, by=unit_head)
    indicators = list(r.indicators.all())
    r = services.registration_report(
        registration=r,
        by=unit_head,
        self_assessment="Đạt 99% hồ sơ đúng hạn.",
        achieved={indicators[0].pk: "99", indicators[1].pk: "1.620"},
    )
    assert [i.achieved for i in r.indicators.all()] == [Decimal("99.00"), Decimal("1620.00")]
    r = services.registration_evaluate(registration=r, by=official, scores=_scores(r), comment="Tốt.")
    assert r.total_score == Decimal(100 - 6) and r.evaluated_by == official
    r = services.registration_recognize(
        registration=r,
        by=leader,
        level="commune",
        is_exemplary=True,
        commendation_form="certificate",
        commendation_decision="125/QĐ-UBND",
        commendation_date=datetime.date(2025, 12, 20),
    )
    r = services.registration_replicate(registration=r, by=leader, units=[world.department])
    assert list(r.replication_units.all()) == [world.department]
    moves = list(RegistrationTransition.objects.filter(registration=r).values_list("from_status", "to_status", "by"))
    assert moves == [
        ("draft", "submitted", unit_head.pk),
        ("submitted", "returned", official.pk),
        ("returned", "draft", unit_head.pk),
        ("draft", "submitted", unit_head.pk),
        ("submitted", "accepted", official.pk),
        ("accepted", "implementing", unit_head.pk),
        ("implementing", "self_assessed", unit_head.pk),
        ("self_assessed", "evaluated", official.pk),
        ("evaluated", "recognized", leader.pk),
        ("recognized", "recognized", leader.pk),
    ]
    assert (
        RegistrationTransition.objects.get(registration=r, to_status="returned").comment == "Bổ sung chỉ tiêu đo được."
    )


@pytest.mark.parametrize("status", S.values)
def test_illegal_moves_raise_and_change_nothing(world, draft, status):
    """Given a registration in any state, every move the table forbids raises, and nothing is written."""
    registration = advance(draft, status, world)
    before = RegistrationTransition.objects.filter(registration=registration).count()
    for step, target in TARGET_OF.items():
        allowed = REGISTRATION_TRANSITIONS[status] | (
            REGISTRATION_TRANSITIONS[S.DRAFT] if status == S.RETURNED else set()
        )
        if target in allowed:
            continue
        with pytest.raises((ValidationError, PermissionDenied)), transaction.atomic():
            MOVES[step](reload(registration), world)
        assert reload(registration).status == status, step
    assert RegistrationTransition.objects.filter(registration=registration).count() == before


def test_double_submit_changes_once(draft, unit_head):
    services.registration_submit(registration=draft, by=unit_head)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.registration_submit(registration=reload(draft), by=unit_head)
    assert RegistrationTransition.objects.filter(registration=draft).count() == 1


def test_return_needs_a_comment(draft, unit_head, official):
    services.registration_submit(registration=draft, by=unit_head)
    with pytest.raises(ValidationError, match="ý kiến"):
        services.registration_return(registration=reload(draft), by=official, comment="   ")
    assert reload(draft).status == S.SUBMITTED


def test_drop_needs_a_reason_and_is_refused_after_evaluation(world, draft, unit_head):
    with pytest.raises(ValidationError, match="lý do"):
        services.registration_drop(registration=draft, by=unit_head, comment="")
    evaluated = advance(draft, S.EVALUATED, world)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.registration_drop(registration=evaluated, by=unit_head, comment="Muộn rồi")
    assert reload(draft).status == S.EVALUATED


def test_official_of_another_commune_cannot_accept(world, draft, unit_head):
    services.registration_submit(registration=draft, by=unit_head)
    stranger = UserFactory(unit=world.foreign_department, role=Role.OFFICIAL)
    with pytest.raises(PermissionDenied):
        services.registration_accept(registration=reload(draft), by=stranger)
    assert reload(draft).status == S.SUBMITTED


# --- results, scores and recognition ------------------------------------------------------------


def test_report_needs_a_result_for_every_indicator(world, draft, unit_head):
    registration = advance(draft, S.IMPLEMENTING, world)
    first = registration.indicators.first()
    with pytest.raises(ValidationError, match="kết quả"):
        services.registration_report(
            registration=registration, by=unit_head, self_assessment="Tốt", achieved={first.pk: "99"}
        )
    assert reload(registration).status == S.IMPLEMENTING
    assert not Indicator.objects.filter(registration=registration, achieved__isnull=False).exists()


@pytest.mark.parametrize("bad", ["61", "-1", "abc", "", "NaN"])
def test_scores_outside_the_criteria_range_are_refused(world, draft, official, bad):
    """Given a self-assessed model, a score above the maximum, negative or not a number is refused; nothing is saved."""
    registration = advance(draft, S.SELF_ASSESSED, world)
    scores = _scores(registration)
    biggest = max(registration.campaign.criteria.all(), key=lambda c: c.max_score)
    scores[biggest.pk] = bad if bad != "61" else str(biggest.max_score + 1)
    with pytest.raises(ValidationError):
        services.registration_evaluate(registration=registration, by=official, scores=scores)
    assert reload(registration).status == S.SELF_ASSESSED
    assert not Score.objects.filter(registration=registration).exists()


def test_database_refuses_a_score_above_its_maximum(world, draft, official):
    registration = advance(draft, S.EVALUATED, world)
    score = Score.objects.filter(registration=registration).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(score=score.max_score + 1)


def test_recognition_needs_a_level_and_a_full_commendation(world, draft, leader):
    registration = advance(draft, S.EVALUATED, world)
    with pytest.raises(ValidationError, match="cấp công nhận"):
        services.registration_recognize(registration=registration, by=leader, level="")
    with pytest.raises(ValidationError, match="số và ngày"):
        services.registration_recognize(
            registration=registration, by=leader, level="commune", commendation_form="certificate"
        )
    recognized = services.registration_recognize(
        registration=registration, by=leader, level="city", commendation_form="praise"
    )
    assert (recognized.status, recognized.recognition_level) == (S.RECOGNIZED, "city")


def test_unit_head_and_official_cannot_recognize(world, draft):
    registration = advance(draft, S.EVALUATED, world)
    for person in (world.users["unit_head"], world.users["official"]):
        with pytest.raises(PermissionDenied):
            services.registration_recognize(registration=registration, by=person, level="commune")


def test_replication_is_only_for_recognized_models_and_inside_the_commune(world, draft, leader):
    recognized = advance(draft, S.RECOGNIZED, world)
    with pytest.raises(ValidationError, match="thuộc cơ quan"):
        services.registration_replicate(registration=recognized, by=leader, units=[world.foreign_department])
    with pytest.raises(ValidationError, match="ít nhất một"):
        services.registration_replicate(registration=recognized, by=leader, units=[recognized.unit])
