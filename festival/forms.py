"""The programme's filter form."""

from django import forms

from festival.models import ProgrammeItem


class ProgrammeFilterForm(forms.Form):
    """The programme's filter by kind (?jenis=workshop). An unknown kind shows everything."""

    jenis = forms.ChoiceField(required=False, choices=[("", "")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", ""), *ProgrammeItem.Kind.choices]

    @property
    def kind(self) -> str:
        return self.cleaned_data.get("jenis", "") if self.is_valid() else ""
