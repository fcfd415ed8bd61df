"""Forms of the units app."""

from django import forms
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


class OneTimeCodeForm(CleanTextMixin, forms.Form):
    """A 6-digit code from the authenticator app, or a backup code."""

    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("Mã 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng."),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isascii() or not token.isalnum():
            raise forms.ValidationError(_("Mã chỉ gồm chữ số và chữ cái không dấu."))
        return token


class EnrolmentCodeForm(CleanTextMixin, forms.Form):
    """The one-time enrolment code an administrator gave, before an authenticator app may be paired."""

    enrolment_code = forms.CharField(
        label=_("Mã đăng ký do quản trị viên cấp"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "autocapitalize": "characters"}),
        help_text=_("Mã gồm 12 chữ và số, ví dụ ABCD-EFGH-JKMN; mỗi mã chỉ dùng được một lần."),
    )


class NotificationSettingsForm(forms.Form):
    """How the person hears of each kind of notification: email at once, a daily digest, or the bell only."""

    def __init__(self, *args, user, **kwargs):
        from units.choices import NotificationKind, NotificationMode

        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=NotificationMode.choices,
                initial=user.notification_mode(kind.value),
                widget=forms.RadioSelect,
            )

    def modes(self) -> dict[str, str]:
        """Return the chosen mode of each kind."""
        return dict(self.cleaned_data)
