"""The whole request form of one service: applicant, details and documents together."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from festival.sitewide.models import Kecamatan
from services.forms.applicant import ApplicantForm
from services.forms.details import DETAIL_FORMS
from services.forms.documents import DOCUMENT_KINDS, DocumentsForm
from services.models import Service


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
