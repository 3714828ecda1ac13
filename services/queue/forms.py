"""The queue's forms: booking a number, and the desk's number, walk-in and call forms."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festival.sitewide.forms import PhoneField
from services.forms.fields import PlainTextField


class BookingForm(forms.Form):
    """A slot with places left (radio buttons: works without JavaScript), who comes, optionally
    an email address for the confirmation and the reference of a request made ahead. `slots`
    are queries.SlotPlaces."""

    slot = forms.ChoiceField(
        label=_("Slot waktu"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih slot waktu."),
            "invalid_choice": _("Slot ini sudah penuh atau sudah berlalu: pilih slot lain."),
        },
    )
    name = PlainTextField(
        label=_("Nama"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Tulis nama Anda.")},
    )
    phone = PhoneField(
        label=_("Nomor HP"),
        help_text=_("Satu nomor HP memesan satu nomor antrean per layanan per hari."),
        error_messages={"required": _("Tulis nomor HP Anda, misalnya 0812 3456 7890.")},
    )
    email = forms.EmailField(
        label=_("Email (tidak wajib)"),
        required=False,
        max_length=254,
        help_text=_(
            "Apabila diisi, kami mengirim konfirmasi ke alamat ini: nomor antrean, jam datang, "
            "yang perlu dibawa, dan tautan tiket untuk membatalkan. Satu email per pemesanan."
        ),
        error_messages={"invalid": _("Tulis alamat email yang benar, misalnya nama@contoh.id.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    request_code = forms.CharField(
        label=_("Kode permohonan (tidak wajib)"),
        required=False,
        max_length=20,
        help_text=_(
            "Apabila Anda sudah mengajukan permohonan layanan ini secara daring, tulis kodenya "
            "(misalnya ACDE-3479) agar petugas melihatnya bersama nomor antrean Anda."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (
                place.key,
                ngettext(
                    "%(start)s–%(end)s WIB (%(left)s tempat lagi)",
                    "%(start)s–%(end)s WIB (%(left)s tempat lagi)",
                    place.left,
                )
                % {
                    "start": place.slot.start.strftime("%H.%M"),
                    "end": place.slot.end.strftime("%H.%M"),
                    "left": place.left,
                },
            )
            for place in slots
            if place.left > 0
        ]

    def clean_slot(self) -> datetime.time:
        return datetime.time.fromisoformat(self.cleaned_data["slot"])

    def clean_request_code(self) -> str:
        return re.sub(r"[\s\-]+", "", self.cleaned_data["request_code"]).upper()


class NumberForm(forms.Form):
    """The desk types a number as on a ticket or slip (KIA-014, or 14)."""

    number = forms.CharField(
        label=_("Nomor antrean"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Tulis nomor antrean, misalnya KIA-014.")},
    )


class WalkInForm(forms.Form):
    name = PlainTextField(
        label=_("Nama (tidak wajib)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CounterForm(forms.Form):
    counter = forms.TypedChoiceField(label=_("Loket"), coerce=int)

    def __init__(self, *args, counters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counter"].choices = [(n, str(n)) for n in counters]
