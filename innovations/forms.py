import hashlib
import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from festival.sitewide import pagecache
from innovations import domain, queries
from innovations.models import Photo, ReplicationDocument

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SEARCH_MAX_LENGTH = 100
SELECTS = ("tema", "penghargaan", "instansi", "edisi")


class SearchField(forms.CharField):
    """Free text for a search: control characters (NUL breaks PostgreSQL) become spaces,
    spaces are collapsed and long input is cut, before any validator sees it."""

    def to_python(self, value):
        text = _CONTROL.sub(" ", super().to_python(value))
        return " ".join(text.split())[:SEARCH_MAX_LENGTH]


class PlainSelect(forms.Select):
    """A select of flat (value, label) pairs, taken as they are (see PlainChoiceField)."""

    @property
    def choices(self):
        return self._plain_choices

    @choices.setter
    def choices(self, value):
        self._plain_choices = value


class PlainChoiceField(forms.ChoiceField):
    """A choice among flat (value, label) pairs, taken as they are: Django's normalisation of
    every choice (for nested groups and callables these never have), in the field and again
    in its widget, was a good part of an uncached catalogue page's time with 40 agencies."""

    widget = PlainSelect

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = list(value)


class EditionYearField(PlainChoiceField):
    """The year of a published edition. Anything typed is cut short before the error message
    repeats it."""

    def to_python(self, value):
        return super().to_python(value)[:12]


class CatalogueFilterForm(forms.Form):
    """The catalogue's GET filters. A value that is not (or no longer) a choice is
    ignored rather than shown as an error: old links keep working. The one exception is the
    edition: a year without a published edition says so in the filter (a link to an edition
    promises its exhibits), and the catalogue shows every innovation."""

    q = SearchField(label=_("Cari"), required=False, widget=forms.SearchInput)
    tema = PlainChoiceField(label=_("Tema"), required=False)
    penghargaan = PlainChoiceField(label=_("Penghargaan"), required=False)
    instansi = PlainChoiceField(label=_("Instansi"), required=False)
    edisi = EditionYearField(
        label=_("Edisi festival"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Tidak ada festival edisi %(value)s. Pilih salah satu tahun dari daftar."
            )
        },
    )

    def __init__(self, *args, also: tuple[str, ...] = (), **kwargs):
        """`also`: more keys kept under the page cache's generation to fetch in the same
        round trip as the choices (`kept_also`, `generation`: for `pagecache.keep`)."""
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {
                "maxlength": SEARCH_MAX_LENGTH,
                "class": "input",
                "aria-describedby": "q-hint",
            }
        )
        # The choices and the kept selects (select_widgets) in one round trip to the cache.
        self._select_keys = {
            name: self._select_key(name, self.data.get(name, "") if self.is_bound else "")
            for name in SELECTS
        }
        choices, self.generation, kept = queries.filter_choices(
            also=(*self._select_keys.values(), *also)
        )
        self.kept_also = {key: kept[key] for key in also if key in kept}
        self._kept_selects = kept
        self.fields["tema"].choices = [("", _("Semua tema")), *choices["themes"]]
        self.fields["penghargaan"].choices = [("", _("Semua")), *choices["award_levels"]]
        self.fields["instansi"].choices = [("", _("Semua instansi")), *choices["agencies"]]
        self.editions = {str(edition.year): edition for edition in choices["editions"]}
        self.fields["edisi"].choices = [("", _("Semua edisi"))] + [
            (year, year) for year in self.editions
        ]
        for name in ("tema", "penghargaan", "instansi", "edisi"):
            self.fields[name].widget.attrs["class"] = "input"
        if self.is_bound and self["edisi"].errors:
            self.fields["edisi"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "id_edisi_error"}
            )

    def filters(self) -> dict:
        """The valid filters as keyword arguments of `queries.catalogue`."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "theme": data.get("tema", ""),
            "award_level": data.get("penghargaan", ""),
            "agency": data.get("instansi", ""),
            "edition": self.editions.get(data.get("edisi", "")),
        }

    @staticmethod
    def _select_key(name: str, value) -> str:
        digest = hashlib.sha256(str(value).encode()).hexdigest()[:32]
        return f"innovations:select:{translation.get_language()}:{name}:{digest}"

    def select_widgets(self) -> list[tuple]:
        """(bound field, its widget's HTML) for each select filter, in order. Django renders a
        select through a template per option, most of a catalogue page's time once its cards
        are kept; a select showing a valid choice (or none) is the same on every page, so it
        is kept in the shared cache like the cards, under the page cache's generation."""
        fresh, result = {}, []
        for name in SELECTS:
            field = self[name]
            value = str(field.value() or "")
            keep = not field.errors and value in dict(field.field.choices)
            key = self._select_keys[name]
            html = self._kept_selects.get(key) if keep else None
            if html is None:
                html = field.as_widget()
                if keep:
                    fresh[key] = html
            result.append((field, html))
        pagecache.keep(fresh, self.generation)
        return result

    @property
    def edition(self):
        """The edition filtered by, or None."""
        return self.filters()["edition"]

    def active(self) -> list[tuple[str, str]]:
        """(parameter, what it means) for each filter in use, for the summary line."""
        data = self.filters()
        labels = {
            "tema": dict(self.fields["tema"].choices),
            "penghargaan": dict(self.fields["penghargaan"].choices),
            "instansi": dict(self.fields["instansi"].choices),
        }
        result = []
        if data["q"]:
            result.append(("q", f"“{data['q']}”"))
        for param, key in (
            ("tema", "theme"),
            ("penghargaan", "award_level"),
            ("instansi", "agency"),
        ):
            if data[key]:
                result.append((param, str(labels[param][data[key]])))
        if data["edition"] is not None:
            result.append(("edisi", _("Festival %(year)s") % {"year": data["edition"].year}))
        return result


class PhotoForm(forms.ModelForm):
    """A photo in the innovation admin: the upload is checked with Pillow here and turned
    into renditions by `domain.save_photo` when the admin saves."""

    upload = forms.FileField(
        label=_("Berkas foto"),
        required=False,
        help_text=_(
            "JPEG, PNG, atau WebP, paling besar 10 MB. Data lokasi (GPS) dihapus otomatis."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Photo
        fields = ["upload", "alt", "alt_en", "caption", "caption_en", "order"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            if not self.instance.pk:
                raise forms.ValidationError(_("Pilih foto untuk diunggah."), code="required")
            return None
        return domain.check_photo(upload)

    def save(self, commit=True):
        photo = super().save(commit=False)
        if commit:
            domain.save_photo(photo=photo, image=self.cleaned_data.get("upload"))
        return photo


class DocumentForm(forms.ModelForm):
    """A replication document in the innovation admin: a PDF, checked by its first bytes
    (domain.check_document) and stored by domain.save_document when the admin saves."""

    upload = forms.FileField(
        label=_("Berkas PDF"),
        required=False,
        help_text=_("Hanya PDF, paling besar 10 MB. Dokumen ini terbuka untuk umum."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = ReplicationDocument
        fields = ["upload", "title", "title_en", "kind", "order"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            if not self.instance.pk:
                raise forms.ValidationError(_("Pilih berkas PDF untuk diunggah."), code="required")
            return None
        domain.check_document(upload)
        return upload
