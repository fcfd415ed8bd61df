"""Password rules beyond Django's: no password built on the words an attacker tries first."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.text import fold

# Words anyone guessing a commune official's password starts with.
COMMON_WORDS = ("danvan", "congdanvan", "ubnd", "uybannhandan", "matkhau", "haiphong", "password", "admin")
MIN_WORD = 4


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", fold(text))


class ContextWordsValidator:
    """Refuse a password containing the portal's name, the person's names, or their unit's or commune's name."""

    def _words(self, user) -> set[str]:
        words = set(COMMON_WORDS)
        if user is None:
            return words
        names = [user.username, getattr(user, "full_name", ""), getattr(user, "email", "").split("@")[0]]
        unit = getattr(user, "unit", None)
        while unit is not None:
            names += [unit.name, unit.short_name, unit.place_name]
            unit = unit.parent
        for name in names:
            words |= {_squash(part) for part in re.split(r"[\s,\-–/]+", name or "")}
            words.add(_squash(name or ""))
        return {word for word in words if len(word) >= MIN_WORD and word not in {"phong", "hoi", "nhan", "ban"}}

    def validate(self, password, user=None):
        squashed = _squash(password)
        found = sorted(word for word in self._words(user) if word in squashed)
        if found:
            raise ValidationError(
                _("Mật khẩu không được chứa tên cổng, tên người dùng, tên đơn vị hay địa danh (đã thấy: %(word)s).")
                % {"word": found[0]},
                code="password_context_word",
            )

    def get_help_text(self):
        return _("Mật khẩu không được chứa tên cổng, tên của bạn, tên đơn vị hay tên xã, phường.")
