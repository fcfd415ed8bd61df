"""Forms of the reports app."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import Form, ModelForm
from reports.choices import PeriodKind
from reports.models import PeriodicReport


class ReportCreateForm(Form):
    """Pick the period of a new report: first half, second half or the year, and the year."""

    period_kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ReportEditForm(ModelForm):
    """The title, the addressees (Kính gửi) and the three narrative sections of an editable report."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PeriodicReport
        fields = ["title", "addressees", "results", "limitations_and_causes", "proposals"]
        widgets = {
            "addressees": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.Textarea(attrs={"rows": 8}) for name in ["results", "limitations_and_causes", "proposals"]},
        }


class CycleOpenForm(Form):
    """Open a report cycle: the period, the year and the deadline (dd/mm/yyyy)."""

    period_kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Hạn nộp"))


class PartForm(Form):
    """The unit's short narrative of its part, with the version it was read at."""

    narrative = forms.CharField(
        label=_("Kết quả, hạn chế, đề xuất của đơn vị"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
