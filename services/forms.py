"""The request form: what every applicant gives, each service's own questions, document
photos, and the signed answers the check-answers page carries."""

import datetime
import re
import secrets
import unicodedata

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from festival.sitewide import clock, images, numbers
from festival.sitewide.forms import NIKField, NOPField, PhoneField
from festival.sitewide.models import Kecamatan
from services import uploads
from services.models import Document, Service, ServiceRequest

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_PIXELS = 30_000_000
DOCUMENT_WIDTH = 2000
PBB_FIRST_YEAR = 2013  # PBB-P2 became a Banyuwangi district tax in 2013 (Perda 6/2012).
KIA_AGE_LIMIT = 17


class PlainTextField(forms.CharField):
    """Text a person types: trimmed, and refused when it holds control characters."""

    def to_python(self, value):
        value = super().to_python(value)
        if value and any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
            raise ValidationError(
                _("Teks ini berisi karakter yang tidak bisa dipakai. Ketik ulang tanpa menyalin."),
                code="control_characters",
            )
        return value


def _digits(value: str) -> str:
    return numbers.ascii_digits(re.sub(r"[\s.\-]+", "", value or ""))


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
        help_text=_("Bila diisi, kami kirim kabar setiap kali status permohonan berubah."),
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


class DetailsForm(forms.Form):
    """Base of each service's own questions; stores answers as JSON-safe values."""

    legend = ""

    def to_details(self) -> dict:
        details = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, Kecamatan):
                details[f"{name}_code"] = value.code
                value = value.name
            details[name] = value
        return details

    @classmethod
    def describe(cls, details: dict) -> list[tuple[str, str]]:
        """(question, answer) pairs of stored details, for the desk and the applicant."""
        rows = []
        for name, field in cls.base_fields.items():
            value = details.get(name, "")
            if value in ("", None):
                continue
            if isinstance(field, forms.DateField):
                value = date_format(datetime.date.fromisoformat(value), "j F Y")
            elif isinstance(field, forms.ChoiceField) and field.choices:
                value = dict(field.choices).get(value, value)
            rows.append((str(field.label), str(value)))
        return rows


