"""Finding one's request: the reference code and a second factor."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from festival.sitewide import numbers


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Kode permohonan"),
        max_length=20,
        help_text=_("8 huruf dan angka, misalnya ACDE-3479."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone_last4 = forms.CharField(
        label=_("4 angka terakhir nomor HP"),
        max_length=4,
        min_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Nomor HP yang Anda tulis di permohonan."),
    )

    def clean_code(self):
        return re.sub(r"[\s\-]+", "", self.cleaned_data["code"]).upper()

    def clean_phone_last4(self):
        digits = numbers.ascii_digits(self.cleaned_data["phone_last4"].strip())
        if not re.fullmatch(r"[0-9]{4}", digits):
            raise ValidationError(_("Tulis 4 angka."), code="last4")
        return digits
