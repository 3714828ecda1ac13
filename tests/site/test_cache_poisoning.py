"""The shared page cache cannot be poisoned through the Host header (issue 11, point 2).

An attack showed it: `Host: localhost:31337` (an allowed host: Django matches the name, whatever
the port) on /jadwal/ put `webcal://localhost:31337/…` into the copy every later visitor got.
Absolute links now come from SITE_URL alone, and the cache key holds the host and scheme."""

import pytest

from festival.models import ProgrammeItem

pytestmark = pytest.mark.django_db

SITE = "https://festival.example.go.id"
HOSTILE = "localhost:31337"


@pytest.fixture(autouse=True)
def _page_cache_on_and_a_site_url(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.SITE_URL = SITE


@pytest.fixture
def urls(pages):
    """Every cacheable response that carries an absolute link: pages (hreflang, JSON-LD,
    webcal, share links), calendar files (URLs and UIDs), the sitemap and robots.txt."""
    item = ProgrammeItem.objects.published().filter(day_tba=False).order_by("pk").first()
    return {
        "home": pages["home"],
        "home-en": pages["home-en"],
        "programme": pages["programme"],
        "programme-en": "/en/jadwal/",
        "programme-day": pages["programme-day"],
        "innovation": pages["innovation"],
        "workshop": pages["workshop"],
        "service": pages["service"],
        "programme-ics": "/jadwal/festival.ics",
        "item-ics": f"/jadwal/acara/{item.slug}.ics",
        "workshop-ics": "/workshop/workshop-pelayanan-publik/kalender.ics",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
    }


def test_a_hostile_host_leaves_no_trace_in_what_later_visitors_get(client, urls):
    for url in urls.values():
        client.get(url, HTTP_HOST=HOSTILE)

    later = {name: client.get(url) for name, url in urls.items()}

    assert {name: r.status_code for name, r in later.items()} == dict.fromkeys(urls, 200)
    assert [name for name, r in later.items() if b"localhost" in r.content] == []


def test_absolute_links_come_from_site_url_whatever_the_host(client, urls):
    responses = {name: client.get(url, HTTP_HOST=HOSTILE) for name, url in urls.items()}

    assert [name for name, r in responses.items() if b"localhost" in r.content] == []
    assert [name for name, r in responses.items() if SITE.encode() not in r.content] == []
    programme = responses["programme"].content.decode()
    assert 'href="webcal://festival.example.go.id/jadwal/festival.ics"' in programme
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/en/jadwal/">' in programme
    assert f"Sitemap: {SITE}/sitemap.xml" in responses["robots"].content.decode()
    assert f"<loc>{SITE}/jadwal/</loc>" in responses["sitemap"].content.decode()
    assert "@festival.example.go.id" in responses["item-ics"].content.decode()  # the UID


def test_a_page_is_kept_apart_per_host_and_scheme(client, pages):
    client.get("/jadwal/")

    other_host = client.get("/jadwal/", HTTP_HOST=HOSTILE)
    other_scheme = client.get("/jadwal/", secure=True)
    again = client.get("/jadwal/")

    assert (other_host["X-Page-Cache"], other_scheme["X-Page-Cache"]) == ("miss", "miss")
    assert again["X-Page-Cache"] == "hit"


def test_a_host_not_allowed_is_refused_even_when_the_page_is_cached(client, pages):
    client.get("/jadwal/")

    response = client.get("/jadwal/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert b"Sitemap" not in response.content and b"<html" not in response.content
