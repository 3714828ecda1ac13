"""After the workshop: the participant confirms their name on the ticket page, downloads the
certificate, and its verification address (the QR code's) says it is genuine; axe-core on the
ticket's certificate form and on the verification page, in both languages."""

import shutil
import subprocess

import pytest

from tests.browser.conftest import PHONE, assert_accessible
from tests.site.pages import certify
from tests.workshops.factories import RegistrationFactory
from workshops.models import Certificate, Workshop


@pytest.fixture
def participant(site, settings):
    """A participant of the shipped workshop who attended every session, the day after the
    festival, the signatory entered: eligible, no certificate yet."""
    settings.FESTIVAL_NOW = "2016-12-17T10:00+07:00"
    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    registration = RegistrationFactory(workshop=workshop, full_name="siti aminah")
    certificate = certify(registration)
    # certify() issued one: take it back, so the participant confirms the name first.
    Certificate.objects.filter(pk=certificate.pk).delete()
    return registration


def test_confirm_name_download_and_verify(site, participant, new_page, tmp_path):
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}{participant.get_absolute_url()}")
    assert page.locator("#sertifikat").is_visible()
    assert_accessible(page, context="(ticket with the name confirmation)")

    page.locator("#id_full_name").fill("Siti Aminah Désirée")
    page.get_by_role("button", name="Nama sudah benar, terbitkan sertifikat").click()
    page.wait_for_load_state("load")
    assert "Siti Aminah Désirée" in page.locator("#sertifikat").inner_text()
    assert_accessible(page, context="(ticket with the certificate)")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    pdf = tmp_path / "sertifikat.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    certificate = Certificate.objects.get()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert certificate.number in text and "Siti Aminah Désirée" in text

    # The QR code holds this address (SITE_URL + the token): open it on this server.
    for prefix, genuine in (("", "Sertifikat asli"), ("/en", "Genuine certificate")):
        page.goto(f"{site.url}{prefix}{certificate.get_absolute_url()}")
        assert page.locator("h1").inner_text() == genuine
        body = page.locator("main").inner_text()
        assert certificate.number in body and "Siti A**** D****" in body
        assert "Aminah" not in body
        assert_accessible(page, context=f"(verification, {prefix or 'id'})")


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["id", "en"])
def test_unknown_certificate_page_is_accessible(site, new_page, prefix):
    page = new_page()
    response = page.goto(f"{site.url}{prefix}/sertifikat/bukan-token-asli/")
    assert response.status == 404
    assert_accessible(page, context=f"(certificate not found, {prefix or 'id'})")
