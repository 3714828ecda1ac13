import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.festival.factories import EditionFactory
from tests.text import page_text

pytestmark = pytest.mark.django_db


@time_machine.travel("2016-11-27 09:00+07:00")
def test_home_before_the_festival_counts_the_days(client, festival_content):
    response = client.get("/")

    page = page_text(response)
    assert "Festival Pelayanan Publik Banyuwangi" in page
    assert "14–16 Desember 2016" in page
    assert "Festival dimulai 17 hari lagi." in page
    assert "Halaman Lounge Pemkab Banyuwangi" in page


@time_machine.travel("2016-12-13 20:00+07:00")
def test_home_the_day_before_says_tomorrow(client, festival_content):
    assert "Festival dimulai besok." in page_text(client.get("/"))


@pytest.mark.parametrize(
    ("moment", "day"),
    [("2016-12-14 00:05+07:00", 1), ("2016-12-15 12:00+07:00", 2), ("2016-12-16 23:55+07:00", 3)],
)
def test_home_during_the_festival_says_which_day_in_banyuwangi_time(
    client, festival_content, moment, day
):
    with time_machine.travel(moment):
        page = page_text(client.get("/"))

    assert f"Festival sedang berlangsung: hari ke-{day} dari 3." in page


@time_machine.travel("2016-12-17 00:01+07:00")
def test_home_after_the_festival_says_it_took_place(client, festival_content):
    # 16 Dec 17:01 UTC is already 17 Dec in Banyuwangi.
    assert "Festival telah berakhir." in page_text(client.get("/"))


@time_machine.travel("2016-12-15 10:00+07:00")
def test_home_in_english_uses_the_english_content(client, festival_content):
    response = client.get("/en/")

    page = page_text(response)
    assert '<html lang="en">' in response.content.decode()
    assert "Banyuwangi Public Service Festival" in page
    assert "The festival is on: day 2 of 3." in page
    assert "no need for a middleman" in page
    assert "Skip to content" in page


def test_home_explains_why_the_festival_is_held(client, festival_content):
    page = page_text(client.get("/"))

    assert "tanpa perlu calo atau pihak ketiga" in page
    assert "transparan, dan akuntabel" in page


def test_home_without_an_edition_still_renders(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "Informasi festival sedang disiapkan panitia." in page_text(response)


def test_every_page_has_a_language_switcher_to_the_same_page(client, festival_content):
    html = client.get("/?utm=x").content.decode()

    assert 'href="/en/?utm=x" hreflang="en"' in html
    assert 'rel="alternate" hreflang="en" href="http://testserver/en/"' in html


def test_home_page_shows_navigation_and_skip_link(client, festival_content):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">Langsung ke isi</a>' in html
    assert '<main id="main"' in html
    assert '<a href="/" aria-current="page">Beranda</a>' in html


def test_home_uses_a_small_constant_number_of_queries(client, festival_content):
    client.get("/")  # warm the edition cache like a running site
    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    # The programme, and the featured innovations with their awards.
    assert len(queries) <= 4


def test_unknown_page_is_a_styled_404_in_the_visitors_language(client, festival_content):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in page_text(response)
    assert 'class="site-header"' in response.content.decode()

    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_sitemap_lists_pages_in_both_languages(client, festival_content):
    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert "<loc>http://testserver/</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    for section in ("jadwal", "inovasi", "workshop", "layanan"):
        assert f"<loc>http://testserver/{section}/</loc>" in xml
        assert f"<loc>http://testserver/en/{section}/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/"' in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_tickets_out(client, db):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /workshop/tiket/" in body
    assert "Disallow: /admin/" in body


def _meta_description(response) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', response.content.decode())[1]


def test_page_description_gives_the_current_editions_dates_and_venue(client):
    EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 11, 29),
        end_date=datetime.date(2027, 12, 1),
        venue_name="Gedung Uji Coba",
    )

    description = _meta_description(client.get("/"))
    english = _meta_description(client.get("/en/"))

    assert description == (
        "Pameran inovasi pelayanan publik, layanan satu pintu, dan workshop di "
        "Gedung Uji Coba, 29 November – 1 Desember 2027."
    )
    assert "29 November – 1 December 2027" in english
    assert "14–16" not in description


def test_pages_without_an_edition_describe_the_festival_without_dates(client):
    description = _meta_description(client.get("/"))

    assert description == (
        "Pameran inovasi pelayanan publik, layanan satu pintu, dan workshop di Banyuwangi."
    )
