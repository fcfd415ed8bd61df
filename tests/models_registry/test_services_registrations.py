"""Registration rules: one place per unit, deadlines, indicators and numbers, editing, continuing last year's model."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from danvan.versioning import StaleEditError
from models_registry import services
from models_registry.models import (
    Field,
    Registration,
)
from tests.factories import RegistrationFactory, UserFactory
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS, TODAY
from tests.models_registry.workflow_helpers import S, reload
from units.choices import Role

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
