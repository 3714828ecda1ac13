"""The rehearsal clock (FESTIVAL_NOW) on the shipped 2016 edition, and the same content under
the real clock, where 2016 is simply a past edition.

These tests do not freeze time: the real clock (2026 or later) is what production sees, and
FESTIVAL_NOW alone moves the site into the 2016 edition's run-up, as `make run` does.
"""

import re

import pytest
from django.urls import reverse

from services.models import ServiceRequest
from tests.services.factories import APPLICANT, KIA_DETAILS
from tests.site.pages import PAGE_TYPES, public_pages
from tests.text import page_text
from workshops.models import Registration

pytestmark = pytest.mark.django_db

RUN_UP = "2016-12-01T10:00+07:00"  # what `make run` sets
NOTICE_ID = (
    "Gladi: situs ini berjalan seolah-olah sekarang Kamis, 1 Desember 2016, 10.00 WIB. "
    "Bukan pengumuman resmi."
)
NOTICE_EN = (
    "Rehearsal: this site runs as if it were Thursday 1 December 2016, 10:00 WIB. "
    "Not a live announcement."
)
REGISTER = "/workshop/workshop-pelayanan-publik/daftar/"


@pytest.fixture
def rehearsal(settings, festival_content):
    settings.FESTIVAL_NOW = RUN_UP
    return settings


def notice(response) -> str | None:
    """The text of the page's note (role="note") that says it is a rehearsal, if any."""
    match = re.search(
        r'<section class="rehearsal-notice" aria-label="[^"]+"><p class="wrap" role="note">(.*?)</p>',
        response.content.decode(),
        flags=re.S,
    )
    return None if match is None else " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def en(url: str) -> str:
    return url if url.startswith("/en/") else "/en" + url


def test_rehearsal_notice_is_on_every_page_type_in_the_pages_language(client, rehearsal):
    pages = public_pages()
    assert sorted(pages) == sorted(PAGE_TYPES)

    expected = {}
    for url in pages.values():
        expected[url] = NOTICE_EN if url.startswith("/en/") else NOTICE_ID
        expected[en(url)] = NOTICE_EN

    missing = {}
    for path, wanted in expected.items():
        got = notice(client.get(path))
        if got != wanted:
            missing[path] = got

    assert missing == {}


def test_rehearsal_notice_is_on_a_page_served_from_the_page_cache(client, rehearsal):
    rehearsal.PAGE_CACHE_SECONDS = 60

    first = client.get("/en/jadwal/")
    second = client.get("/en/jadwal/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert notice(first) == notice(second) == NOTICE_EN


def test_no_rehearsal_notice_without_festival_now(client, festival_content, settings):
    settings.FESTIVAL_NOW = ""
    pages = public_pages(with_ticket=False)

    shown = {}
    for url in pages.values():
        for path in (url, en(url)):
            response = client.get(path)
            if notice(response) is not None or "Gladi" in page_text(response):
                shown[path] = notice(response)

    assert shown == {}


def test_rehearsal_run_up_shows_the_countdown_and_open_registration(client, rehearsal):
    home = page_text(client.get("/"))
    workshop = page_text(client.get("/workshop/workshop-pelayanan-publik/"))

    assert "Festival dimulai 13 hari lagi." in home
    assert "Rabu, 14 Desember" in home
    assert "Tersisa 100 kursi dari 100." in workshop
    assert "Pendaftaran ditutup saat festival dimulai, Rabu, 14 Desember 2016." in workshop


def test_rehearsal_registration_succeeds_end_to_end_and_shows_the_ticket(client, rehearsal):
    from festival.sitewide.models import Kecamatan

    kecamatan = Kecamatan.objects.get(code="35.10.20")
    village = kecamatan.villages.filter(kind="desa").order_by("pk").first()

    response = client.post(
        REGISTER,
        {
            "full_name": "Siti Aminah",
            "nip": "",
            "position": "Sekretaris Desa",
            "office_kind": "desa",
            "kecamatan": str(kecamatan.pk),
            "village": str(village.pk),
            "phone": "0812-3456-7890",
            "email": "",
            "consent": "on",
            "token": "gladi-1",
        },
        follow=True,
    )

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.phone == "+6281234567890"
    page = page_text(response)
    assert registration.code in page
    assert "Workshop Pelayanan Publik" in page
    assert notice(response) == NOTICE_ID


def test_rehearsal_service_request_succeeds_end_to_end_and_can_be_tracked(client, rehearsal):
    url = reverse("services:request", args=["kia"])
    form = page_text(client.get(url))
    assert "Rabu, 14 Desember 2016" in form and "Jumat, 16 Desember 2016" in form

    checked = client.post(
        url,
        {**APPLICANT, **KIA_DETAILS, "preferred_day": "2016-12-15"}
        | {
            "child_birth_date": "2012-05-20",
            "step": "check",
        },
    )
    token = re.search(r'name="answers" value="([^"]+)"', checked.content.decode()).group(1)
    confirmed = client.post(url, {"answers": token, "step": "submit"}, follow=True)

    service_request = ServiceRequest.objects.get()
    assert service_request.status == ServiceRequest.Status.SUBMITTED
    assert str(service_request.preferred_day) == "2016-12-15"
    assert "Permohonan terkirim" in page_text(confirmed)
    tracked = client.post(
        reverse("services:track"),
        {"code": service_request.display_code, "phone": "0812 3456 7890"},
    )
    assert "Kamis, 15 Desember 2016" in page_text(tracked)
    assert "3510••••••••0001" in page_text(tracked)


def test_rehearsal_during_the_festival_says_which_day(client, rehearsal):
    rehearsal.FESTIVAL_NOW = "2016-12-15T10:00+07:00"

    home = page_text(client.get("/"))

    assert "Festival sedang berlangsung: hari ke-2 dari 3." in home
    assert "Sekarang di festival" in home
    assert "Kamis, 15 Desember 2016, 10.00 WIB" in notice(client.get("/"))


def test_real_clock_presents_2016_as_past_and_offers_no_form(client, festival_content, settings):
    settings.FESTIVAL_NOW = ""

    home = page_text(client.get("/"))
    register = client.get(REGISTER)
    service = page_text(client.get(reverse("services:detail", args=["kia"])))
    request_form = client.get(reverse("services:request", args=["kia"]))

    assert "Festival telah berakhir." in home
    assert "14–16 Desember 2016" in home
    assert "Pendaftaran sudah ditutup." in page_text(register)
    assert 'name="full_name"' not in register.content.decode()
    assert "Mulai permohonan" not in service
    assert "Festival 2016 telah berakhir" in page_text(request_form)
    assert 'name="applicant_name"' not in request_form.content.decode()
