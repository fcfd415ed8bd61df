"""Notifications: written once per key, counted under the bell, marked read; told on every declared move,
in the app and by email as each person chose (at once, a daily digest, or in-app only)."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse

from danvan.lifecycle import LIFECYCLES, moved
from tests.conftest import client_for
from tests.danvan.test_lifecycle_services import MAKERS, call
from tests.factories import TaskFactory, UserFactory
from units.choices import EmailStatus, NotificationKind, NotificationMode, Role
from units.models import Notification, NotificationDigest, UnitGroup
from units.services import notify

LIFECYCLE_OF = {lifecycle.name: lifecycle for lifecycle in LIFECYCLES}


def test_notify_with_a_key_writes_once(world, official):
    assert notify(recipients=[official], text="Nhiệm vụ sắp đến hạn", key="reminder:task:1:2025-11-23") == 1
    assert notify(recipients=[official], text="Nhiệm vụ sắp đến hạn", key="reminder:task:1:2025-11-23") == 0
    assert Notification.objects.filter(recipient=official).count() == 1


def test_bell_shows_the_unread_count_and_reading_clears_it(world, official):
    notify(recipients=[official], text="Kế hoạch đã được duyệt", url="/plans/")
    notify(recipients=[official], text="Kế hoạch đã được ban hành", url="/plans/")
    client = client_for(official)
    assert 'id="nav-unread">2<' in client.get(reverse("home")).content.decode()
    page = client.get(reverse("units:notification_list")).content.decode()
    assert "Kế hoạch đã được duyệt" in page
    client.post(reverse("units:notification_read"))
    assert 'id="nav-unread"' not in client.get(reverse("home")).content.decode()


def test_people_only_see_and_mark_their_own(world, official, leader):
    notify(recipients=[leader], text="Việc của lãnh đạo")
    client = client_for(official)
    assert "Việc của lãnh đạo" not in client.get(reverse("units:notification_list")).content.decode()
    client.post(reverse("units:notification_read"), {"id": [str(n.pk) for n in Notification.objects.all()]})
    assert Notification.objects.get().read_at is None


def test_read_refuses_an_outside_next_url(world, official):
    response = client_for(official).post(reverse("units:notification_read"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("units:notification_list")


# --- every move that hands work to someone tells exactly the people its declaration names -------------

# (lifecycle, action) -> who makes the move, and the people of `people` who must be told (never the mover).
TOLD = {
    ("plan", "submit"): ("official", {"leader", "leader2"}),
    ("plan", "approve"): ("leader", {"official"}),
    ("plan", "return"): ("leader", {"official"}),
    ("plan", "issue"): ("leader", {"official", "unit_head", "dept_head"}),
    ("registration", "submit"): ("unit_head", {"official", "official2"}),
    ("registration", "accept"): ("official", {"unit_head"}),
    ("registration", "return"): ("official", {"unit_head"}),
    ("registration", "report"): ("unit_head", {"official", "official2"}),
    ("registration", "evaluate"): ("official", {"leader", "leader2"}),
    ("registration", "recognize"): ("leader", {"unit_head"}),
    ("registration", "not_recognize"): ("leader", {"unit_head"}),
    ("registration", "drop"): ("official", {"unit_head", "official2"}),
    ("report", "submit"): ("official", {"leader", "leader2"}),
    ("report", "approve"): ("leader", {"official"}),
    ("report", "return"): ("leader", {"official"}),
    ("report", "issue"): ("leader", {"official"}),
    ("part", "submit"): ("unit_head", {"official", "official2"}),
    ("part", "return"): ("official", {"unit_head"}),
}


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


@pytest.fixture
def people(world):
    """The world's people with email addresses, plus a second leader and official, a head of the official's
    department, and people who must never be told: an inactive leader and the other commune's leader."""
    for user in world.users.values():
        if user is not None:
            user.email = f"{user.username}@example.vn"
            user.save()
    extra = {
        "leader2": UserFactory(username="phochutich", unit=world.commune, role=Role.LEADER),
        "official2": UserFactory(username="canbo2", unit=world.other_department, role=Role.OFFICIAL),
        "dept_head": UserFactory(username="truongphongvh", unit=world.department, role=Role.UNIT_HEAD),
        "retired": UserFactory(username="nghihuu", unit=world.commune, role=Role.LEADER, is_active=False),
        "foreign_leader": UserFactory(username="lanhdaokhac", unit=world.other_commune, role=Role.LEADER),
    }
    for user in extra.values():
        user.email = f"{user.username}@example.vn"
        user.save()
    return {**{name: user for name, user in world.users.items() if user is not None}, **extra}


def _document(world, name, action):
    document = MAKERS[name](world, LIFECYCLE_OF[name][action].sources[0])
    if (name, action) == ("plan", "issue"):
        # The head of the lead unit and, through a group, of a coordinating unit learn of their new tasks.
        group = UnitGroup.objects.create(owner=world.commune, name="Các phòng chuyên môn")
        group.members.set([world.department])
        task = TaskFactory(plan=document, lead_units=[world.other_department])
        task.coordinating_groups.add(group)
    return document


