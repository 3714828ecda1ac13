"""The desk's form in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from services.domain import allowed_transitions
from services.models import ServiceRequest


class StatusChangeForm(forms.ModelForm):
    """The desk's status change in the admin: a new status and a note for the applicant."""

    new_status = forms.ChoiceField(label=_("Status baru"), required=False)
    note = forms.CharField(
        label=_("Catatan untuk pemohon"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di halaman lacak dan di email pemohon. Jangan tulis NIK."),
    )

    class Meta:
        model = ServiceRequest
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status if self.instance.pk else ServiceRequest.Status.SUBMITTED
        self.fields["new_status"].choices = [("", _("(tidak diubah)"))] + [
            (s, ServiceRequest.Status(s).label) for s in allowed_transitions(current)
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("note", "").strip() and not cleaned.get("new_status"):
            self.add_error(
                "new_status", _("Pilih status baru: catatan dikirim bersama perubahan status.")
            )
        return cleaned
