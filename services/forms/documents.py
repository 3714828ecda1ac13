"""The optional document photos of a request form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from services import uploads
from services.models import Document, Service

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


class DocumentsForm(forms.Form):
    """Optional photos. A photo kept from the check-answers page (`held`) stays unless a new
    one is uploaded in its place."""

    def __init__(self, *args, kinds: list[str], held: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A held photo that expired and was deleted is asked for again, not promised.
        self.held = {
            k: v for k, v in (held or {}).items() if k in kinds and uploads.is_still_held(v)
        }
        for kind in kinds:
            help_text = _("JPEG, PNG, atau WebP, paling besar 8 MB.")
            if kind in self.held:
                help_text = _(
                    "Foto sudah kami terima. Unggah lagi hanya apabila ingin menggantinya."
                )
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
        budget = uploads.new_budget()  # every photo of this request together
        for kind in self.fields:
            upload = cleaned.get(kind)
            if not upload:
                continue
            try:
                self.cleaned_documents[kind] = uploads.clean_document(upload, budget=budget)
            except ValidationError as error:
                self.add_error(kind, error)
        return cleaned

    def hold_documents(self) -> dict[str, str]:
        """Keep the new photos privately; returns every held photo by kind."""
        held = dict(self.held)
        for kind, content in self.cleaned_documents.items():
            held[kind] = uploads.hold(content)
        return held
