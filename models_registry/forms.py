"""Forms of the models_registry app: campaigns, the registration form with its indicator table, workflow steps."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateField, Form, VersionedModelForm
from danvan.uploads import MAX_BYTES
from models_registry.choices import CommendationForm, RecognitionLevel
from models_registry.models import Campaign, Field, Registration
from models_registry.numbers import parse_number
from units.models import Unit
from units.scope import scope_of


class NumberField(forms.CharField):
    """A non-negative number typed the Vietnamese way ("1.500,5"), ASCII digits only."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        return parse_number(text, label=str(self.label or _("Giá trị")))


class CampaignForm(VersionedModelForm):
    """A campaign's name, year, deadlines, target, eligible units and fields."""

    extra_fields = forms.CharField(
        label=_("Lĩnh vực khác do xã bổ sung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một lĩnh vực, ví dụ: Tôn giáo, dân tộc."),
    )
    name_fields = ("name", "extra_fields")

    class Meta:
        model = Campaign
        fields = [
            "name",
            "year",
            "plan",
            "registration_deadline",
            "report_deadline",
            "target_percent",
            "allow_multiple",
            "eligible_units",
            "offered_fields",
        ]
        widgets = {
            "eligible_units": forms.CheckboxSelectMultiple,
            "offered_fields": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, government: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        from plans.models import Plan

        self.fields["plan"].queryset = Plan.objects.filter(issuing_unit=government).order_by("-created_at")
        self.fields["eligible_units"].queryset = (
            scope_of(user).units_under(government).exclude(pk=government.pk).order_by("position", "name")
        )
        self.fields["eligible_units"].required = True
        self.fields["offered_fields"].queryset = Field.objects.offered_by(government)
        self.fields["offered_fields"].required = False
        self.fields["year"].widget.attrs.update(min=2000, max=2100)
        self.fields["target_percent"].widget.attrs.update(min=1, max=100)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Thông tin chung"),
                Row(Column("name", css_class="col-lg-9"), Column("year", css_class="col-lg-3")),
                "plan",
                Row(Column("registration_deadline"), Column("report_deadline"), Column("target_percent")),
                "allow_multiple",
            ),
            Fieldset(_("Đơn vị tham gia"), "eligible_units"),
            Fieldset(_("Lĩnh vực"), "offered_fields", "extra_fields"),
            "version",
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("registration_deadline"), data.get("report_deadline")
        if start and end and end < start:
            self.add_error("report_deadline", _("Hạn báo cáo phải sau hạn đăng ký."))
        if not data.get("offered_fields") and not (data.get("extra_fields") or "").strip():
            self.add_error("offered_fields", _("Chọn ít nhất một lĩnh vực."))
        return data

    def service_kwargs(self) -> dict:
        """Return the cleaned data as keyword arguments of campaign_create / campaign_update."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        extra = data.pop("extra_fields", "")
        data["fields"] = data.pop("offered_fields")
        data["extra_field_names"] = [line.strip() for line in extra.splitlines() if line.strip()]
        return data


class RegistrationForm(VersionedModelForm):
    """The registration form (phiếu đăng ký mô hình) without its indicator table."""

    name_fields = ("name", "person_in_charge")

    class Meta:
        model = Registration
        fields = [
            "name",
            "field",
            "kind",
            "subject",
            "origin",
            "problem",
            "objectives",
            "method",
            "place_scope",
            "participants",
            "resources",
            "start_date",
            "end_date",
            "person_in_charge",
            "contact",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 4}),
            "place_scope": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = campaign.offered_fields.all()
        self.fields["field"].empty_label = _("— Chọn lĩnh vực —")
        self.fields["name"].widget.attrs["maxlength"] = 255
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Mô hình"),
                "name",
                Row(Column("field"), Column("kind"), Column("subject"), Column("origin")),
            ),
            Fieldset(
                _("Nội dung"),
                "problem",
                "objectives",
                "method",
                Row(Column("place_scope"), Column("participants")),
                "resources",
            ),
            Fieldset(
                _("Thời gian và người phụ trách"),
                Row(Column("start_date"), Column("end_date")),
                Row(Column("person_in_charge"), Column("contact")),
            ),
            "version",
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Thời gian kết thúc phải sau thời gian bắt đầu."))
        return data


class IndicatorForm(Form):
    """One row of the indicator table."""

    name = forms.CharField(label=_("Chỉ tiêu"), max_length=255)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=50)
    baseline = NumberField(label=_("Hiện trạng"), required=False)
    target = NumberField(label=_("Mục tiêu"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The table's column headers are not <label>s: name each box for screen readers.
            row = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
            where = f"dòng {int(row) + 1}" if row.isdigit() else "dòng mới"
            field.widget.attrs["aria-label"] = f"{field.label or _('Xóa')} ({where})"
            if name != "DELETE":
                field.widget.attrs["class"] = "form-control form-control-sm"


class BaseIndicatorFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        """Add the formset's fields, and name the "Xóa" box of the row as IndicatorForm names the others."""
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            where = f"dòng {index + 1}" if index is not None else "dòng mới"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"{_('Xóa')} ({where})"

    def rows(self) -> list[dict]:
        """Return the kept rows as dicts for the services."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("name")
        ]


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BaseIndicatorFormSet, extra=0, can_delete=True, max_num=30, validate_max=True
)


class ReportForm(Form):
    """The unit's results: a value reached for every indicator, and the self-assessment."""

    self_assessment = forms.CharField(
        label=_("Kết quả thực hiện và tự đánh giá"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"achieved_{indicator.pk}"] = NumberField(
                label=_("Kết quả: %(name)s") % {"name": indicator.name},
                help_text=_("Mục tiêu: %(target)s %(measure)s")
                % {"target": f"{indicator.target.normalize():f}", "measure": indicator.measure},
            )

    def achieved(self) -> dict[int, object]:
        return {i.pk: self.cleaned_data.get(f"achieved_{i.pk}") for i in self.indicators}

    def indicator_fields(self):
        return [self[f"achieved_{i.pk}"] for i in self.indicators]


class EvaluateForm(Form):
    """A score for every criterion of the campaign, within its maximum, and a comment."""

    comment = forms.CharField(
        label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = NumberField(
                label=criterion.name,
                help_text=_("Từ 0 đến %(max)s điểm") % {"max": f"{criterion.max_score.normalize():f}"},
            )

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            value = data.get(f"score_{criterion.pk}")
            if value is not None and value > criterion.max_score:
                self.add_error(
                    f"score_{criterion.pk}",
                    _("Điểm phải từ 0 đến %(max)s.") % {"max": f"{criterion.max_score.normalize():f}"},
                )
        return data

    def scores(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.criteria}

    def score_fields(self):
        return [self[f"score_{c.pk}"] for c in self.criteria]


class RecognizeForm(Form):
    """The leader's recognition: level, exemplary or not, and the commendation if any."""

    code_fields = ("commendation_decision",)
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=RecognitionLevel.choices)
    is_exemplary = forms.BooleanField(label=_("Mô hình tiêu biểu"), required=False)
    commendation_form = forms.ChoiceField(
        label=_("Hình thức khen thưởng"),
        choices=[("", _("— Chưa khen thưởng —")), *CommendationForm.choices],
        required=False,
    )
    commendation_decision = forms.CharField(
        label=_("Số quyết định khen thưởng"), max_length=60, required=False, help_text=_("Ví dụ: 125/QĐ-UBND")
    )
    commendation_date = DateField(label=_("Ngày quyết định"), required=False)
    comment = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )


class ReplicateForm(Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Nhân rộng đến các đơn vị"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )

    def __init__(self, *args, registration: Registration, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            scope_of(user)
            .units_under(registration.campaign.issuing_unit)
            .exclude(pk__in=[registration.campaign.issuing_unit_id, registration.unit_id])
            .order_by("position", "name")
        )


class EvidenceForm(Form):
    file = forms.FileField(
        label=_("Tệp kiểm chứng"), help_text=_("PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG; tối đa 10 MB.")
    )
    description = forms.CharField(label=_("Mô tả"), max_length=255, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("Tệp lớn hơn 10 MB: hãy nén hoặc chia nhỏ."))
        return upload
