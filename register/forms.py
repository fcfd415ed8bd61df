from danvan.forms import ModelForm
from register.models import OutgoingEntry


class EntryForm(ModelForm):
    """The văn thư's columns of a register line: how many copies were made, and a note."""

    class Meta:
        model = OutgoingEntry
        fields = ["copies", "notes"]
