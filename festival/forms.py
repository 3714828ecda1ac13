"""The programme's filter form and the booth plan's admin forms."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from festival import domain
from festival.models import Booth, BoothPlan, ProgrammeItem


class ProgrammeFilterForm(forms.Form):
    """The programme's filter by kind (?jenis=workshop). An unknown kind shows everything."""

    jenis = forms.ChoiceField(required=False, choices=[("", "")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", ""), *ProgrammeItem.Kind.choices]

    @property
    def kind(self) -> str:
        return self.cleaned_data.get("jenis", "") if self.is_valid() else ""


class ShareAsPercentField(forms.DecimalField):
    """A position on the plan typed (or filled by a click) as a percentage, 0 to 100, and
    stored as a share, 0 to 1 (to 1/100 of a per cent): organisers read "45 %" more easily
    than 0.45. Any number of decimals is accepted and rounded."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        super().__init__(**kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid": _("Tulis persentase dari 0 sampai 100, misalnya 42,5."),
            "min_value": _("Posisi stan harus di dalam gambar denah: dari 0 sampai 100 persen."),
            "max_value": _("Posisi stan harus di dalam gambar denah: dari 0 sampai 100 persen."),
        }

    def prepare_value(self, value):
        # The stored share (a Decimal from the model) is shown as a percentage; what the
        # organiser typed (a string) is shown again as typed.
        if isinstance(value, Decimal):
            return (value * 100).normalize().to_eng_string() if value else "0"
        return value

    def to_python(self, value):
        # Indonesian writes 42,5 where English writes 42.5; a "%" typed after it is fine too.
        if isinstance(value, str):
            value = value.strip().rstrip("%").strip().replace(",", ".")
        return super().to_python(value)

    def clean(self, value):
        percent = super().clean(value)
        return None if percent is None else (percent / 100).quantize(Decimal("0.0001"))

    def has_changed(self, initial, data):
        try:
            share = None if data in (None, "") else self.clean(data)
        except forms.ValidationError:
            return True
        return share != (Decimal(initial) if initial not in (None, "") else None)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "size": 6})
        attrs.pop("step", None)
        return attrs


class BoothForm(forms.ModelForm):
    """One booth on the plan's admin page: its place in percent of the plan's width and
    height, filled by a click on the plan or typed."""

    x = ShareAsPercentField(
        label=_("dari kiri (%)"), help_text=_("0 = tepi kiri, 100 = tepi kanan.")
    )
    y = ShareAsPercentField(
        label=_("dari atas (%)"), help_text=_("0 = tepi atas, 100 = tepi bawah.")
    )

    class Meta:
        model = Booth
        fields = ["number", "label", "label_en", "x", "y"]
        widgets = {"number": forms.NumberInput(attrs={"min": 1, "size": 4})}


class BoothPlanForm(forms.ModelForm):
    """The plan of an edition: the upload is checked with Pillow here and stored as a clean
    WebP by `domain.save_booth_plan` when the admin saves."""

    upload = forms.FileField(
        label=_("Berkas denah"),
        required=False,
        help_text=_(
            "Gambar denah halaman festival: JPEG, PNG, atau WebP, paling besar 10 MB (misalnya "
            "foto denah yang digambar, atau tangkapan layar denah dari komputer). Stan yang "
            "sudah ditempatkan tetap di tempatnya apabila gambar diganti."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = BoothPlan
        fields = ["edition", "upload", "alt", "alt_en"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            if not self.instance.pk:
                raise forms.ValidationError(
                    _("Pilih gambar denah untuk diunggah."), code="required"
                )
            return None
        return domain.check_plan_image(upload)

    def save(self, commit=True):
        plan = super().save(commit=False)
        if commit:
            domain.save_booth_plan(plan=plan, image=self.cleaned_data.get("upload"))
        return plan
