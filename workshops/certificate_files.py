"""Certificate files: one certificate's PDF (workshops.certificate_pdf draws it) and a ZIP of a
workshop's certificates for printing. Certificates are official documents in Indonesian: the
PDF is in Indonesian whatever the language of the page it was downloaded from."""

import datetime
import re
import tempfile
import zipfile

from django.utils import translation
from django.utils.formats import date_format

from festival.sitewide import numbers
from festival.sitewide.links import site_url
from workshops import certificate_pdf, queries
from workshops.models import Certificate, Workshop


def days_label(first: datetime.date, last: datetime.date) -> str:
    """ "16 Desember 2016", "14–16 Desember 2016", "30 November – 2 Desember 2016"."""
    with translation.override("id"):
        if first == last:
            return date_format(first, "j F Y")
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{date_format(last, 'j F Y')}"
        if first.year == last.year:
            return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
        return f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"


def content(certificate: Certificate) -> certificate_pdf.CertificateContent:
    """What `certificate` says, from its record and its workshop as organisers set it."""
    workshop = certificate.workshop
    edition = workshop.edition
    first, last = queries.certificate_days(workshop)
    with translation.override("id"):
        last_label = date_format(last, "j F Y")
    place = edition.venue_locality.strip()
    return certificate_pdf.CertificateContent(
        title=workshop.certificate_title or "Sertifikat",
        number=certificate.number,
        name=certificate.name,
        nip=numbers.format_nip(certificate.nip),
        office=certificate.office,
        workshop=workshop.title,
        dates=days_label(first, last),
        edition=edition.name,
        jp=workshop.jp,
        place_and_date=f"{place}, {last_label}" if place else last_label,
        signatory_name=workshop.certificate_signatory_name,
        signatory_position=workshop.certificate_signatory_position,
        verify_url=site_url(certificate.get_absolute_url()),
    )


def render(certificate: Certificate) -> bytes:
    return certificate_pdf.render(content(certificate))


def filename(certificate: Certificate) -> str:
    """sertifikat-001-FPP-XII-2016.pdf: the number with anything but letters, digits and
    dashes made a dash (a slash would be a folder)."""
    safe = re.sub(r"[^A-Za-z0-9]+", "-", certificate.number).strip("-")
    return f"sertifikat-{safe or certificate.sequence}.pdf"


def zip_of(workshop: Workshop):
    """A temporary file (open, at its start) holding a ZIP of every valid certificate of
    `workshop` in number order. Each PDF is drawn, written and dropped in turn, so memory stays
    at one certificate whatever the count; the file goes when closed."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open; the response closes it
    certificates = workshop.certificates.valid().for_pdf().order_by("sequence")
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates.iterator(chunk_size=100):
            certificate.workshop = workshop
            archive.writestr(filename(certificate), render(certificate))
    spool.seek(0)
    return spool
