"""The registration form: what a staff member types, checked and normalised."""

import dataclasses
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.forms.widgets import ChoiceWidget
from django.utils.translation import gettext_lazy as _

from festival.sitewide.forms import NIPField, PhoneField, VillageChoiceField
from festival.sitewide.models import Kecamatan
from workshops import certificate_pdf, evaluation
from workshops.models import Registration, Workshop, validate_workplace


def _one_line(value: str) -> str:
    """Collapse whitespace and drop control characters a paste may bring."""
    value = "".join(ch for ch in value if ch.isprintable() or ch.isspace())
    return " ".join(value.split())


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        error_messages={"required": _("Tulis nama lengkap Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nip = NIPField(
        label=_("NIP"),
        required=False,
        help_text=_(
            "18 angka: tanggal lahir, tahun dan bulan pengangkatan, jenis kelamin, dan nomor urut, "
            "misalnya 19860926 201505 1 001. Kosongkan apabila Anda bukan PNS."
        ),
    )
    position = forms.CharField(
        label=_("Jabatan"),
        max_length=150,
        help_text=_("Misalnya Sekretaris Desa, Kasi Pelayanan, atau Operator SIAK."),
        error_messages={"required": _("Tulis jabatan Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    office_kind = forms.ChoiceField(
        label=_("Tempat tugas"),
        choices=Registration.OfficeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih tempat tugas Anda.")},
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.order_by("name"),
        empty_label=_("Pilih kecamatan"),
        error_messages={
            "required": _("Pilih kecamatan tempat Anda bertugas."),
            "invalid_choice": _("Pilih kecamatan dari daftar."),
        },
    )
    village = VillageChoiceField(
        label=_("Desa/kelurahan"),
        required=False,
        empty_label=_("Pilih desa/kelurahan"),
        help_text=_("Dikelompokkan per kecamatan. Staf kecamatan tidak perlu mengisi."),
        error_messages={"invalid_choice": _("Pilih desa/kelurahan dari daftar.")},
    )
    phone = PhoneField(
        label=_("Nomor HP"),
        help_text=_("Misalnya 0812 3456 7890. Panitia menghubungi Anda melalui nomor ini."),
        error_messages={"required": _("Tulis nomor HP Anda.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("Apabila diisi, tiket dan berkas kalender dikirim ke alamat ini."),
        error_messages={"invalid": _("Tulis alamat email yang benar, misalnya nama@contoh.id.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Saya setuju data ini dipakai panitia hanya untuk workshop ini dan dihapus "
            "setelah festival."
        ),
        error_messages={"required": _("Centang persetujuan agar kami dapat mendaftarkan Anda.")},
    )
    # One random token per form page: submitting the same page twice finds the first
    # registration instead of making a second one.
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))

    def clean_full_name(self):
        name = _one_line(self.cleaned_data["full_name"])
        if not name:
            raise ValidationError(_("Tulis nama lengkap Anda."), code="required")
        return name

    def clean_position(self):
        position = _one_line(self.cleaned_data["position"])
        if not position:
            raise ValidationError(_("Tulis jabatan Anda."), code="required")
        return position

    def clean_token(self):
        token = self.cleaned_data.get("token", "")
        # Only what the server itself hands out; anything else is ignored, not an error.
        return token if token.replace("-", "").replace("_", "").isalnum() else ""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("office_kind")
        if kind == Registration.OfficeKind.KECAMATAN:
            cleaned["village"] = None
        if "village" not in self.errors:
            try:
                validate_workplace(
                    office_kind=kind,
                    kecamatan=cleaned.get("kecamatan"),
                    village=cleaned.get("village"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


# A ticket's QR holds its page's address, on any host and in either language; only the secret
# matters. Secrets are secrets.token_urlsafe(): letters, digits, "-" and "_".
TICKET_URL = re.compile(r"/workshop/tiket/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)")
BARE_SECRET = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclasses.dataclass(frozen=True)
class TicketReference:
    """What the door kiosk was given: a ticket's secret (scanned) or a registration code
    (typed); exactly one is set."""

    secret: str = ""
    code: str = ""


class KioskForm(forms.Form):
    """The door kiosk's one input: what a handheld scanner types from a ticket's QR code (its
    address, then Enter), a bare secret, or a registration code typed by hand (any case,
    spaces and dashes tolerated: `kmp 4xa`, `KMP-4XA`)."""

    ticket = forms.CharField(
        label=_("Pindai tiket atau ketik kode pendaftaran"),
        max_length=300,
        error_messages={"required": _("Pindai kode QR tiket, atau ketik kode pendaftarannya.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
                "aria-describedby": "door-hint",
            }
        ),
    )

    def clean_ticket(self) -> TicketReference:
        text = self.cleaned_data["ticket"].strip()
        if found := TICKET_URL.search(text):
            return TicketReference(secret=found.group(1))
        if BARE_SECRET.fullmatch(text):
            return TicketReference(secret=text)
        code = "".join(ch for ch in text if ch not in " -").upper()
        if 0 < len(code) <= Registration._meta.get_field("code").max_length and code.isalnum():
            return TicketReference(code=code)
        raise ValidationError(
            _(
                "Ini bukan tiket workshop: pindai kode QR pada tiket, atau ketik kode "
                "pendaftarannya (6 huruf dan angka)."
            ),
            code="not_a_ticket",
        )


class RegistrationAdminForm(forms.ModelForm):
    """A registration as organisers correct it in the admin: the same fields, normalisation
    and duplicate rule as the public form, so the admin never stores `0812-…` beside
    `+62812…`, never stores what is not a phone, and answers a duplicate with a form error
    instead of the database's IntegrityError."""

    nip = NIPField(label=_("NIP"), required=False)
    phone = PhoneField(label=_("Nomor HP"))

    class Meta:
        model = Registration
        fields = ["full_name", "nip", "position", "office_kind", "kecamatan", "village"]
        fields += ["phone", "email", "certificate_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin leaves out the fields a user may not see; a declared field would stay.
        for name in ("nip", "phone"):
            if name not in self._meta.fields:
                del self.fields[name]

    def clean_full_name(self):
        name = _one_line(self.cleaned_data["full_name"])
        if not name:
            raise ValidationError(_("Tulis nama lengkap."), code="required")
        return name

    def clean_certificate_name(self):
        name = _one_line(self.cleaned_data.get("certificate_name", ""))
        missing = certificate_pdf.unprintable(name)
        if missing:
            raise ValidationError(
                _("Huruf %(chars)s tidak dapat dicetak di sertifikat."),
                code="unprintable",
                params={"chars": " ".join(missing)},
            )
        return name

    def clean_position(self):
        position = _one_line(self.cleaned_data["position"])
        if not position:
            raise ValidationError(_("Tulis jabatan."), code="required")
        return position

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("office_kind") == Registration.OfficeKind.KECAMATAN:
            cleaned["village"] = None
        registration = self.instance
        if registration.pk is None or registration.status == Registration.Status.CANCELLED:
            return cleaned
        # The admin saves inside a transaction: holding the workshop row, as every
        # registration does (workshops.domain), no one can take this phone or NIP between
        # this check and the save.
        Workshop.objects.select_for_update().filter(pk=registration.workshop_id).first()
        others = (
            Registration.objects.active()
            .filter(workshop_id=registration.workshop_id)
            .exclude(pk=registration.pk)
        )
        for field, message in ADMIN_DUPLICATE.items():
            value = cleaned.get(field)
            if field not in self.fields or not value:
                continue
            other = others.filter(**{field: value}).first()
            if other is not None:
                self.add_error(
                    field,
                    ValidationError(message, code="duplicate", params={"code": other.code}),
                )
        return cleaned


# Told to staff only, who may know who is registered (never on the public form).
ADMIN_DUPLICATE = {
    "phone": _("Nomor HP ini sudah dipakai pendaftaran aktif %(code)s di workshop ini."),
    "nip": _("NIP ini sudah dipakai pendaftaran aktif %(code)s di workshop ini."),
}


class ScaleChoices(forms.RadioSelect):
    """Radio buttons whose group has an id to link to: the error summary points at the first
    answer (Django gives a radio group no id of its own, so the link would go nowhere)."""

    def id_for_label(self, id_, index="0"):
        return ChoiceWidget.id_for_label(self, id_, index)


class EvaluationForm(forms.Form):
    """The four items (each required, scored 1–4) and the optional comment."""

    comment = forms.CharField(
        label=_("Saran atau komentar"),
        required=False,
        max_length=evaluation.COMMENT_MAX_LENGTH,
        help_text=_(
            "Paling banyak 1.000 karakter. Panitia membaca evaluasi tanpa nama Anda: jangan "
            "menulis nama, NIP, atau nomor HP."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Saran atau komentar paling banyak %(limit_value)d karakter (kini %(show_value)d)."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choose = _("Pilih salah satu nilai, 1 sampai 4.")
        items = {
            item.field: forms.TypedChoiceField(
                label=f"{number}. {item.label}",
                help_text=item.text,
                choices=item.choices(),
                coerce=int,
                widget=ScaleChoices,
                error_messages={"required": choose, "invalid_choice": choose},
            )
            for number, item in enumerate(evaluation.ITEMS, start=1)
        }
        # The items first, then the comment.
        self.fields = {**items, **self.fields}

    def item_fields(self):
        return [self[field] for field in evaluation.FIELDS]

    def clean_comment(self):
        # Control characters a paste may bring go; line breaks stay.
        comment = self.cleaned_data["comment"]
        return "".join(ch for ch in comment if ch.isprintable() or ch in "\n\t").strip()

    def answers(self) -> dict:
        return {field: self.cleaned_data[field] for field in (*evaluation.FIELDS, "comment")}


class CertificateNameForm(forms.Form):
    """The participant confirms how their name (and NIP) is spelt on their certificate."""

    full_name = forms.CharField(
        label=_("Nama lengkap untuk sertifikat"),
        max_length=150,
        help_text=_(
            "Periksa ejaan, huruf besar, gelar, dan tanda baca: nama dicetak persis seperti "
            "yang Anda tulis di sini dan tidak dapat diubah setelah sertifikat terbit."
        ),
        error_messages={"required": _("Tulis nama lengkap Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nip = NIPField(
        label=_("NIP"),
        required=False,
        help_text=_("18 angka, misalnya 19860926 201505 1 001. Kosongkan apabila Anda bukan PNS."),
    )

    def __init__(self, *args, registered_nip: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.set_registered_nip(registered_nip)

    def set_registered_nip(self, registered_nip: str) -> None:
        """With a NIP given at registration, the field starts empty and says which NIP is
        printed when it stays empty (masked: the ticket page never shows it whole)."""
        if registered_nip:
            self.fields["nip"].help_text = _(
                "Kosongkan agar NIP yang Anda daftarkan (berakhiran %(last)s) dicetak; isi 18 "
                "angka hanya untuk membetulkannya."
            ) % {"last": registered_nip[-4:]}

    def clean_full_name(self):
        name = _one_line(self.cleaned_data["full_name"])
        if not name:
            raise ValidationError(_("Tulis nama lengkap Anda."), code="required")
        missing = certificate_pdf.unprintable(name)
        if missing:
            raise ValidationError(
                _(
                    "Huruf %(chars)s tidak dapat dicetak di sertifikat. Tulis nama dengan "
                    "huruf Latin (misalnya tanpa tanda di atas huruf)."
                ),
                code="unprintable",
                params={"chars": " ".join(missing)},
            )
        return name
