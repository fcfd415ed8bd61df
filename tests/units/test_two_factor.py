"""Two-factor authentication for leaders and administrators."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import client_for, enroll_two_factor
from tests.factories import TEST_PASSWORD


def code_of(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_leader_must_set_up_an_app_before_anything_else(world, leader):
    client = client_for(leader, verified=False)
    response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert "data:image/svg+xml" in page and "Bật xác thực hai lớp" in page


def test_setup_with_the_apps_code_confirms_and_shows_backup_codes_once(world, leader):
    client = client_for(leader, verified=False)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=leader)
    response = client.post(reverse("two_factor_setup"), {"token": code_of(device), "next": "/plans/"})
    assert response.status_code == 200
    assert response.content.decode().count('<li class="col">') == 10
    assert client.get(reverse("plans:plan_list")).status_code == 200


def test_a_wrong_code_is_refused_and_the_device_stays_unconfirmed(world, leader):
    client = client_for(leader, verified=False)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=leader)
    wrong = "000000" if code_of(device) != "000000" else "111111"
    response = client.post(reverse("two_factor_setup"), {"token": wrong})
    assert response.status_code == 400
    assert "Mã không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_login_asks_for_a_code_and_a_backup_code_works_once(world, leader):
    codes = enroll_two_factor(leader)
    client = Client()
    client.post(reverse("login"), {"username": "lanhdao", "password": TEST_PASSWORD})
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.post(reverse("two_factor_verify"), {"token": codes[0], "next": "/plans/"})["Location"] == "/plans/"
    assert client.get(reverse("home")).status_code == 200
    other = Client()
    other.post(reverse("login"), {"username": "lanhdao", "password": TEST_PASSWORD})
    assert other.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 400


@pytest.mark.parametrize("role", ["official", "unit_head", "supervisor"])
def test_other_roles_are_not_asked(world, role):
    assert client_for(world.users[role], verified=False).get(reverse("home")).status_code == 200


def test_administrator_is_asked_too(world):
    from tests.factories import UserFactory

    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    response = client_for(admin, verified=False).get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_verify_refuses_an_outside_next(world, leader):
    codes = enroll_two_factor(leader)
    client = client_for(leader, verified=False)
    response = client.post(reverse("two_factor_verify"), {"token": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