class KiaForm(DetailsForm):
    legend = _("Data anak")

    child_name = PlainTextField(label=_("Nama lengkap anak"), max_length=200)
    child_birth_date = forms.DateField(
        label=_("Tanggal lahir anak"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("KIA untuk anak yang belum berusia 17 tahun."),
    )
    birth_certificate_number = PlainTextField(
        label=_("Nomor akta kelahiran anak"),
        max_length=60,
        help_text=_("Seperti tertulis di kutipan akta kelahiran."),
    )
    kk_number = forms.CharField(
        label=_("Nomor Kartu Keluarga (KK)"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, tertera di bagian atas Kartu Keluarga."),
    )

    def clean_child_birth_date(self):
        born = self.cleaned_data["child_birth_date"]
        today = clock.today()
        if born > today:
            raise ValidationError(
                _("Tanggal lahir tidak boleh setelah hari ini."), code="born_in_future"
            )
        try:
            seventeenth = born.replace(year=born.year + KIA_AGE_LIMIT)
        except ValueError:  # born on 29 February
            seventeenth = born.replace(year=born.year + KIA_AGE_LIMIT, month=3, day=1)
        if seventeenth <= today:
            raise ValidationError(
                _("KIA hanya untuk anak di bawah 17 tahun. Anak usia 17 tahun mengurus KTP-el."),
                code="too_old_for_kia",
            )
        return born

    def clean_birth_certificate_number(self):
        number = self.cleaned_data["birth_certificate_number"]
        if not re.fullmatch(r"[0-9A-Za-z./\- ]+", number):
            raise ValidationError(
                _("Nomor akta hanya berisi huruf, angka, titik, garis miring atau tanda hubung."),
                code="birth_certificate_chars",
            )
        return number.upper()

    def clean_kk_number(self):
        number = _digits(self.cleaned_data["kk_number"])
        if not re.fullmatch(r"[0-9]{16}", number):
            raise ValidationError(_("Nomor KK terdiri dari 16 angka."), code="kk_length")
        return number


class BusinessForm(DetailsForm):
    """SIUP and TDP ask about the business."""

    legend = _("Data usaha")

    LEGAL_FORMS = [
        ("", _("Pilih bentuk usaha")),
        ("perorangan", _("Perorangan")),
        ("cv", _("Persekutuan Komanditer (CV)")),
        ("firma", _("Firma")),
        ("pt", _("Perseroan Terbatas (PT)")),
        ("koperasi", _("Koperasi")),
        ("lainnya", _("Bentuk usaha lain")),
    ]

    business_name = PlainTextField(label=_("Nama usaha"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Bentuk usaha"), choices=LEGAL_FORMS)
    business_address = PlainTextField(
        label=_("Alamat usaha"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Jalan, nomor, RT/RW, desa atau kelurahan."),
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan tempat usaha"),
        queryset=Kecamatan.objects.order_by("name"),
        empty_label=_("Pilih kecamatan"),
    )


class PbbForm(DetailsForm):
    legend = _("Data objek pajak")

    nop = NOPField(
        label=_("NOP (Nomor Objek Pajak)"),
        help_text=_(
            "18 angka seperti di SPPT, misalnya 35.10.010.001.001-0001.0 (titik boleh tidak ditulis)."
        ),
    )
    tax_year = forms.IntegerField(
        label=_("Tahun pajak"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Tahun pajak yang akan dibayar, seperti tertera di SPPT."),
    )

    def clean_tax_year(self):
        year = self.cleaned_data["tax_year"]
        this_year = clock.today().year
        if not PBB_FIRST_YEAR <= year <= this_year:
            raise ValidationError(
                _("Tahun pajak harus antara %(first)s dan %(last)s."),
                code="tax_year_range",
                params={"first": PBB_FIRST_YEAR, "last": this_year},
            )
        return year


class LevyForm(DetailsForm):
    legend = _("Data retribusi")

    levy_kind = PlainTextField(
        label=_("Jenis retribusi"),
        max_length=200,
        help_text=_("Tulis seperti tertera di surat ketetapan atau tagihan."),
    )
    levy_reference = PlainTextField(
        label=_("Nomor surat ketetapan atau tagihan"),
        max_length=100,
        required=False,
    )


DETAIL_FORMS: dict[str, type[DetailsForm]] = {
    Service.FormKind.KIA: KiaForm,
    Service.FormKind.SIUP: BusinessForm,
    Service.FormKind.TDP: BusinessForm,
    Service.FormKind.PBB: PbbForm,
    Service.FormKind.LEVY: LevyForm,
}

# The document photos a service's form offers, in the order its requirements list them.
DOCUMENT_KINDS: dict[str, list[str]] = {
    Service.FormKind.KIA: [
        Document.Kind.BIRTH_CERTIFICATE,
        Document.Kind.KK,
        Document.Kind.KTP,
    ],
    Service.FormKind.SIUP: [Document.Kind.KTP],
    Service.FormKind.TDP: [Document.Kind.KTP],
}

DOCUMENT_LABELS = {
    Document.Kind.KTP: _("Foto KTP-el pemohon"),
    Document.Kind.KK: _("Foto Kartu Keluarga"),
    Document.Kind.BIRTH_CERTIFICATE: _("Foto kutipan akta kelahiran anak"),
}


def describe_details(service: Service, details: dict) -> list[tuple[str, str]]:
    form_class = DETAIL_FORMS.get(service.form_kind)
    return form_class.describe(details) if form_class else []


def clean_document(upload) -> ContentFile:
    """A real image within the limits, upright, re-encoded without metadata."""
    image = images.open_checked(
        upload, max_bytes=MAX_DOCUMENT_BYTES, max_pixels=MAX_DOCUMENT_PIXELS
    )
    return images.encode(image, fmt="WEBP", max_width=DOCUMENT_WIDTH, quality=85)


class DocumentsForm(forms.Form):
    """Optional photos. A photo kept from the check-answers page (`held`) stays unless a new
    one is uploaded in its place."""

    def __init__(self, *args, kinds: list[str], held: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.held = {k: v for k, v in (held or {}).items() if k in kinds}
        for kind in kinds:
            help_text = _("JPEG, PNG atau WebP, paling besar 8 MB.")
            if kind in self.held:
                help_text = _("Foto sudah kami terima. Unggah lagi hanya bila ingin menggantinya.")
            self.fields[kind] = forms.FileField(
                label=DOCUMENT_LABELS[kind],
                required=False,
                help_text=help_text,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp"}
                ),
            )
        self.cleaned_documents: dict[str, object] = {}

    def clean(self):
        cleaned = super().clean()
        for kind in self.fields:
            upload = cleaned.get(kind)
            if not upload:
                continue
            try:
                self.cleaned_documents[kind] = clean_document(upload)
            except ValidationError as error:
                self.add_error(kind, error)
        return cleaned

    def hold_documents(self) -> dict[str, str]:
        """Keep the new photos privately; returns every held photo by kind."""
        held = dict(self.held)
        for kind, content in self.cleaned_documents.items():
            held[kind] = uploads.hold(content)
        return held


class RequestForms:
    """The applicant, details and documents forms of one service, validated together.

    Behaves enough like a form for templates/includes/_error_summary.html (errors,
    non_field_errors, iteration over fields)."""

    def __init__(self, service: Service, *, days, data=None, files=None, held=None):
        self.service = service
        self.applicant = ApplicantForm(data, days=days)
        self.details = DETAIL_FORMS[service.form_kind](data)
        self.documents = DocumentsForm(
            data, files, kinds=DOCUMENT_KINDS.get(service.form_kind, []), held=held
        )
        self._extra_errors: list[str] = []

    @property
    def forms(self):
        return [self.applicant, self.details, self.documents]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])  # noqa: C419 - validate every form, for every error and not self._extra_errors

    def add_error(self, message) -> None:
        self._extra_errors.append(message)

    @property
    def errors(self):
        return self._extra_errors or any(form.errors for form in self.forms)

    def non_field_errors(self):
        return [*self._extra_errors, *(e for f in self.forms for e in f.non_field_errors())]

    def __iter__(self):
        for form in self.forms:
            yield from form

    def raw_data(self) -> dict[str, str]:
        """What was typed, as the forms accept it back (for the 'change answers' link)."""
        data = {}
        for form in (self.applicant, self.details):
            for name in form.fields:
                value = form.cleaned_data.get(name)
                if isinstance(value, Kecamatan):
                    value = value.pk
                elif isinstance(value, datetime.date):
                    value = value.isoformat()
                data[name] = "" if value is None else str(value)
        return data

    def summary(self) -> list[tuple[str, str]]:
        a = self.applicant.cleaned_data
        rows = [
            (str(_("Nama lengkap pemohon")), a["applicant_name"]),
            (str(_("NIK pemohon")), a["nik"]),
            (str(_("Nomor HP")), a["phone"]),
        ]
        if a.get("email"):
            rows.append((str(_("Email")), a["email"]))
        rows.append(
            (str(_("Hari Anda datang ke festival")), date_format(a["preferred_day"], "l, j F Y"))
        )
        rows.extend(self.details.describe(self.details.to_details()))
        return rows


class AnswersToken:
    """The check-answers page's signed copy of the answers (and held photos), so the final
    submit needs neither a session nor a second upload and cannot be altered."""

    salt = "services.request.answers"
    max_age = 2 * 60 * 60

    @classmethod
    def dump(cls, *, service: Service, data: dict, held: dict, key: str | None = None) -> str:
        payload = {
            "service": service.pk,
            "data": data,
            "held": held,
            "key": key or secrets.token_hex(16),
        }
        return signing.dumps(payload, salt=cls.salt, compress=True)

    @classmethod
    def load(cls, token: str, *, service: Service) -> dict:
        """The payload, or signing.BadSignature when forged, expired or for another service."""
        payload = signing.loads(token or "", salt=cls.salt, max_age=cls.max_age)
        if payload.get("service") != service.pk:
            raise signing.BadSignature("answers for another service")
        held = payload.get("held") or {}
        payload["held"] = {k: v for k, v in held.items() if uploads.is_held_name(v)}
        return payload


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
        from services.domain import allowed_transitions

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
