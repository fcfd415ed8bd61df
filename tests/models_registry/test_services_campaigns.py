"""Campaign services: launching a campaign with its units and fields, and reminding units that have not registered."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from models_registry import services
from models_registry.choices import DEFAULT_FIELDS
from models_registry.models import (
    CampaignReminder,
    Field,
)
from tests.factories import RegistrationFactory
from tests.models_registry.conftest import TODAY
from tests.models_registry.workflow_helpers import S

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