def _make(world, people, name, action, capture):
    mover = TOLD[(name, action)][0]
    document = _document(world, name, action)
    with capture(execute=True):
        document = call(name, action, document, people[mover])
    return document, people[mover]


def _told(people) -> dict[str, int]:
    names = {user.pk: name for name, user in people.items()}
    counts: dict[str, int] = {}
    for recipient_id in Notification.objects.values_list("recipient_id", flat=True):
        counts[names[recipient_id]] = counts.get(names[recipient_id], 0) + 1
    return counts


def test_the_table_covers_every_move_that_notifies():
    """Given the declarations, every move with a `notify` tuple and a service is in TOLD, and nothing else is."""
    declared = {
        (lifecycle.name, move.action)
        for lifecycle in LIFECYCLE_OF.values()
        for move in lifecycle.moves
        if move.notify and move.action in lifecycle._services
    }
    assert declared == set(TOLD)


@pytest.mark.parametrize(("name", "action"), sorted(TOLD), ids=lambda value: value)
def test_a_move_tells_exactly_the_declared_people_once_in_app_and_by_email(
    world, people, name, action, mailoutbox, django_capture_on_commit_callbacks
):
    """Given everyone in "at once" mode, when the move is made through its service, then each expected person
    has one in-app notification naming the mover and one email; nobody else, not the mover, and a repeat of the
    signal adds nothing."""
    document, mover = _make(world, people, name, action, django_capture_on_commit_callbacks)
    expected = TOLD[(name, action)][1]
    assert _told(people) == dict.fromkeys(expected, 1)
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        people[person].email for person in expected
    )
    notification = Notification.objects.first()
    assert notification.text.startswith(mover.get_full_name())
    assert notification.url == document.get_absolute_url()
    assert notification.email_status == EmailStatus.SENT
    assert notification.url in mailoutbox[0].body

    lifecycle = LIFECYCLE_OF[name]
    with django_capture_on_commit_callbacks(execute=True):
        moved.send(sender=lifecycle, move=lifecycle[action], document=document, by=mover)
    assert Notification.objects.count() == len(expected)
    assert len(mailoutbox) == len(expected)


