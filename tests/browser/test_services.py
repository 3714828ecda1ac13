import datetime

import pytest
import time_machine
from django.contrib.auth.models import User

from festival.models import Edition
from services import domain
from services.models import ComplaintChannel, Offering, ServiceRequest
from tests.browser.conftest import PHONE, assert_accessible

BEFORE_FESTIVAL = datetime.datetime(
    2016, 12, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
)


@pytest.fixture
def before_festival():
    # The live server runs in another thread of this process: travel moves its clock too.
    with time_machine.travel(BEFORE_FESTIVAL, tick=True):
        yield


def fill_kia_request(page):
    page.get_by_label("Nama lengkap pemohon").fill("Siti Aminah")
    page.get_by_label("NIK pemohon").fill("3510 1641 0190 0001")
    page.get_by_label("Nomor HP").fill("0812 3456 7890")
    page.get_by_label("Kamis, 15 Desember").check()
    page.get_by_label("Nama lengkap anak").fill("Ahmad Fauzi")
    page.get_by_label("Tanggal lahir anak").fill("2012-05-20")
    page.get_by_label("Nomor akta kelahiran anak").fill("3510-LT-20052019-0001")
    page.get_by_label("Nomor Kartu Keluarga (KK)").fill("3510 1601 0120 0003")


def test_resident_reads_what_to_bring_requests_a_kia_and_tracks_it(site, new_page, before_festival):
    page = new_page(viewport=PHONE)
    page.goto(site.url + "/layanan/")
    page.get_by_role("link", name="Kartu Identitas Anak (KIA)").click()

    assert page.locator("h1").inner_text() == "Kartu Identitas Anak (KIA)"
    assert page.get_by_text("Pas foto anak berwarna ukuran 2 x 3, sebanyak 2 lembar").count() == 1
    assert_accessible(page, context="(service page, id)")

    page.get_by_role("link", name="Mulai permohonan").click()
    assert_accessible(page, context="(request form, id)")
    page.get_by_role("button", name="Lanjut: periksa jawaban").click()
    assert page.get_by_role("heading", name="Ada yang perlu diperbaiki").is_visible()
    assert_accessible(page, context="(request form with errors, id)")

    fill_kia_request(page)
    page.get_by_role("button", name="Lanjut: periksa jawaban").click()
    assert page.locator("h1").inner_text() == "Periksa jawaban Anda"
    assert page.get_by_text("Ahmad Fauzi").is_visible()
    page.get_by_role("button", name="Kirim permohonan").click()

    assert page.locator("h1").inner_text() == "Permohonan terkirim"
    code = page.get_by_test_id("reference-code").inner_text()
    assert code == ServiceRequest.objects.get().display_code
    assert_accessible(page, context="(confirmation, id)")

    # The private tracking link shows the request at once.
    page.get_by_role("link", name="Lacak permohonan").click()
    assert page.get_by_text("Diterima", exact=True).first.is_visible()
    assert_accessible(page, context="(tracking result, id)")

    # The desk moves it on; the resident sees the new status and the note.
    desk = User.objects.create_user("petugas", is_staff=True)
    domain.change_request_status(
        service_request=ServiceRequest.objects.get(),
        to_status="in_process",
        note="Sedang dicetak.",
        by=desk,
    )
    # Without the link: the code and the phone number.
    page.get_by_label("Kode permohonan").fill(code)
    page.get_by_label("Nomor HP").fill("0812 3456 7890")
    page.get_by_role("button", name="Lacak", exact=True).click()
    assert page.get_by_text("Sedang dicetak.").is_visible()
    assert page.locator(".status").inner_text() == "Sedang diproses"


