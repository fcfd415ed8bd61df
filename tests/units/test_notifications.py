"""In-app notifications: written once per key, counted under the bell, marked read."""

from django.urls import reverse

from tests.conftest import client_for
from units.models import Notification
from units.services import notify


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
