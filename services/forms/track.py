"""Finding one's request without the private link: the reference code and the phone number."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from festival.sitewide.forms import PhoneField


class TrackForm(forms.Form):
    """The fallback to the private tracking link. The whole phone number is the second
    factor, not a part of it, so that guessing stays hopeless within the data's lifetime (see
    the "track-code" rate limit in the settings for the arithmetic)."""

    code = forms.CharField(
        label=_("Kode permohonan"),
        max_length=20,
        help_text=_("8 huruf dan angka, misalnya ACDE-3479."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone = PhoneField(
        label=_("Nomor HP"),
        help_text=_("Nomor HP yang Anda tulis di permohonan, misalnya 0812 3456 7890."),
    )

    def clean_code(self):
        return re.sub(r"[\s\-]+", "", self.cleaned_data["code"]).upper()
