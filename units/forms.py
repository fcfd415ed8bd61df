"""Forms of the units app."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from danvan.forms import CleanTextMixin


class LoginForm(CleanTextMixin, AuthenticationForm):
    """The login form, with one message for any wrong name or password (no account enumeration)."""

    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại (chữ hoa, chữ thường được phân biệt)."
        ),
        "inactive": _("Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại (chữ hoa, chữ thường được phân biệt)."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
