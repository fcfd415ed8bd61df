"""Forms of the plans app: the plan header, its bases, sections and tasks, workflow comments, task progress."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateField, Form, ModelForm, VersionedModelForm
from plans.models import Plan, ReferenceDocument, Section, Task
from plans.numbers import check_number_symbol
from plans.progress import parse_percent
from units.models import UnitGroup
from units.scope import scope_of


class PlanForm(VersionedModelForm):
    """The plan's header and closing: everything but its bases, sections and tasks."""

    code_fields = ("symbol",)

    class Meta:
        model = Plan
        fields = [
            "title",
            "kind",
            "doc_type",
            "symbol",
            "issuing_unit",
            "parent_agency",
            "place_name",
            "period_label",
            "period_start",
            "period_end",
            "parent",
            "themes",
            "intro",
            "closing",
            "recipients",
            "signature_authority",
            "signer_title",
            "signer_name",
            "has_appendix",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.Textarea(attrs={"rows": 2}),
            "intro": forms.Textarea(attrs={"rows": 3}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = scope_of(user).units()
        from plans.selectors import plans_visible_to

        self.fields["parent"].queryset = plans_visible_to(user).select_related("issuing_unit")
        self.fields["title"].widget.attrs["maxlength"] = 500
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Thông tin chung"),
                "title",
                Row(Column("kind"), Column("doc_type"), Column("symbol")),
                Row(Column("issuing_unit"), Column("parent_agency"), Column("place_name")),
                Row(Column("period_label"), Column("period_start"), Column("period_end")),
                "parent",
                "themes",
                "intro",
            ),
            Fieldset(
                _("Kết thúc và ký"),
                "closing",
                Row(Column("signature_authority"), Column("signer_title"), Column("signer_name")),
                "recipients",
                Field("has_appendix"),
            ),
            "version",
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class BasisForm(Form):
    """A legal-basis clause; it may cite a catalogue document, or a new one typed inline."""

    opening = forms.ChoiceField(
        label=_("Từ mở đầu"), choices=[("Căn cứ", "Căn cứ"), ("Thực hiện", "Thực hiện")], initial="Căn cứ"
    )
    reference = forms.ModelChoiceField(
        label=_("Văn bản trong danh mục"), queryset=ReferenceDocument.objects.all(), required=False
    )
    text = forms.CharField(
        label=_("Nội dung căn cứ"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
        help_text=_("Để trống để dùng trích yếu của văn bản đã chọn."),
    )

    def clean(self):
        data = super().clean()
        reference, text = data.get("reference"), data.get("text")
        if not reference and not text:
            raise ValidationError(_("Chọn một văn bản trong danh mục hoặc gõ nội dung căn cứ."))
        if reference and not text:
            text = f"{reference}{' ' + reference.summary if reference.summary else ''}"
        opening = data.get("opening", "")
        if text and opening and not text.startswith(opening):
            text = f"{opening} {text}"
        data["text"] = text
        return data


class ReferenceForm(ModelForm):
    """A new document for the shared catalogue."""

    code_fields = ("number_symbol",)

    class Meta:
        model = ReferenceDocument
        fields = ["doc_type", "number_symbol", "issued_on", "issuer", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        number, issued_on = data.get("number_symbol"), data.get("issued_on")
        if not number:
            return data
        try:
            check_number_symbol(number, doc_type=data.get("doc_type", ""), issued_on=issued_on)
        except ValidationError as error:
            self.add_error("number_symbol", error)
            return data
        same = ReferenceDocument.objects.same_document(
            number_symbol=number, issued_on=issued_on, issuer=data.get("issuer", "")
        )
        if same.exists():
            self.add_error("number_symbol", _("Văn bản này đã có trong danh mục: hãy chọn nó thay vì tạo mới."))
        return data


class SectionForm(ModelForm):
    class Meta:
        model = Section
        fields = ["parent", "numbering", "heading", "text", "task_layout"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "heading": forms.TextInput()}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        parents = plan.sections.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label = _("Nằm trong mục")
        self.fields["parent"].empty_label = _("(Mục lớn, cấp cao nhất)")

    def clean(self):
        data = super().clean()
        if not data.get("heading") and not data.get("text"):
            raise ValidationError(_("Mục cần có tiêu đề hoặc nội dung."))
        return data


class TaskForm(ModelForm):
    class Meta:
        model = Task
        fields = [
            "content",
            "section",
            "lead_units",
            "lead_groups",
            "lead_text",
            "coordinating_units",
            "coordinating_groups",
            "coordinating_text",
            "form",
            "timeframe_kind",
            "timeframe_text",
            "recurrence",
            "start_date",
            "end_date",
            "due_date",
            "expected_output",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "form": forms.Textarea(attrs={"rows": 2}),
            "lead_units": forms.SelectMultiple(attrs={"size": 6}),
            "coordinating_units": forms.SelectMultiple(attrs={"size": 6}),
            "lead_groups": forms.SelectMultiple(attrs={"size": 3}),
            "coordinating_groups": forms.SelectMultiple(attrs={"size": 3}),
        }

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        units = scope.units_under(plan.issuing_unit)
        self.fields["lead_units"].queryset = units
        self.fields["coordinating_units"].queryset = units
        groups = UnitGroup.objects.filter(scope.condition("owner_id"))
        self.fields["lead_groups"].queryset = groups
        self.fields["coordinating_groups"].queryset = groups
        self.fields["section"].queryset = plan.sections.all()
        self.fields["section"].empty_label = _("(Không in trong mục nào: phụ lục)")
        self.plan = plan

    def clean(self):
        data = super().clean()
        if not (data.get("lead_units") or data.get("lead_groups") or data.get("lead_text")):
            self.add_error("lead_units", _("Nhiệm vụ phải có cơ quan chủ trì."))
        start, end, due = data.get("start_date"), data.get("end_date"), data.get("due_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        plan_end = self.plan.period_end
        for name, value in (("due_date", due), ("end_date", end)):
            if value and plan_end and value > plan_end:
                self.add_error(
                    name,
                    _("Hạn nhiệm vụ không được sau ngày kết thúc của kế hoạch (%(end)s).")
                    % {"end": f"{plan_end:%d/%m/%Y}"},
                )
        kind = data.get("timeframe_kind")
        if kind == "deadline" and not due:
            self.add_error("due_date", _("Nhiệm vụ có hạn cần ngày hạn hoàn thành."))
        if kind == "recurring" and not data.get("recurrence"):
            self.add_error("recurrence", _("Chọn chu kỳ cho nhiệm vụ định kỳ."))
        return data


class CommentForm(Form):
    comment = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )


class ReturnForm(Form):
    comment = forms.CharField(label=_("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class CopyForm(Form):
    title = forms.CharField(label=_("Trích yếu của kế hoạch mới"), max_length=500)


# --- task tracking ------------------------------------------------------------------------------


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
