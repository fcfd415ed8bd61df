"""The "Dân vận khéo" workflow: campaigns, every legal move, every illegal one, deadlines, numbers, reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from danvan.versioning import StaleEditError
from models_registry import services
from models_registry.choices import DEFAULT_FIELDS, RegistrationStatus
from models_registry.models import (
    CampaignReminder,
    Field,
    Indicator,
    Registration,
    RegistrationTransition,
    Score,
)
from models_registry.workflows import REGISTRATION_TRANSITIONS
from tests.factories import RegistrationFactory, UserFactory
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS, TODAY
from units.choices import Role

S = RegistrationStatus


def reload(registration):
    return Registration.objects.get(pk=registration.pk)


def advance(registration, to, world):
    """Drive `registration` from draft to `to` through the services, each move by the person who makes it."""
    path = {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.RETURNED: ["submit", "return"],
        S.ACCEPTED: ["submit", "accept"],
        S.IMPLEMENTING: ["submit", "accept", "start"],
        S.SELF_ASSESSED: ["submit", "accept", "start", "report"],
        S.EVALUATED: ["submit", "accept", "start", "report", "evaluate"],
        S.RECOGNIZED: ["submit", "accept", "start", "report", "evaluate", "recognize"],
        S.NOT_RECOGNIZED: ["submit", "accept", "start", "report", "evaluate", "not_recognize"],
        S.DROPPED: ["drop"],
    }[to]
    for step in path:
        registration = MOVES[step](registration, world)
    return reload(registration)


def _scores(registration):
    return {c.pk: c.max_score - 1 for c in registration.campaign.criteria.all()}


MOVES = {
    "submit": lambda r, w: services.registration_submit(registration=r, by=w.users["unit_head"]),
    "return": lambda r, w: services.registration_return(
        registration=r, by=w.users["official"], comment="Sửa chỉ tiêu."
    ),
    "accept": lambda r, w: services.registration_accept(registration=r, by=w.users["official"]),
    "start": lambda r, w: services.registration_start(registration=r, by=w.users["unit_head"]),
    "report": lambda r, w: services.registration_report(
        registration=r,
        by=w.users["unit_head"],
        self_assessment="Đạt và vượt các chỉ tiêu đề ra.",
        achieved={i.pk: i.target + 1 for i in r.indicators.all()},
    ),
    "evaluate": lambda r, w: services.registration_evaluate(
        registration=r, by=w.users["official"], scores=_scores(r), comment="Mô hình hiệu quả."
    ),
    "recognize": lambda r, w: services.registration_recognize(registration=r, by=w.users["leader"], level="commune"),
    "not_recognize": lambda r, w: services.registration_not_recognize(
        registration=r, by=w.users["leader"], comment="Chưa có sức lan tỏa."
    ),
    "drop": lambda r, w: services.registration_drop(
        registration=r, by=w.users["unit_head"], comment="Đơn vị sáp nhập."
    ),
}
TARGET_OF = {
    "submit": S.SUBMITTED,
    "return": S.RETURNED,
    "accept": S.ACCEPTED,
    "start": S.IMPLEMENTING,
    "report": S.SELF_ASSESSED,
    "evaluate": S.EVALUATED,
    "recognize": S.RECOGNIZED,
    "not_recognize": S.NOT_RECOGNIZED,
    "drop": S.DROPPED,
}


# --- campaigns --------------------------------------------------------------------------------


def test_campaign_defaults_to_the_communes_departments_and_the_five_fields(world, campaign):
    """Given a new campaign, its eligible units are the commune's departments and service units, with five fields."""
    assert set(campaign.eligible_units.all()) == {world.department, world.other_department}
    assert sorted(f.name for f in campaign.offered_fields.all()) == sorted(DEFAULT_FIELDS)
    assert campaign.target_percent == 100
    assert sum(c.max_score for c in campaign.criteria.all()) == 100


def test_campaign_adds_the_communes_own_fields(world, official):
    campaign = services.campaign_create(
        by=official,
        name="Phong trào 2026",
        year=2026,
        registration_deadline=datetime.date(2026, 3, 31),
        report_deadline=datetime.date(2026, 12, 15),
        extra_field_names=["Tôn giáo, dân tộc"],
    )
    added = Field.objects.get(name="Tôn giáo, dân tộc")
    assert added.owner == world.commune
    assert added in campaign.offered_fields.all()


def test_only_officials_launch_campaigns(unit_head, leader):
    for person in (unit_head, leader):
        with pytest.raises(PermissionDenied):
            services.campaign_create(
                by=person,
                name="X",
                year=2025,
                registration_deadline=datetime.date(2025, 9, 30),
                report_deadline=datetime.date(2025, 12, 15),
            )


