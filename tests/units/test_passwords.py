"""Password rules: at least 8 characters, no common or context words, long passphrases welcome."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    "password",
    ["Thuong-Hong-2025!", "danvan-demo-99", "Canbo2025!x", "ThuongHong#123", "1234567", "matkhau123456"],
    ids=["commune name", "portal name", "username", "place", "short", "common word"],
)
def test_guessable_passwords_are_refused(official, password):
    official.unit.parent.place_name = "Thượng Hồng"
    with pytest.raises(ValidationError):
        validate_password(password, user=official)


@pytest.mark.parametrize("password", ["Cây đa đầu làng 1975", "x" * 64 + "Zz9!", "trăng-sáng-vườn-chè-7"])
def test_passphrases_are_accepted(official, password):
    official.full_name = "Hà Minh Đức"  # not a random name: "Trần Văn Sáng" would rightly refuse "…sáng…"
    validate_password(password, user=official)


def test_message_is_vietnamese(official):
    with pytest.raises(ValidationError, match="không được chứa"):
        validate_password("ThuongHong-2025-xyz", user=official)