def test_a_returned_plan_tells_its_author_who_returned_it_and_why(
    world, people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://danvan.example.gov.vn"
    plan, _leader = _make(world, people, "plan", "return", django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=people["official"])
    assert notification.text == f"Hà Thị Thủy đã trả lại kế hoạch “{plan}”: Sửa lại."
    assert notification.kind == NotificationKind.RESULT
    (email,) = mailoutbox
    assert email.to == ["canbo@example.vn"]
    assert "Hà Thị Thủy đã trả lại kế hoạch" in email.subject
    assert f"https://danvan.example.gov.vn{plan.get_absolute_url()}" in email.body


def test_the_mover_is_never_told_even_when_an_audience_names_them(
    world, people, mailoutbox, django_capture_on_commit_callbacks
):
    """Given an official who drops a registration (told: its unit and the commune's officials), the official
    is not told of their own move; the other official is."""
    _make(world, people, "registration", "drop", django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(recipient=people["official"]).exists()
    assert Notification.objects.filter(recipient=people["official2"]).exists()


def test_in_app_only_sends_no_email_and_digest_waits_for_send_digest(
    world, people, mailoutbox, django_capture_on_commit_callbacks
):
    """Given one leader in "in-app only" and the other in "daily digest" for work to do, when a plan and a
    report are submitted, then both have their notifications and nobody gets an email until send_digest,
    which sends the digest person one email listing both, once a day however often it runs."""
    people["leader"].notification_modes = {NotificationKind.TODO: NotificationMode.APP}
    people["leader"].save()
    people["leader2"].notification_modes = {NotificationKind.TODO: NotificationMode.DIGEST}
    people["leader2"].save()
    plan, _ = _make(world, people, "plan", "submit", django_capture_on_commit_callbacks)
    report, _ = _make(world, people, "report", "submit", django_capture_on_commit_callbacks)
    assert _told(people) == {"leader": 2, "leader2": 2}
    assert mailoutbox == []

    today = datetime.date.today()
    with django_capture_on_commit_callbacks(execute=True):  # the digest jobs run after the commit
        call_command("send_digest", date=today.isoformat())
    (digest,) = mailoutbox
    assert digest.to == [people["leader2"].email]
    assert str(plan.title) in digest.body and str(report.title) in digest.body
    with django_capture_on_commit_callbacks(execute=True):  # the digest jobs run after the commit
        call_command("send_digest", date=today.isoformat())
    assert len(mailoutbox) == 1
    assert NotificationDigest.objects.get().count == 2
    assert set(Notification.objects.filter(recipient=people["leader2"]).values_list("email_status", flat=True)) == {
        EmailStatus.SENT
    }

    _make(world, people, "plan", "submit", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):  # the digest jobs run after the commit
        call_command("send_digest", date=today.isoformat())
    assert len(mailoutbox) == 1  # the day's digest went already: the new one waits for tomorrow
    with django_capture_on_commit_callbacks(execute=True):  # the digest jobs run after the commit
        call_command("send_digest", date=(today + datetime.timedelta(days=1)).isoformat())
    assert len(mailoutbox) == 2
    assert not Notification.objects.filter(recipient=people["leader"]).exclude(email_status="").exists()


def test_a_broken_mail_server_never_fails_the_move(
    world, people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """Given a mail backend that raises, when a leader returns a plan, then the move stands, the author's
    in-app notification is there and its email is marked failed."""
    settings.EMAIL_BACKEND = "tests.units.test_notifications.BrokenBackend"
    plan, _ = _make(world, people, "plan", "return", django_capture_on_commit_callbacks)
    plan.refresh_from_db()
    assert plan.status == "returned"
    notification = Notification.objects.get(recipient=people["official"])
    assert notification.email_status == EmailStatus.FAILED
    assert mailoutbox == []


def test_a_broken_mail_server_keeps_the_digest_for_the_next_run(
    world, people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    people["official"].notification_modes = {NotificationKind.RESULT: NotificationMode.DIGEST}
    people["official"].save()
    notify(recipients=[people["official"]], text="Kế hoạch đã được duyệt", kind=NotificationKind.RESULT)
    settings.EMAIL_BACKEND = "tests.units.test_notifications.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):  # the digest jobs run after the commit
        call_command("send_digest")
    assert not NotificationDigest.objects.exists()
    assert Notification.objects.get().email_status == EmailStatus.DIGEST
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):  # the digest jobs run after the commit
        call_command("send_digest")
    assert len(mail.outbox) == 1


def test_a_person_without_an_email_address_is_told_in_app(world, official):
    notify(recipients=[official], text="Kế hoạch đã được duyệt", kind=NotificationKind.RESULT)
    assert Notification.objects.get().email_status == EmailStatus.NO_ADDRESS


def test_a_comment_on_a_task_tells_its_lead_unit_and_the_plan_owner(
    world, people, plans, mailoutbox, django_capture_on_commit_callbacks
):
    from plans.services import task_comment

    task = plans["issued"].tasks.get()
    with django_capture_on_commit_callbacks(execute=True):
        task_comment(task=task, by=people["leader"], text="Đề nghị gửi kèm ảnh buổi tuyên truyền.")
    # The lead unit's people (its head and the official working there) and the plan's owner.
    assert _told(people) == {"unit_head": 1, "official2": 1, "official": 1}
    notification = Notification.objects.get(recipient=people["unit_head"])
    assert notification.kind == NotificationKind.ACTIVITY
    assert "Đề nghị gửi kèm ảnh" in notification.text
    assert sorted(m.to[0] for m in mailoutbox) == ["canbo2@example.vn", "canbo@example.vn", "truongphong@example.vn"]


def test_a_returned_report_part_tells_its_unit_heads_once(world, people, django_capture_on_commit_callbacks):
    """The service used to notify the unit heads itself besides the move's declaration: now once."""
    _make(world, people, "part", "return", django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=people["unit_head"]).count() == 1


# --- the settings page ---------------------------------------------------------------------------------


def test_the_settings_page_stores_a_mode_per_kind(world, official):
    client = client_for(official)
    page = client.get(reverse("units:notification_settings")).content.decode()
    assert "Việc cần xử lý" in page and "Thư tổng hợp mỗi ngày" in page
    assert 'value="now" checked' in page
    data = dict.fromkeys(NotificationKind.values, NotificationMode.NOW) | {"todo": "digest", "reminder": "app"}
    response = client.post(reverse("units:notification_settings"), data)
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.notification_mode("todo") == NotificationMode.DIGEST
    assert official.notification_mode("reminder") == NotificationMode.APP
    assert official.notification_mode("result") == NotificationMode.NOW


def test_the_settings_page_refuses_an_unknown_mode(world, official):
    data = dict.fromkeys(NotificationKind.values, "sms")
    response = client_for(official).post(reverse("units:notification_settings"), data)
    assert response.status_code == 400
    official.refresh_from_db()
    assert official.notification_modes == {}


def test_the_list_marks_unread_links_the_settings_and_has_an_empty_state(world, official):
    client = client_for(official)
    empty = client.get(reverse("units:notification_list")).content.decode()
    assert "Chưa có thông báo nào" in empty
    assert reverse("units:notification_settings") in empty
    notify(recipients=[official], text="Kế hoạch đã được duyệt")
    page = client.get(reverse("units:notification_list")).content.decode()
    assert "Chưa đọc: " in page and "1 chưa đọc" in page
