"""Forms of task tracking: progress reports with evidence, comments, cancellation, the progress sheet."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateField, Form
from plans.progress import PERCENT_ERROR, parse_percent  # noqa: F401 (re-exported by plans.forms)


class PercentField(forms.CharField):
    """A whole percent 0-100 in ASCII digits; a text field underneath, so nothing is coerced before the check."""

    widget = forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"})

    def to_python(self, value):
        value = super().to_python(value)
        return None if value in self.empty_values else parse_percent(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Any number (up to 10) of evidence files, each checked by content (plans/evidence.py)."""

    widget = MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"})

    def clean(self, data, initial=None):
        from danvan.uploads import MAX_FILES_PER_UPDATE, check_upload

        uploads = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_FILES_PER_UPDATE:
            raise ValidationError(_("Mỗi lần báo cáo đính kèm tối đa %(n)s tệp.") % {"n": MAX_FILES_PER_UPDATE})
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class ProgressForm(Form):
    """A progress report on a task: date, percent, what was done, evidence."""

    reported_on = DateField(label=_("Ngày báo cáo"))
    percent = PercentField(label=_("Tiến độ (%)"))
    text = forms.CharField(
        label=_("Nội dung đã thực hiện"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("Bắt buộc khi giảm tiến độ so với lần báo cáo trước."),
    )
    files = EvidenceField(
        label=_("Tệp minh chứng"),
        required=False,
        help_text=_("PDF, Word, Excel, ảnh JPG/PNG; mỗi tệp tối đa 10 MB, tối đa 10 tệp."),
    )


class TaskCommentForm(Form):
    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class TaskCancelForm(Form):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class ProgressSheetForm(Form):
    file = forms.FileField(
        label=_("Tệp Excel đã điền"),
        help_text=_("Tệp .xlsx tải từ trang này, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        from danvan.uploads import XLSX, check_upload

        return check_upload(self.cleaned_data["file"], allowed=(XLSX,))
