"""Numbers typed the Vietnamese way in an indicator table.

Vietnamese writes "1.500,5" for one thousand five hundred and a half; people
also paste "1500.5" from a spreadsheet. Only ASCII digits are accepted:
Python reads "٥٠" and "５０" as 50, which would let look-alike text through.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

# 1.500.000 or 1.500.000,75: dots group thousands, a comma starts the decimals.
_VIETNAMESE = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)
# 1500, 1500,75 or 1500.75: no grouping, either mark starts the decimals.
_PLAIN = re.compile(r"^\d+([.,]\d+)?$", re.ASCII)
MAX_VALUE = Decimal("999999999999.99")


def parse_number(value, *, label: str = "Giá trị") -> Decimal | None:
    """Return `value` as a Decimal with two decimals at most, None when blank.

    Raise ValidationError with a Vietnamese message for anything that is not a
    non-negative number written with ASCII digits: "abc", "NaN", "inf", "-1", "５０".
    """
    if value is None:
        return None
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
    else:
        text = str(value).strip().replace(" ", "")
        if not text:
            return None
        if _VIETNAMESE.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _PLAIN.match(text):
            text = text.replace(",", ".")
        else:
            raise ValidationError(f"{label} phải là một số không âm, viết bằng chữ số (ví dụ 95 hoặc 1.500,5).")
        try:
            number = Decimal(text)
        except InvalidOperation as error:  # pragma: no cover - the patterns admit only valid decimals
            raise ValidationError(f"{label} phải là một số.") from error
    if not number.is_finite() or number < 0:
        raise ValidationError(f"{label} phải là một số không âm.")
    if number > MAX_VALUE:
        raise ValidationError(f"{label} quá lớn.")
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(f"{label} chỉ được có tối đa 2 chữ số thập phân.")
    return number.quantize(Decimal("0.01"))
