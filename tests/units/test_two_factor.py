"""Two-factor authentication for leaders and administrators."""

from base64 import b32encode
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import client_for, enroll_two_factor
from tests.factories import TEST_PASSWORD
from units import twofactor
from units.models import EnrolmentCode


def code_of(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def admitted_client(leader) -> Client:
    """Return a client of `leader`, not yet enrolled, who has typed a valid enrolment code."""
    code, _row = twofactor.enrolment_code_create(user=leader)
    client = client_for(leader, verified=False)
    assert client.post(reverse("two_factor_setup"), {"enrolment_code": code}).status_code == 200
    return client


def test_leader_must_set_up_an_app_before_anything_else(world, leader):
    client = client_for(leader, verified=False)
    response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert "Bật xác thực hai lớp" in page and "Mã đăng ký do quản trị viên cấp" in page


def test_password_alone_shows_no_secret(world, leader):
    """Given only the leader's password, neither the setup page nor a guessed code or token shows a secret."""
    client = client_for(leader, verified=False)
    pages = [
        client.get(reverse("two_factor_setup")),
        client.post(reverse("two_factor_setup"), {"enrolment_code": "ABCD-EFGH-JKMN"}),
        client.post(reverse("two_factor_setup"), {"token": "123456"}),
    ]
    assert [page.status_code for page in pages] == [200, 400, 400]
    for page in pages:
        assert "data:image/svg+xml" not in page.content.decode()
        assert "Nhập khóa sau vào ứng dụng" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=leader, confirmed=True).exists()
    assert "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn." in pages[1].content.decode()


def test_a_valid_enrolment_code_shows_the_secret_once(world, leader):
    code, _row = twofactor.enrolment_code_create(user=leader)
    client = client_for(leader, verified=False)
    shown = client.post(reverse("two_factor_setup"), {"enrolment_code": code.lower().replace("-", " ")})
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert "data:image/svg+xml" in shown.content.decode() and secret in shown.content.decode()
    again = client.get(reverse("two_factor_setup")).content.decode()
    assert secret not in again and "data:image/svg+xml" not in again
    assert "Nhập mã 6 chữ số" in again


def test_a_used_code_is_refused(world, leader):
    code, _row = twofactor.enrolment_code_create(user=leader)
    assert (
        client_for(leader, verified=False).post(reverse("two_factor_setup"), {"enrolment_code": code}).status_code
        == 200
    )
    second = client_for(leader, verified=False).post(reverse("two_factor_setup"), {"enrolment_code": code})
    assert second.status_code == 400
    assert "data:image/svg+xml" not in second.content.decode()


def test_an_expired_code_is_refused(world, leader):
    code, row = twofactor.enrolment_code_create(user=leader)
    EnrolmentCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client_for(leader, verified=False).post(reverse("two_factor_setup"), {"enrolment_code": code})
    assert response.status_code == 400
    assert "data:image/svg+xml" not in response.content.decode()


def test_another_persons_code_and_an_older_code_are_refused(world, leader):
    from tests.factories import UserFactory

    other_leader = UserFactory(username="lanhdao2", unit=world.commune, role="leader")
    others_code, _row = twofactor.enrolment_code_create(user=other_leader)
    older, _row = twofactor.enrolment_code_create(user=leader)
    twofactor.enrolment_code_create(user=leader)
    client = client_for(leader, verified=False)
    assert client.post(reverse("two_factor_setup"), {"enrolment_code": others_code}).status_code == 400
    assert client.post(reverse("two_factor_setup"), {"enrolment_code": older}).status_code == 400


def test_only_the_digest_of_a_code_is_stored(world, leader):
    code, row = twofactor.enrolment_code_create(user=leader)
    row.refresh_from_db()
    assert code.replace("-", "") not in row.code_hash and len(row.code_hash) == 64


def test_setup_with_the_apps_code_confirms_and_shows_backup_codes_once(world, leader):
    client = admitted_client(leader)
    device = TOTPDevice.objects.get(user=leader)
    response = client.post(reverse("two_factor_setup"), {"token": code_of(device), "next": "/plans/"})
    assert response.status_code == 200
    assert response.content.decode().count('<li class="col">') == 10
    assert client.get(reverse("plans:plan_list")).status_code == 200


def test_a_wrong_code_is_refused_and_the_device_stays_unconfirmed(world, leader):
    client = admitted_client(leader)
    device = TOTPDevice.objects.get(user=leader)
    wrong = "000000" if code_of(device) != "000000" else "111111"
    response = client.post(reverse("two_factor_setup"), {"token": wrong})
    assert response.status_code == 400
    assert "Mã không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_the_command_prints_a_code_that_works(world, leader):
    out = StringIO()
    call_command("enrolment_code", "lanhdao", "--hours", "2", stdout=out)
    code = out.getvalue().split(": ", 1)[1].split()[0]
    response = client_for(leader, verified=False).post(reverse("two_factor_setup"), {"enrolment_code": code})
    assert response.status_code == 200 and "data:image/svg+xml" in response.content.decode()


def test_the_command_refuses_a_person_who_needs_no_second_factor(world, official):
    with pytest.raises(CommandError, match="không cần xác thực hai lớp"):
        call_command("enrolment_code", official.username)


def test_the_admin_shows_a_new_code_once(world, leader):
    from tests.factories import UserFactory

    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    response = client_for(admin).post(reverse("admin:units_enrolmentcode_add"), {"user": leader.pk}, follow=True)
    page = response.content.decode()
    assert "Mã đăng ký của lanhdao:" in page
    code = page.split("Mã đăng ký của lanhdao: ", 1)[1].split()[0]
    assert EnrolmentCode.objects.get(user=leader).created_by == admin
    assert (
        client_for(leader, verified=False).post(reverse("two_factor_setup"), {"enrolment_code": code}).status_code
        == 200
    )


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
