"""Form pieces shared by every app."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.text import normalize_text, refuse_direction_controls, refuse_look_alikes

MIN_DATE = datetime.date(2000, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the format officials type, whatever the browser's language."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y",
        )


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy, between the years 2000 and 2100."""

    widget = DateInput

    def validate(self, value):
        super().validate(value)
        if value and not MIN_DATE <= value <= MAX_DATE:
            raise ValidationError(_("Ngày phải nằm trong khoảng 01/01/2000 đến 31/12/2100."), code="out_of_range")


def _normalizing(field: forms.CharField, *, name: bool = False, code: bool = False):
    """Wrap `field.to_python` so text is NFC-normalized before length checks run.

    In a `name`, direction-control characters are refused before they could be
    stripped; in a `code`, letters that only look Vietnamese ("Ð" for "Đ") are refused.
    """
    original = field.to_python
    single_line = not isinstance(field.widget, forms.Textarea)

    def to_python(value):
        if isinstance(value, str):
            if name:
                refuse_direction_controls(value)
            value = normalize_text(value, single_line=single_line)
            if code:
                refuse_look_alikes(value)
        return original(value)

    return to_python


class CleanTextMixin:
    """Normalize every text field (NFC, no invisible characters) and read dates as dd/mm/yyyy.

    Mix into every form and model form of the portal, before `forms.Form`.
    """

    # Fields that name a person, a unit or a model: direction controls there are refused, not stripped.
    name_fields: tuple[str, ...] = ()
    # Fields that hold a code (a symbol, a document number): look-alike letters there are refused.
    code_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                field.to_python = _normalizing(field, name=name in self.name_fields, code=name in self.code_fields)
            elif type(field) is forms.DateField:
                replacement = DateField(
                    required=field.required, label=field.label, help_text=field.help_text, initial=field.initial
                )
                replacement.validators = field.validators
                self.fields[name] = replacement


class Form(CleanTextMixin, forms.Form):
    """Base form of the portal."""


class ModelForm(CleanTextMixin, forms.ModelForm):
    """Base model form of the portal."""


class VersionedModelForm(ModelForm):
    """A model form of a document edited in a browser: it carries the version the person started from.

    The service compares it with the stored one (danvan/versioning.py), so a save made
    after someone else's is refused instead of overwriting it. Put "version" in the layout.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class MoveCommentForm(Form):
    """The comment of a workflow move (danvan.views.TransitionView): required when its declaration says so."""

    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args, required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required
