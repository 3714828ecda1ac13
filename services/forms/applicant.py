"""What every request asks, whatever the service."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from festival.sitewide.forms import NIKField, PhoneField
from services.forms.fields import PlainTextField


class ApplicantForm(forms.Form):
    """What every request asks: who applies, how to reach them, which festival day."""

    applicant_name = PlainTextField(
        label=_("Nama lengkap pemohon"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Seperti tertulis di KTP."),
    )
    nik = NIKField(
        label=_("NIK pemohon"), help_text=_("16 angka, tertera di KTP dan Kartu Keluarga.")
    )
    phone = PhoneField(
        label=_("Nomor HP"),
        help_text=_(
            "Misalnya 0812 3456 7890. Empat angka terakhirnya dipakai untuk melacak permohonan."
        ),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Apabila diisi, kami kirim kabar setiap kali status permohonan berubah."),
    )
    preferred_day = forms.TypedChoiceField(
        label=_("Hari Anda datang ke festival"),
        widget=forms.RadioSelect,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
    )

    def __init__(self, *args, days: list[datetime.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_day"].choices = [
            (day.isoformat(), date_format(day, "l, j F Y")) for day in days
        ]
