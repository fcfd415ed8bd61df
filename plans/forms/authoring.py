"""Authoring forms: the plan header, its bases, sections and tasks, workflow comments."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.forms import Form, ModelForm, VersionedModelForm
from plans.models import Plan, PlanBasis, ReferenceDocument, Section, Task
from plans.numbers import check_number_symbol
from plans.widgets import OutlineSelect, SectionOutline, UnitPickerSelect, default_numbering
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

        parents = plans_visible_to(user).select_related("issuing_unit")
        if self.instance.pk:
            # Not offered, and refused by clean_parent if posted anyway.
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
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

    def clean_parent(self):
        """Refuse a parent that is this plan, or a plan carrying it out: a plan cannot implement itself."""
        from plans.services import check_plan_parent

        parent = self.cleaned_data.get("parent")
        if self.instance.pk and parent is not None:
            try:
                check_plan_parent(plan=self.instance, parent=parent)
            except ValidationError as error:
                raise ValidationError(error.message_dict["parent"]) from error
        return parent

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


class BasisEditForm(VersionedModelForm):
    """The wording of a legal basis already in the plan, as it prints, with the version it was read at."""

    class Meta:
        model = PlanBasis
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> carries it

    def save(self, commit=True):
        # The opening word is kept in step with the wording, which the official may have changed.
        self.instance.opening = "Thực hiện" if self.instance.text.startswith("Thực hiện") else "Căn cứ"
        return super().save(commit)


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


class SectionForm(VersionedModelForm):
    """A section of the plan's body; its parent is picked from the numbered outline the document prints.

    An edit carries the version it was read at (unused when adding).
    """

    class Meta:
        model = Section
        fields = ["parent", "numbering", "heading", "text", "task_layout"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "heading": forms.TextInput()}

    def __init__(self, *args, plan, parent: Section | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        sections = SectionOutline(list(plan.sections.all()))
        # A section cannot move under itself or its own sub-sections.
        excluded = sections.descendants(self.instance) if self.instance.pk else set()
        field = self.fields["parent"]
        field.queryset = plan.sections.exclude(pk__in=excluded)
        field.label = _("Nằm trong mục")
        field.empty_label = _("(Mục lớn, cấp cao nhất)")
        field.widget = OutlineSelect(child_numbering=sections.child_numbering())
        field.choices = [("", field.empty_label), *sections.choices(exclude=excluded)]
        if not self.instance.pk:
            self.fields["numbering"].widget.attrs["data-follows-parent"] = "true"
            if parent is not None and parent.pk in sections.sections and not self.is_bound:
                self.initial["parent"] = parent.pk
            self.initial.setdefault(
                "numbering", default_numbering(parent, sections.levels.get(getattr(parent, "pk", None), 0))
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> carries it

    def clean(self):
        data = super().clean()
        if not data.get("heading") and not data.get("text"):
            raise ValidationError(_("Mục cần có tiêu đề hoặc nội dung."))
        return data


def unit_filter(picker: str, label: str) -> HTML:
    """Return the search box over the unit pickers named `picker`; hidden until the editor's script runs."""
    return HTML(f'{{% include "plans/_unit_filter.html" with picker="{picker}" label="{label}" %}}')


class TaskForm(VersionedModelForm):
    """A task of the plan: where it prints, who leads and who helps (units or whole groups), and when.

    An edit carries the version it was read at (unused when adding).
    """

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
            "lead_units": UnitPickerSelect("lead", size=6),
            "coordinating_units": UnitPickerSelect("coordinating", size=6),
            "lead_groups": UnitPickerSelect("lead", size=3),
            "coordinating_groups": UnitPickerSelect("coordinating", size=3),
        }
        labels = {
            "lead_groups": _("Hoặc cả nhóm đơn vị chủ trì"),
            "coordinating_groups": _("Hoặc cả nhóm đơn vị phối hợp"),
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
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> carries it
        self.helper.layout = Layout(
            "content",
            "section",
            Fieldset(_("Chủ trì"), unit_filter("lead", "Tìm đơn vị chủ trì"), "lead_units", "lead_groups", "lead_text"),
            Fieldset(
                _("Phối hợp"),
                unit_filter("coordinating", "Tìm đơn vị phối hợp"),
                "coordinating_units",
                "coordinating_groups",
                "coordinating_text",
            ),
            "form",
            Row(Column("timeframe_kind"), Column("recurrence")),
            "timeframe_text",
            Row(Column("start_date"), Column("end_date"), Column("due_date")),
            "expected_output",
            "version",
        )

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


class CopyForm(Form):
    title = forms.CharField(label=_("Trích yếu của kế hoạch mới"), max_length=500)