def test_service_pages_are_accessible_in_english(site, new_page, before_festival):
    page = new_page(viewport=PHONE, locale="en-GB")
    page.goto(site.url + "/en/layanan/kia/")
    assert page.locator("h1").inner_text() == "Child Identity Card (KIA)"
    assert_accessible(page, context="(service page, en)")

    page.get_by_role("link", name="Start a request").click()
    assert_accessible(page, context="(request form, en)")
    page.get_by_role("button", name="Continue: check your answers").click()
    assert (
        page.get_by_role("heading", name="There is a problem").count()
        + page.locator(".error-summary").count()
        >= 1
    )
    assert_accessible(page, context="(request form with errors, en)")

    page.goto(site.url + "/en/layanan/lacak/")
    page.get_by_label("Reference code").fill("ACDE3479")
    page.get_by_label("Mobile number").fill("0812 0000 0000")
    page.get_by_role("button", name="Track", exact=True).click()
    assert page.get_by_text("do not match any request").is_visible()
    assert_accessible(page, context="(tracking, en)")


def test_confirmation_is_accessible_in_english(site, new_page, before_festival):
    page = new_page(viewport=PHONE, locale="en-GB")
    page.goto(site.url + "/en/layanan/kia/ajukan/")
    page.get_by_label("Applicant's full name").fill("Siti Aminah")
    page.get_by_label("Applicant's NIK").fill("3510164101900001")
    page.get_by_label("Mobile number").fill("081234567890")
    page.get_by_label("Thursday, 15 December").check()
    page.get_by_label("Child's full name").fill("Ahmad")
    page.get_by_label("Child's date of birth").fill("2012-05-20")
    page.get_by_label("Child's birth certificate number").fill("3510-LT-1")
    page.get_by_label("Family card (KK) number").fill("3510160101200003")
    page.get_by_role("button", name="Continue: check your answers").click()
    page.get_by_role("button", name="Send the request").click()

    assert page.locator("h1").inner_text() == "Request sent"
    assert_accessible(page, context="(confirmation, en)")


def test_the_service_standard_and_the_survey_invitation_read_well_on_a_phone(
    site, new_page, before_festival
):
    ComplaintChannel.objects.create(
        edition=Edition.objects.get(),
        name="Meja pengaduan festival",
        contact="Di pintu masuk lokasi festival",
        url="https://pengaduan.example.id/festival-pelayanan-publik/banyuwangi/2016",
    )
    fits = "document.documentElement.scrollWidth <= window.innerWidth"
    for path, locale, first, last in (
        ("/layanan/kia/", "id-ID", "Persyaratan", "Penanganan pengaduan, saran, dan masukan"),
        (
            "/en/layanan/kia/",
            "en-GB",
            "Requirements",
            "Handling of complaints, suggestions and feedback",
        ),
    ):
        page = new_page(viewport=PHONE, locale=locale)
        page.goto(site.url + path)
        headings = page.locator(".standard__list > li > h3").all_inner_texts()
        assert len(headings) == 6 and (headings[0], headings[-1]) == (first, last)
        assert page.get_by_role("link", name="lapor.go.id").is_visible()
        assert page.evaluate(fits), f"{path} is wider than a 360 px phone"
        assert_accessible(page, context=f"(service standard, {locale})")

    service_request = ServiceRequest.objects.create(
        code="ACDE3479",
        offering=Offering.objects.get(service__slug="kia"),
        nik="3510164101900001",
        phone="+6281234567890",
        preferred_day=Edition.objects.get().start_date,
        status=ServiceRequest.Status.READY,
        created_at=BEFORE_FESTIVAL,
        updated_at=BEFORE_FESTIVAL,
    )
    domain.change_request_status(service_request=service_request, to_status="done")
    page = new_page(viewport=PHONE)
    page.goto(site.url + service_request.get_tracking_url())
    assert page.get_by_role("heading", name="Bagaimana pelayanan kami?").is_visible()
    assert page.evaluate(fits)
    assert_accessible(page, context="(tracking with the survey invitation, id)")
    page.get_by_role("link", name="Isi survei").click()
    assert "/survei/" in page.url and page.locator("form").count() >= 1