def test_campaign_refuses_report_deadline_before_registration_deadline(official):
    with pytest.raises(ValidationError):
        services.campaign_create(
            by=official,
            name="Sai hạn",
            year=2025,
            registration_deadline=datetime.date(2025, 12, 30),
            report_deadline=datetime.date(2025, 9, 1),
        )


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


# --- registration rules -------------------------------------------------------------------------


def test_second_registration_of_a_unit_is_refused_with_a_clear_message(draft, campaign, unit_head, field):
    with pytest.raises(ValidationError, match="mỗi đơn vị chỉ đăng ký một mô hình"):
        services.registration_create(
            campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
        )
    assert Registration.objects.filter(campaign=campaign).count() == 1


def test_second_registration_is_allowed_when_the_campaign_allows_several(draft, campaign, unit_head, field):
    campaign.allow_multiple = True
    campaign.save()
    services.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
    )
    assert Registration.objects.filter(campaign=campaign).count() == 2


def test_a_dropped_model_frees_the_units_place(draft, campaign, unit_head, field):
    services.registration_drop(registration=draft, by=unit_head, comment="Không còn phù hợp sau sáp nhập.")
    again = services.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
    )
    assert again.status == S.DRAFT


def test_database_refuses_a_second_exclusive_registration(draft):
    """The partial unique constraint is the backstop behind the service check."""
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(campaign=draft.campaign, unit=draft.unit, exclusive=True)


def test_registering_after_the_deadline_is_blocked_until_an_official_reopens(campaign, unit_head, official, field):
    campaign.registration_deadline = TODAY - datetime.timedelta(days=1)
    campaign.save()
    with pytest.raises(ValidationError, match="hết hạn đăng ký"):
        services.registration_create(
            campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
        )
    services.campaign_set_open(campaign=campaign, by=official, open_=True)
    registration = services.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
    )
    assert services.registration_submit(registration=registration, by=unit_head).status == S.SUBMITTED


def test_first_submission_after_the_deadline_is_refused_but_a_returned_one_may_come_back(
    draft, campaign, unit_head, official
):
    late = TODAY + datetime.timedelta(days=31)
    with pytest.raises(ValidationError, match="hết hạn"):
        services.registration_submit(registration=draft, by=unit_head, today=late)
    services.registration_submit(registration=draft, by=unit_head)
    services.registration_return(registration=reload(draft), by=official, comment="Sửa tên mô hình.")
    again = services.registration_submit(registration=reload(draft), by=unit_head, today=late)
    assert again.status == S.SUBMITTED


@pytest.mark.parametrize("target", ["abc", "NaN", "inf", "-1", "５０", "٥٠", "5_0", "12,345,6"])
def test_non_numeric_target_is_refused(campaign, unit_head, field, target):
    rows = [{"name": "Tỷ lệ hài lòng", "measure": "%", "baseline": "80", "target": target}]
    with pytest.raises(ValidationError, match="Tỷ lệ hài lòng"):
        services.registration_create(
            campaign=campaign, by=unit_head, indicators=rows, field=field, **REGISTRATION_FIELDS
        )
    assert not Registration.objects.exists()


def test_vietnamese_numbers_are_read_the_vietnamese_way(draft):
    assert [i.target for i in draft.indicators.all()] == [Decimal("98.00"), Decimal("1500.00")]
    assert draft.indicators.first().baseline == Decimal("92.00")


def test_indicator_without_a_target_is_refused(campaign, unit_head, field):
    rows = [{"name": "Số hộ tham gia", "measure": "hộ", "baseline": "10", "target": ""}]
    with pytest.raises(ValidationError, match="mục tiêu"):
        services.registration_create(
            campaign=campaign, by=unit_head, indicators=rows, field=field, **REGISTRATION_FIELDS
        )


def test_submission_needs_an_indicator(draft, unit_head):
    services.registration_update(registration=draft, by=unit_head, expected_version=draft.version, indicators=[])
    with pytest.raises(ValidationError, match="chỉ tiêu"):
        services.registration_submit(registration=reload(draft), by=unit_head)


def test_unit_head_cannot_edit_another_units_registration(world, draft):
    other_head = UserFactory(unit=world.department, role=Role.UNIT_HEAD)
    with pytest.raises(PermissionDenied):
        services.registration_update(registration=draft, by=other_head, expected_version=None, name="Sửa lén")
    assert reload(draft).name == REGISTRATION_FIELDS["name"]


def test_submitted_registration_cannot_be_edited(draft, unit_head):
    services.registration_submit(registration=draft, by=unit_head)
    with pytest.raises(PermissionDenied):
        services.registration_update(registration=reload(draft), by=unit_head, expected_version=None, name="Sửa muộn")
    assert reload(draft).name == REGISTRATION_FIELDS["name"]


