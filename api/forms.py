"""The form that creates a personal API token."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateField, Form

DEFAULT_DAYS = 90


class TokenForm(Form):
    name = forms.CharField(
        label=_("Tên khóa"), max_length=100, help_text=_("Dùng vào việc gì, ví dụ “Đồng bộ iOffice của xã”.")
    )
    expires_on = DateField(label=_("Hết hạn ngày"), help_text=_("Khóa hết hiệu lực cuối ngày này (dd/mm/yyyy)."))
    read_only = forms.BooleanField(
        label=_("Chỉ đọc"),
        required=False,
        initial=True,
        help_text=_("Khóa chỉ đọc không gửi được báo cáo tiến độ hay tệp."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"expires_on": timezone.localdate() + datetime.timedelta(days=DEFAULT_DAYS)})
        super().__init__(*args, **kwargs)
