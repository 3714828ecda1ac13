"""Each service's own questions, and how stored answers read back to people."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from festival.sitewide import clock
from festival.sitewide.forms import NOPField
from festival.sitewide.models import Kecamatan
from services.forms.fields import PlainTextField, digits
from services.models import Service

PBB_FIRST_YEAR = 2013  # PBB-P2 became a Banyuwangi district tax in 2013 (Perda 6/2012).
KIA_AGE_LIMIT = 17


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
                _("Nomor akta hanya berisi huruf, angka, titik, garis miring, atau tanda hubung."),
                code="birth_certificate_chars",
            )
        return number.upper()

    def clean_kk_number(self):
        number = digits(self.cleaned_data["kk_number"])
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


def describe_details(service: Service, details: dict) -> list[tuple[str, str]]:
    form_class = DETAIL_FORMS.get(service.form_kind)
    return form_class.describe(details) if form_class else []