def test_stale_edit_is_refused_and_nothing_is_overwritten(draft, unit_head):
    version = draft.version
    services.registration_update(registration=draft, by=unit_head, expected_version=version, name="Bản thứ nhất")
    with pytest.raises(StaleEditError):
        services.registration_update(registration=draft, by=unit_head, expected_version=version, name="Bản thứ hai")
    assert reload(draft).name == "Bản thứ nhất"


def test_field_must_be_offered_by_the_campaign(world, campaign, unit_head):
    foreign_field = Field.objects.create(owner=world.other_commune, name="Lĩnh vực của xã khác")
    with pytest.raises(ValidationError, match="Lĩnh vực"):
        services.registration_create(
            campaign=campaign, by=unit_head, indicators=INDICATORS, field=foreign_field, **REGISTRATION_FIELDS
        )


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


# --- continuation -------------------------------------------------------------------------------


@pytest.fixture
def last_year(world, unit_head):
    """A model of the unit head's unit in last year's campaign, carried out and recognized."""
    from tests.factories import CampaignFactory

    old_campaign = CampaignFactory(issuing_unit=world.commune, year=2024, eligible_units=[world.other_department])
    return RegistrationFactory(
        campaign=old_campaign,
        unit=world.other_department,
        status=S.RECOGNIZED,
        recognition_level="commune",
        indicators=[{"name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "measure": "%", "target": 95, "achieved": 96}],
    )


def test_continued_model_must_aim_higher(last_year, campaign, unit_head, field):
    """Given last year's model, a continuation with the same target is refused at submission; a higher one passes."""
    same = [{"name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "measure": "%", "baseline": "96", "target": "95"}]
    fields = {**REGISTRATION_FIELDS, "origin": "continued"}
    registration = services.registration_create(
        campaign=campaign, by=unit_head, indicators=same, field=field, continued_from=last_year, **fields
    )
    assert registration.continued_from == last_year
    with pytest.raises(ValidationError, match="cao hơn năm trước"):
        services.registration_submit(registration=registration, by=unit_head)
    higher = [{**same[0], "target": "98"}]
    services.registration_update(registration=registration, by=unit_head, expected_version=None, indicators=higher)
    assert services.registration_submit(registration=reload(registration), by=unit_head).status == S.SUBMITTED


def test_only_the_units_own_model_can_be_continued(world, last_year, campaign, field):
    other_head = UserFactory(unit=world.department, role=Role.UNIT_HEAD)
    with pytest.raises(ValidationError, match="chính đơn vị"):
        services.registration_create(
            campaign=campaign,
            by=other_head,
            indicators=INDICATORS,
            field=field,
            continued_from=last_year,
            **REGISTRATION_FIELDS,
        )


# --- reminders ----------------------------------------------------------------------------------


def test_remind_emails_unregistered_units_once_a_day(world, campaign, official, django_capture_on_commit_callbacks):
    """Given one unit registered and one not, a reminder goes to the missing unit's people, once per day."""
    world.department.people.update(email="vhxh@thuonghong.gov.vn")
    registered = RegistrationFactory(campaign=campaign, unit=world.other_department, status=S.ACCEPTED)
    assert registered
    with django_capture_on_commit_callbacks(execute=True):
        reminders = services.campaign_remind(campaign=campaign, by=official)
    assert [r.unit for r in reminders] == [world.department]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["vhxh@thuonghong.gov.vn"]
    assert "Dân vận khéo" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.campaign_remind(campaign=campaign, by=official) == []
    assert len(mail.outbox) == 1
    assert CampaignReminder.objects.filter(campaign=campaign).count() == 1
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert len(services.campaign_remind(campaign=campaign, by=official, today=tomorrow)) == 1


def test_remind_records_units_without_an_email_address(world, campaign, official):
    reminders = services.campaign_remind(campaign=campaign, by=official)
    assert {r.unit for r in reminders} == {world.department, world.other_department}
    assert all(r.recipients == "" for r in reminders)


def test_remind_notifies_the_units_people_in_the_portal(world, campaign, official, unit_head):
    """Given an unregistered unit, its people get one notification under the bell linking to the form, once a day."""
    from units.models import Notification

    services.campaign_remind(campaign=campaign, by=official, units=[world.other_department])
    services.campaign_remind(campaign=campaign, by=official, units=[world.other_department])
    notes = list(Notification.objects.filter(recipient=unit_head))
    assert len(notes) == 1
    assert "Dân vận khéo" in notes[0].text
    assert notes[0].url == f"/models/campaigns/{campaign.pk}/register/"
