"""Workshop certificates: numbering, the rule, the name confirmation on the ticket page, the
PDF, the public verification page, revoking, organisers' bulk actions and erasure."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from festival.sitewide.groups import ORGANISERS
from tests.festival.factories import StaffFactory
from tests.workshops import factories
from workshops import certificate_files, domain
from workshops.models import (
    Attendance,
    Certificate,
    Evaluation,
    Registration,
    format_certificate_number,
    mask_name,
    validate_number_format,
)

NIP = "198609262015052001"


@pytest.fixture
def certifying(workshop):
    """The test workshop with one session (14 December 2026), its signatory entered."""
    workshop.certificate_signatory_name = "Dr. Contoh Penanda Tangan, M.Si."
    workshop.certificate_signatory_position = "Kepala Bagian Organisasi"
    workshop.jp = 8
    workshop.save()
    factories.WorkshopSessionFactory(workshop=workshop)
    return workshop


def attendee(workshop, **fields) -> Registration:
    """A confirmed participant who attended every session of `workshop`."""
    registration = factories.RegistrationFactory(workshop=workshop, **fields)
    for session in workshop.sessions.all():
        Attendance.objects.create(
            registration=registration, session=session, checked_in_at=session.starts_at()
        )
    return registration


def pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


# Numbering ---------------------------------------------------------------------------------


def test_number_format_fills_sequence_month_and_year():
    number = format_certificate_number(
        "{nomor:03d}/FPP/{bulan_romawi}/{tahun}", sequence=7, day=datetime.date(2016, 12, 16)
    )
    assert number == "007/FPP/XII/2016"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("{nomor:03d}/FPP/{bulan_romawi", "number_format_syntax"),
        ("{nomor}/{kota}", "number_format_unknown"),
        ("FPP/{tahun}", "number_format_no_sequence"),
        ("{nomor:xyz}", "number_format_invalid"),
        ("{nomor}" + "X" * 70, "number_format_length"),
    ],
)
def test_number_format_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_number_format(value)
    assert error.value.code == code


def test_numbers_follow_each_other_within_the_workshop(certifying):
    first = domain.issue_certificate(registration=attendee(certifying), by=None)
    second = domain.issue_certificate(registration=attendee(certifying), by=None)
    assert (first.number, second.number) == ("001/FPP/XII/2026", "002/FPP/XII/2026")
    assert first.token != second.token and len(first.token) >= 43
    assert first.number not in first.get_absolute_url()


def test_issuing_twice_returns_the_same_certificate(certifying):
    registration = attendee(certifying)
    first = domain.issue_certificate(registration=registration, by=None)
    assert domain.issue_certificate(registration=registration, by=None) == first
    assert Certificate.objects.count() == 1


def test_number_taken_by_another_workshop_is_refused(certifying):
    other = factories.WorkshopFactory(
        edition=certifying.edition,
        certificate_signatory_name="X",
        certificate_signatory_position="Y",
    )
    factories.WorkshopSessionFactory(workshop=other)
    domain.issue_certificate(registration=attendee(certifying), by=None)
    with pytest.raises(domain.NumberTaken):
        domain.issue_certificate(registration=attendee(other), by=None)


def test_admin_refuses_a_format_shared_with_another_certifying_workshop(certifying):
    other = factories.WorkshopFactory(
        edition=certifying.edition,
        certificate_signatory_name="X",
        certificate_signatory_position="Y",
    )
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "certificate_number_format" in error.value.message_dict
    other.certificate_number_format = "{nomor:03d}/FPP-2/{bulan_romawi}/{tahun}"
    other.full_clean()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuance_gives_distinct_numbers(frozen):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import close_old_connections, connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers)")
    workshop = factories.WorkshopFactory(
        certificate_signatory_name="X", certificate_signatory_position="Y"
    )
    factories.WorkshopSessionFactory(workshop=workshop)
    registrations = [attendee(workshop) for _ in range(12)]

    def issue(registration):
        try:
            return domain.issue_certificate(registration=registration, by=None).number
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = list(pool.map(issue, registrations))
    assert len(set(numbers)) == 12
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, 13))


# The rule ----------------------------------------------------------------------------------


def test_not_eligible_without_attendance(certifying):
    registration = factories.RegistrationFactory(workshop=certifying)
    with pytest.raises(domain.NotEligible) as refusal:
        domain.issue_certificate(registration=registration, by=None)
    assert refusal.value.standing.attended == 0


def test_evaluation_required_gates_the_certificate(certifying):
    certifying.evaluation_required = True
    certifying.save()
    registration = attendee(certifying)
    with pytest.raises(domain.NotEligible):
        domain.issue_certificate(registration=registration, by=None)
    Evaluation.objects.create(
        registration=registration, content=4, speakers=4, usefulness=3, organisation=4
    )
    assert domain.issue_certificate(registration=registration, by=None).sequence == 1


def test_no_certificate_without_signatory(workshop):
    factories.WorkshopSessionFactory(workshop=workshop)
    with pytest.raises(domain.CertificateSettingsMissing):
        domain.issue_certificate(registration=attendee(workshop), by=None)


# The ticket page ---------------------------------------------------------------------------


def test_ticket_says_what_is_missing(client, certifying):
    registration = factories.RegistrationFactory(workshop=certifying)
    session = certifying.sessions.get()
    factories.WorkshopSessionFactory(workshop=certifying, date=datetime.date(2026, 12, 15))
    Attendance.objects.create(
        registration=registration, session=session, checked_in_at=session.starts_at()
    )
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "hadir di 1 dari 2 sesi" in page
    assert "sedikitnya 2 sesi" in page
    assert "terbitkan sertifikat" not in page


def test_ticket_before_the_workshop_has_no_certificate_section(client, certifying):
    registration = factories.RegistrationFactory(workshop=certifying)
    assert 'id="sertifikat"' not in client.get(registration.get_absolute_url()).content.decode()


def test_confirm_name_issues_the_certificate_with_that_spelling(client, certifying):
    registration = attendee(certifying, full_name="siti aminah", nip=NIP)
    page = client.get(registration.get_absolute_url()).content.decode()
    assert 'value="siti aminah"' in page
    # The NIP stays masked on the ticket: never written whole into the form.
    assert NIP not in page and "19860926 201505 2 001" not in page
    assert "berakhiran 2001" in page
    response = client.post(
        reverse("workshops:certificate-confirm", args=[registration.secret]),
        {"full_name": "  Siti  Aminah’ Désirée ", "nip": ""},
        follow=True,
    )
    certificate = Certificate.objects.get()
    assert certificate.name == "Siti Aminah’ Désirée"
    assert certificate.nip == NIP  # empty kept the registered one
    assert "Sertifikat Anda sudah terbit" in response.content.decode()
    assert reverse("workshops:certificate-pdf", args=[registration.secret]) in (
        response.content.decode()
    )
    registration.refresh_from_db()
    assert registration.name_confirmed_at is not None


def test_confirm_name_errors_keep_what_was_typed(client, certifying):
    registration = attendee(certifying)
    response = client.post(
        reverse("workshops:certificate-confirm", args=[registration.secret]),
        {"full_name": "Ānanda Putri", "nip": "1234"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "tidak dapat dicetak" in page and "Ā" in page
    assert "NIP terdiri dari 18 angka" in page
    assert 'value="Ānanda Putri"' in page and 'value="1234"' in page
    assert not Certificate.objects.exists()


def test_pdf_download_is_a_one_page_a4_with_the_certificate(client, certifying):
    registration = attendee(certifying, nip=NIP)
    certificate = domain.confirm_certificate_name(
        registration=registration, full_name="Ni Luh Putu Muñoz", nip=NIP
    )
    response = client.get(reverse("workshops:certificate-pdf", args=[registration.secret]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="sertifikat-001-FPP-XII-2026.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    data = response.content
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", data)) == 1
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in data  # A4 landscape
    text = pdf_text(data)
    for expected in (
        "001/FPP/XII/2026",
        "Ni Luh Putu Muñoz",
        "NIP 19860926 201505 2 001",
        "Kecamatan Pesanggaran",
        certifying.title,
        "14 Desember 2026",
        "8 jam pelajaran (JP)",
        "Dr. Contoh Penanda Tangan, M.Si.",
        "Kepala Bagian Organisasi",
        f"http://testserver/sertifikat/{certificate.token}/",
    ):
        assert expected in text


def test_pdf_without_jp_leaves_the_line_out(certifying):
    certifying.jp = None
    certifying.save()
    certificate = domain.issue_certificate(registration=attendee(certifying), by=None)
    assert "jam pelajaran" not in pdf_text(certificate_files.render(certificate))


def test_pdf_is_not_offered_without_a_valid_certificate(client, certifying):
    registration = attendee(certifying)
    url = reverse("workshops:certificate-pdf", args=[registration.secret])
    assert client.get(url).status_code == 404


# Verification ------------------------------------------------------------------------------


def test_verification_of_a_genuine_certificate_masks_the_name(client, certifying):
    registration = attendee(certifying, nip=NIP, phone="+6281299998888", email="s@example.id")
    certificate = domain.confirm_certificate_name(
        registration=registration, full_name="Siti Aminah Rahayu", nip=NIP
    )
    response = client.get(certificate.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sertifikat asli" in page
    assert certificate.number in page
    assert "Siti A**** R****" in page and "Aminah" not in page
    assert certifying.title in page and "14 Desember 2026" in page
    for secret in (NIP, "1986", "9998888", "s@example.id", "Pesanggaran"):
        assert secret not in page


def test_verification_in_english(client, certifying):
    certificate = domain.issue_certificate(registration=attendee(certifying), by=None)
    page = client.get("/en" + certificate.get_absolute_url()).content.decode()
    assert "Genuine certificate" in page and certificate.number in page


def test_unknown_token_is_a_404_that_says_not_genuine(client, db):
    response = client.get("/sertifikat/tidak-ada-sertifikat-seperti-ini/")
    assert response.status_code == 404
    assert "tidak asli" in response.content.decode()


def test_unknown_tokens_are_rate_limited(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "certificate-verify": (2, 600)}
    statuses = [client.get(f"/sertifikat/coba-{n}/").status_code for n in range(3)]
    assert statuses == [404, 404, 429]


def test_revoked_certificate_says_so(client, certifying):
    staff = StaffFactory(group=ORGANISERS)
    registration = attendee(certifying)
    certificate = domain.issue_certificate(registration=registration, by=None)
    client.get(certificate.get_absolute_url())  # kept in the page cache
    domain.revoke_certificate(certificate=certificate, by=staff, reason="Nama salah eja")
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Sertifikat dicabut" in page and "tidak berlaku" in page
    assert certifying.title not in page
    assert LogEntry.objects.filter(change_message__contains="Nama salah eja").exists()
    ticket = client.get(registration.get_absolute_url()).content.decode()
    assert "dicabut panitia" in ticket and "Unduh sertifikat" not in ticket
    pdf_url = reverse("workshops:certificate-pdf", args=[registration.secret])
    assert client.get(pdf_url).status_code == 404
    # The participant cannot issue themselves another; organisers can.
    with pytest.raises(domain.CertificateRevokedBefore):
        domain.issue_certificate(registration=registration, by=None)
    again = domain.issue_certificate(registration=registration, by=staff)
    assert again.sequence == 2


def test_revoke_needs_a_reason(certifying):
    certificate = domain.issue_certificate(registration=attendee(certifying), by=None)
    with pytest.raises(ValidationError):
        domain.revoke_certificate(certificate=certificate, by=None, reason="  ")


# Erasure -----------------------------------------------------------------------------------


def test_erasure_keeps_verification_and_only_the_masked_name(client, certifying, frozen):
    registration = attendee(certifying, nip=NIP)
    certificate = domain.confirm_certificate_name(
        registration=registration, full_name="Siti Aminah", nip=NIP
    )
    before = client.get(certificate.get_absolute_url()).content.decode()
    cutoff = datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC)
    domain.erase_personal_data(cutoff)
    assert domain.erase_certificate_personal_data(cutoff) == 1
    certificate.refresh_from_db()
    registration.refresh_from_db()
    assert (certificate.name, certificate.nip) == ("Siti A****", "")
    assert certificate.office == "Kecamatan Pesanggaran"
    assert (registration.certificate_name, registration.certificate_nip) == ("", "")
    after = client.get(certificate.get_absolute_url())
    assert after.status_code == 200
    assert "Siti A****" in after.content.decode() and "Sertifikat asli" in after.content.decode()
    assert before.count(certificate.number) == after.content.decode().count(certificate.number)
    pdf_url = reverse("workshops:certificate-pdf", args=[registration.secret])
    assert client.get(pdf_url).status_code == 404


def test_the_certificate_eraser_runs_with_the_others(certifying):
    from festival.sitewide import retention

    registration = attendee(certifying, nip=NIP)
    domain.issue_certificate(registration=registration, by=None)
    erasers = retention.erasers()
    assert erasers["workshops.certificate"] is domain.erase_certificate_personal_data
    erasers["workshops.certificate"](datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC))
    assert Certificate.objects.get().nip == ""


def test_mask_name_is_stable():
    assert mask_name("Sutrisno") == "Sut****"
    assert mask_name(mask_name("Siti Aminah")) == "Siti A****"


# Organisers --------------------------------------------------------------------------------


def test_admin_issues_all_eligible_as_a_task(client, organiser, certifying):
    eligible = [attendee(certifying) for _ in range(5)]
    factories.RegistrationFactory(workshop=certifying)  # did not come
    response = client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "issue_certificates", "_selected_action": [certifying.pk]},
        follow=True,
    )
    assert "berjalan di latar belakang" in response.content.decode()
    assert set(Certificate.objects.values_list("registration", flat=True)) == {
        r.pk for r in eligible
    }
    assert LogEntry.objects.filter(change_message=domain.ISSUED).count() == 5


def test_admin_refuses_to_issue_without_signatory(client, organiser, workshop):
    response = client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "issue_certificates", "_selected_action": [workshop.pk]},
        follow=True,
    )
    assert "isi dulu nama dan jabatan penanda tangan" in response.content.decode()


def test_admin_emails_certificate_links_in_the_holders_language(client, organiser, certifying):
    with_mail = attendee(certifying, email="a@example.id", language="en")
    without = attendee(certifying)
    for registration in (with_mail, without):
        domain.issue_certificate(registration=registration, by=None)
    client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "email_certificates", "_selected_action": [certifying.pk]},
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    certificate = with_mail.certificates.get()
    assert message.to == ["a@example.id"]
    assert "Your certificate" in message.subject and certificate.number in message.subject
    # Links in the holder's language.
    assert f"http://testserver/en{with_mail.get_absolute_url()}" in message.body
    assert f"http://testserver/en{certificate.get_absolute_url()}" in message.body


def test_admin_downloads_a_zip_of_valid_certificates(client, organiser, certifying):
    certificates = [
        domain.issue_certificate(registration=attendee(certifying), by=None) for _ in range(3)
    ]
    domain.revoke_certificate(certificate=certificates[1], by=None, reason="Tidak hadir")
    response = client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "download_certificates", "_selected_action": [certifying.pk]},
    )
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [
        "sertifikat-001-FPP-XII-2026.pdf",
        "sertifikat-003-FPP-XII-2026.pdf",
    ]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF")


def test_admin_revokes_with_a_reason(client, organiser, certifying):
    certificate = domain.issue_certificate(registration=attendee(certifying), by=None)
    url = reverse("admin:workshops_certificate_change", args=[certificate.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"revoke_reason": "Data kehadiran keliru"})
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Data kehadiran keliru"
    assert certificate.revoked_by == organiser


def test_workshop_admin_says_certificates_wait_for_the_signatory(client, organiser, workshop):
    page = client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))
    assert "isi nama dan jabatan penanda tangan" in page.content.decode()


def test_organisers_correct_a_misspelt_name(client, organiser, certifying):
    registration = attendee(certifying, full_name="Siti Aminha")
    first = domain.issue_certificate(registration=registration, by=None)
    domain.revoke_certificate(certificate=first, by=organiser, reason="Nama salah eja")
    Registration.objects.filter(pk=registration.pk).update(certificate_name="Siti Aminah")
    client.post(
        reverse("admin:workshops_registration_changelist"),
        {"action": "issue_certificate_selected", "_selected_action": [registration.pk]},
    )
    second = registration.certificates.valid().get()
    assert (second.name, second.number) == ("Siti Aminah", "002/FPP/XII/2026")
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "Siti Aminah" in page and "Unduh sertifikat" in page


def test_ticket_certificate_states_are_valid_html(client, certifying):
    from tests.site.test_html_valid import html_problems

    registration = attendee(certifying)
    url = registration.get_absolute_url()
    form_page = client.get(url).content.decode()
    errors = client.post(
        reverse("workshops:certificate-confirm", args=[registration.secret]),
        {"full_name": "", "nip": "12"},
    ).content.decode()
    certificate = domain.confirm_certificate_name(registration=registration, full_name="Siti")
    issued = client.get(url).content.decode()
    verify = client.get(certificate.get_absolute_url()).content.decode()
    pages = {"form": form_page, "errors": errors, "issued": issued, "verify": verify}
    assert {name: html_problems(html) for name, html in pages.items()} == {
        name: [] for name in pages
    }


def test_edition_copy_leaves_the_signatory_to_the_new_organisers(certifying):
    from tests.festival.factories import EditionFactory

    draft = EditionFactory(
        slug="festival-2027",
        year=2027,
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
        is_published=False,
    )
    domain.copy_workshops(source=certifying.edition, draft=draft)
    copy = draft.workshops.get()
    assert (copy.certificate_signatory_name, copy.certificate_signatory_position) == ("", "")
    assert copy.certificate_number_format == certifying.certificate_number_format
    assert not copy.certificates.exists()
