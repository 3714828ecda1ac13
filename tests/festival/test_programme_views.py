"""The programme pages /jadwal/ and /jadwal/<date>/ and the home page's now and next."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from festival.models import ProgrammeItem
from tests.festival.factories import EditionFactory, ProgrammeItemFactory
from tests.text import page_text

WIB = ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return time_machine.travel(
        datetime.datetime(2026, 12, day, hour, minute, tzinfo=WIB), tick=False
    )


def at_2016(day, hour, minute=0):
    """A moment of December 2016, the month of the shipped edition (fixtures/)."""
    return time_machine.travel(
        datetime.datetime(2016, 12, day, hour, minute, tzinfo=WIB), tick=False
    )


def item_html(response, slug):
    html = response.content.decode()
    match = re.search(rf'<li class="([^"]*)" id="acara-{slug}">(.*?)</li>', html, flags=re.S)
    assert match, f"item {slug} not on the page"
    return match.group(1), match.group(2)


def titles(response):
    """The titles of the programme items on the page, in order."""
    return re.findall(r'<h\d class="programme-item__title">(.*?)</h\d>', response.content.decode())


def jsonld(response):
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(found) == 1
    return json.loads(found[0])


def test_programme_page_shows_the_three_days_with_the_shipped_items(client, festival_content):
    with at_2016(1, 12):
        response = client.get(reverse("festival:programme"))

    page = page_text(response)
    assert "Rabu, 14 Desember 2016" in page
    assert "Kamis, 15 Desember 2016" in page
    assert "Jumat, 16 Desember 2016" in page
    assert titles(response).count("Pameran inovasi pelayanan publik") == 3
    assert titles(response).count("Layanan satu pintu") == 3
    assert "Pembukaan festival oleh Bupati Banyuwangi" in titles(response)
    assert "Hari menyusul" in page
    assert "Workshop pelayanan publik untuk staf desa dan kecamatan" in page


def test_programme_page_in_english_uses_the_english_texts(client, festival_content):
    with at_2016(1, 12):
        response = client.get("/en/jadwal/")

    page = page_text(response)
    assert "Wednesday, 14 December 2016" in page
    assert "Opening of the festival by the Regent of Banyuwangi" in page
    assert "Time to be announced" in page
    assert "All day" not in page  # the shipped hours are not known
    assert "Day to be announced" in page


def test_programme_page_shows_time_kind_and_place_of_a_timed_item(client):
    edition = EditionFactory()
    ProgrammeItemFactory(
        edition=edition,
        slug="diskusi",
        title="Diskusi inovasi",
        kind="other",
        start_time=datetime.time(9),
        end_time=datetime.time(10, 30),
        place="Panggung utama",
    )

    response = client.get(reverse("festival:programme"))

    _, html = item_html(response, "diskusi")
    assert '<time datetime="2026-12-14T09:00:00+07:00">09.00</time>' in html
    assert "10.30</time> WIB" in html
    assert "Lainnya" in html
    assert "Panggung utama" in html


def test_programme_filter_by_kind_shows_only_that_kind(client, festival_content):
    response = client.get(reverse("festival:programme"), {"jenis": "exhibition"})

    assert titles(response) == ["Pameran inovasi pelayanan publik"] * 3
    assert 'href="?jenis=exhibition" aria-current="true"' in response.content.decode()


def test_programme_filter_with_an_unknown_kind_shows_everything(client, festival_content):
    response = client.get(reverse("festival:programme"), {"jenis": "<script>"})

    assert response.status_code == 200
    assert "Pembukaan festival oleh Bupati Banyuwangi" in page_text(response)


def test_programme_during_the_festival_marks_now_next_and_past(client):
    edition = EditionFactory()
    ProgrammeItemFactory(
        edition=edition, slug="pagi", start_time=datetime.time(8), end_time=datetime.time(9)
    )
    ProgrammeItemFactory(
        edition=edition, slug="siang", start_time=datetime.time(10), end_time=datetime.time(12)
    )
    ProgrammeItemFactory(edition=edition, slug="sore", start_time=datetime.time(14))

    with at(14, 11):
        response = client.get(reverse("festival:programme"))

    assert "programme-item--past" in item_html(response, "pagi")[0]
    assert "Selesai" in item_html(response, "pagi")[1]
    assert "programme-item--now" in item_html(response, "siang")[0]
    assert "Sedang berlangsung" in item_html(response, "siang")[1]
    assert "programme-item--next" in item_html(response, "sore")[0]
    assert "Berikutnya" in item_html(response, "sore")[1]


def test_programme_before_the_festival_marks_no_item(client):
    edition = EditionFactory()
    ProgrammeItemFactory(edition=edition, slug="pagi", start_time=datetime.time(8))

    with at(1, 11):
        response = client.get(reverse("festival:programme"))

    assert "programme-item--upcoming" in item_html(response, "pagi")[0]
    assert "Festival dimulai 13 hari lagi." in page_text(response)


def test_programme_page_links_each_dated_item_to_its_calendar_file(client, festival_content):
    response = client.get(reverse("festival:programme"))

    html = response.content.decode()
    assert 'href="/jadwal/acara/pembukaan-festival.ics"' in html
    assert 'href="/jadwal/festival.ics"' in html
    assert "/jadwal/acara/workshop-pelayanan-publik.ics" not in html


def test_programme_page_without_an_edition_says_it_is_being_prepared(client, db):
    response = client.get(reverse("festival:programme"))

    assert "Jadwal acara sedang disiapkan panitia." in page_text(response)


@pytest.mark.parametrize("path", ["/jadwal/", "/jadwal/2026-12-15/", "/", "/jadwal/festival.ics"])
def test_programme_uses_the_same_number_of_queries_for_few_and_many_items(client, path):
    edition = EditionFactory()

    def add(count, start):
        ProgrammeItem.objects.bulk_create(
            ProgrammeItem(
                edition=edition,
                title=f"Acara {n}",
                slug=f"acara-{n}",
                kind="other",
                date=edition.days[n % 3],
                start_time=datetime.time(8 + n % 10),
            )
            for n in range(start, start + count)
        )

    add(5, 0)
    with at(15, 10):  # during the festival, when now/next is computed
        client.get(path)  # fills the edition cache, as in production
        with CaptureQueriesContext(connection) as small_queries:
            small = client.get(path)
        add(400, 5)
        with CaptureQueriesContext(connection) as large_queries:
            large = client.get(path)

    # One query for the programme; the home page adds the innovation highlights.
    assert len(small_queries) == len(large_queries) <= (4 if path == "/" else 1)
    assert small.status_code == large.status_code == 200
    assert len(large.content) > len(small.content)


def test_day_page_shows_only_that_day(client, festival_content):
    response = client.get(reverse("festival:programme-day", args=["2016-12-15"]))

    page = page_text(response)
    assert "Jadwal Kamis, 15 Desember 2016" in page
    assert "Pembukaan festival" not in page
    assert "Pameran inovasi pelayanan publik" in page
    assert 'href="/jadwal/2016-12-14/" rel="prev"' in response.content.decode()
    assert 'href="/jadwal/2016-12-16/" rel="next"' in response.content.decode()


@pytest.mark.parametrize("day", ["2016-12-13", "2016-12-17", "2016-02-30", "2025-12-14"])
def test_day_page_outside_the_festival_is_not_found(client, festival_content, day):
    response = client.get(f"/jadwal/{day}/")

    assert response.status_code == 404
    assert "Pameran inovasi" not in page_text(response)


def test_programme_structured_data_describes_the_festival_and_its_timed_items(client):
    edition = EditionFactory()
    ProgrammeItemFactory(
        edition=edition,
        slug="diskusi",
        title="Diskusi </script><script>alert(1)</script>",
        start_time=datetime.time(9),
        end_time=datetime.time(11),
    )
    ProgrammeItemFactory(edition=edition, slug="tanpa-jam", untimed="all_day")

    response = client.get(reverse("festival:programme"))

    data = jsonld(response)
    festival, *items = data["@graph"]
    assert festival["@type"] == "Event"
    assert festival["startDate"] == "2026-12-14T09:00:00+07:00"
    assert festival["endDate"] == "2026-12-16"
    assert festival["isAccessibleForFree"] is True
    assert festival["location"]["address"]["addressLocality"] == "Banyuwangi"
    assert festival["organizer"]["name"] == "Bagian Organisasi Pemerintah Kabupaten Banyuwangi"
    assert len(items) == 1
    assert items[0]["name"] == "Diskusi </script><script>alert(1)</script>"
    assert items[0]["startDate"] == "2026-12-14T09:00:00+07:00"
    assert items[0]["endDate"] == "2026-12-14T11:00:00+07:00"
    assert items[0]["superEvent"] == {"@id": festival["@id"]}
    assert "<script>alert(1)" not in response.content.decode()


def test_home_page_structured_data_gives_the_festival_dates_and_no_entry_claim(
    client, festival_content
):
    response = client.get("/")

    data = jsonld(response)
    assert data["@context"] == "https://schema.org"
    assert data["startDate"] == "2016-12-14"
    assert data["endDate"] == "2016-12-16"
    assert "isAccessibleForFree" not in data and "offers" not in data
    assert data["location"]["name"] == "Halaman Lounge Pemkab Banyuwangi"


def test_home_page_before_the_festival_lists_the_coming_days(client, festival_content):
    with at_2016(1, 9):
        response = client.get("/")

    page = page_text(response)
    assert "Jadwal festival" in page
    assert "Rabu, 14 Desember" in page
    assert "Waktu menyusul Pameran inovasi pelayanan publik" in page
    assert "Sekarang di festival" not in page


def test_home_page_during_the_festival_shows_what_is_on_now_and_tomorrow(client, festival_content):
    with at_2016(14, 10):
        response = client.get("/")

    page = page_text(response)
    assert "Sekarang di festival" in page
    # The shipped exhibition's hours are not known, so it is listed for today, not as "now".
    assert "Tidak ada acara yang sedang berlangsung saat ini." in page
    assert "Pameran inovasi pelayanan publik Waktu menyusul" in page
    assert (
        '<a href="/jadwal/2016-12-14/#acara-pameran-inovasi-hari-1">' in response.content.decode()
    )
    assert "Juga hari ini, jam menyusul Pembukaan festival oleh Bupati Banyuwangi" in page
    assert "Besok, Kamis, 15 Desember" in page


def test_home_page_during_the_festival_shows_the_next_timed_item(client):
    edition = EditionFactory()
    ProgrammeItemFactory(edition=edition, title="Pembukaan", start_time=datetime.time(9))
    ProgrammeItemFactory(edition=edition, title="Diskusi", start_time=datetime.time(13))

    with at(14, 10):
        response = client.get("/en/")

    page = page_text(response)
    assert "Happening now Pembukaan" in page
    assert "Up next Diskusi" in page


def test_home_page_after_the_festival_shows_no_now_or_next(client, festival_content):
    with at_2016(17, 9):
        response = client.get("/")

    page = page_text(response)
    assert "Sekarang di festival" not in page
    assert "Festival telah berakhir" in page


def test_sitemap_lists_the_programme_and_its_days(client, festival_content):
    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert "http://testserver/jadwal/</loc>" in xml
    assert "http://testserver/jadwal/2016-12-16/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/jadwal/2016-12-15/"' in xml


def test_item_link_on_the_english_page_stays_in_english(client):
    ProgrammeItemFactory(slug="pameran", link_url="/jadwal/2026-12-15/", untimed="all_day")

    response = client.get("/en/jadwal/")

    assert '<a href="/en/jadwal/2026-12-15/">More' in response.content.decode()


def test_day_page_in_english_names_the_day_in_english(client, festival_content):
    response = client.get("/en/jadwal/2016-12-16/")

    page = page_text(response)
    assert "Programme for Friday, 16 December 2016" in page
    assert "Exhibition of public service innovations" in page
    assert "Add to calendar" in page


def test_home_page_makes_no_free_entry_claim_for_the_shipped_edition(client, festival_content):
    pages = [page_text(client.get("/")), page_text(client.get("/en/"))]

    for page in pages:
        assert "Tiket masuk" not in page and "Gratis" not in page
        assert "Entry" not in page and "Free" not in page
