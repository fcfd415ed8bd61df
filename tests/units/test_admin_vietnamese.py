"""The admin speaks Vietnamese throughout, including the pages of django-axes and django-otp."""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import UserFactory

# (English a superuser used to read, its Vietnamese) on the admin index and every page below.
EVERYWHERE = [
    ("Access attempts", "Lần đăng nhập sai"),
    ("TOTP devices", "Ứng dụng xác thực (TOTP)"),
    ("Static devices", "Bộ mã dự phòng"),
    ("Otp_Totp", "Xác thực hai lớp: ứng dụng xác thực"),
    ("Skip to main content", "Chuyển đến nội dung chính"),
]
PAGES = {
    "admin:index": [],
    "admin:units_user_add": [
        ("Password-based authentication", "Đăng nhập bằng mật khẩu"),
        ("After you’ve created a user, you’ll be able to edit more user options.", "Sau khi tạo tài khoản"),
    ],
    "admin:axes_accessattempt_changelist": [("Attempt Time", "Thời điểm"), ("Locked Out", "Đang bị khóa")],
    "admin:axes_accesslog_changelist": [("Logout Time", "Thời điểm đăng xuất"), ("User Agent", "Trình duyệt")],
    "admin:otp_totp_totpdevice_changelist": [("Last used at", "Dùng lần cuối lúc"), ("QR Code", "Mã QR")],
    "admin:otp_static_staticdevice_changelist": [("Created at", "Tạo lúc"), ("Confirmed", "Đã xác nhận")],
    "admin:otp_totp_totpdevice_add": [
        ("Identity", "Thiết bị"),
        ("Throttling", "Giới hạn xác thực sai"),
        ("The human-readable name of this device.", "Tên dễ nhận biết của thiết bị."),
    ],
}


@pytest.fixture
def superuser_client(db):
    """A superuser past the second factor, with one authenticator app and one login logged, so lists have rows."""
    from axes.models import AccessLog

    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    AccessLog.objects.create(username="quantri", ip_address="198.51.100.7", user_agent="Firefox", path_info="/")
    return client_for(admin)


def visible_text(page: str) -> str:
    """Return the page's text and the attributes a screen reader reads, without scripts."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'(?:title|placeholder|aria-label|alt)="([^"]*)"', page)
    return re.sub(r"<[^>]+>", " ", page) + " " + " ".join(attributes)


@pytest.mark.parametrize("name", PAGES)
def test_admin_page_has_no_english_label(superuser_client, name):
    """Given a superuser, when they open an admin page, then its labels are Vietnamese, not English."""
    response = superuser_client.get(reverse(name))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    for english, vietnamese in EVERYWHERE + PAGES[name]:
        assert english not in text, english
        assert vietnamese in text, vietnamese


def test_permissions_are_named_in_vietnamese(superuser_client):
    """Given the migrated database, when a superuser opens a person's page, then the permissions read
    "Thêm kế hoạch", never Django's English "Can add ..."."""
    from django.contrib.auth.models import Permission

    user = UserFactory(username="canbo2")
    page = superuser_client.get(reverse("admin:units_user_change", args=[user.pk])).content.decode()
    assert "Can add" not in page and "Can view" not in page
    assert Permission.objects.get(codename="add_plan").name == "Thêm kế hoạch"
    assert Permission.objects.get(codename="view_accessattempt").name == "Xem lần đăng nhập sai"
