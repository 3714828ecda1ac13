"""Form pieces every app shares: the renderer, fields for Indonesian numbers, and the
desa/kelurahan choice grouped per kecamatan."""

import itertools

from django import forms
from django.forms.renderers import TemplatesSetting

from festival.sitewide import numbers
from festival.sitewide.models import Village


class FestivalFormRenderer(TemplatesSetting):
    """Renders forms and fields with templates/includes/ (labels, hints, inline errors)."""

    form_template_name = "includes/_form.html"
    field_template_name = "includes/_field.html"


class _NormalizedField(forms.CharField):
    normalizer = None

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return type(self).normalizer(value)


class TelInput(forms.TextInput):
    """<input type="tel">: phones offer their number pad. The type is the widget's own
    (Django writes it before the attributes), never an attribute, or it would appear twice."""

    input_type = "tel"


class PhoneField(_NormalizedField):
    """An Indonesian mobile number, cleaned to +628…"""

    widget = TelInput
    normalizer = staticmethod(numbers.normalize_phone)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        return attrs


class NIKField(_NormalizedField):
    normalizer = staticmethod(numbers.normalize_nik)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 24)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs


class NIPField(NIKField):
    normalizer = staticmethod(numbers.normalize_nip)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 24)
        super().__init__(**kwargs)


class NOPField(NIKField):
    normalizer = staticmethod(numbers.normalize_nop)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)


class _GroupedVillageIterator(forms.models.ModelChoiceIterator):
    """Villages in one <optgroup> per kecamatan (the queryset is ordered by kecamatan)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for kecamatan, villages in itertools.groupby(self.queryset, key=lambda v: v.kecamatan):
            yield (kecamatan.name, [self.choice(village) for village in villages])


class VillageChoiceField(forms.ModelChoiceField):
    """A desa/kelurahan of Banyuwangi, offered in one <optgroup> per kecamatan, so choosing
    works without JavaScript. Whether it lies in the chosen kecamatan is the form's check."""

    iterator = _GroupedVillageIterator

    def __init__(self, queryset=None, **kwargs):
        if queryset is None:
            queryset = Village.objects.select_related("kecamatan").order_by(
                "kecamatan__name", "name"
            )
        super().__init__(queryset=queryset, **kwargs)
