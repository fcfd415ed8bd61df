"""The values of a progress report that both the report form and the uploaded progress sheet read.

Kept out of forms.py so the sheet service can check a cell the way the form checks a field
without a service importing a form module.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PERCENT_ERROR = _("Tiến độ phải là số nguyên từ 0 đến 100, chỉ gồm các chữ số 0–9 (ví dụ 50).")


def parse_percent(value) -> int:
    """Return a progress percent typed or read from a cell, accepting only ASCII digits 0-100.

    Django's IntegerField would read "５０" (full-width), "٥٠" (Arabic-Indic) and
    "5_0" as 50 (bad-inputs rows 40-41); this refuses them, and "50.5", "NaN", "inf", "-1".
    """
    if isinstance(value, bool):
        raise ValidationError(PERCENT_ERROR, code="percent")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,3}", value.strip()):
        number = int(value.strip())
    else:
        raise ValidationError(PERCENT_ERROR, code="percent")
    if not 0 <= number <= 100:
        raise ValidationError(PERCENT_ERROR, code="percent")
    return number
