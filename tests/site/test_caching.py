"""The shared page cache (festival/sitewide/pagecache.py) on every page type: public pages
shared, personal ones private; and what it never keeps."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from festival.models import Edition, ProgrammeItem
from festival.sitewide.pagecache import GENERATION_KEY, AnonymousPageCacheMiddleware
from innovations.models import Innovation
from services import domain as services_domain
from services.models import Offering
from tests.site.pages import PAGE_TYPES, a_ticket_secret

pytestmark = pytest.mark.django_db

SHARED = [
    "home",
    "home-en",
    "edition-home",
    "programme",
    "programme-day",
    "catalogue",
    "catalogue-filtered",
    "innovation",
    "workshops",
    "workshop",
    "services",
    "service",
    "survey-results",
    "screen-queue",
    "screen-programme",
    "data",
    "map",
    "map-en",
    "map-booth",
    "map-archive",
    "certificate-verify",
]
PRIVATE = [
    "workshop-register",
    "service-request",
    "track",
    "ticket",
    "ticket-evaluation",
    "survey",
    "survey-questionnaire",
    "queue",
    "queue-book",
]
NOT_CACHED = ["not-found"]


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_every_page_type_is_either_shared_or_private():
    assert sorted(SHARED + PRIVATE + NOT_CACHED) == sorted(PAGE_TYPES)


def test_anonymous_pages_are_served_from_the_shared_cache_and_revalidate_cheaply(client, pages):
    report = {}
    for name in SHARED:
        first = client.get(pages[name])
        second = client.get(pages[name])
        revalidated = client.get(pages[name], HTTP_IF_NONE_MATCH=first["ETag"])
        report[name] = (
            second.get("X-Page-Cache"),
            first["Cache-Control"],
            revalidated.status_code,
            second.content == first.content,
        )

    expected = ("hit", "public, max-age=0, must-revalidate", 304, True)
    assert {name: got for name, got in report.items() if got != expected} == {}


def test_pages_with_forms_or_personal_data_are_never_shared(client, pages):
    report = {}
    for name in PRIVATE:
        client.get(pages[name])
        again = client.get(pages[name])
        report[name] = (again.get("X-Page-Cache"), "private" in again["Cache-Control"])

    assert report == dict.fromkeys(PRIVATE, (None, True))


def test_cached_page_hit_costs_no_database_query(
    client, festival_content, django_assert_num_queries
):
    first = client.get("/jadwal/")

    with django_assert_num_queries(0):
        second = client.get("/jadwal/")
        revalidated = client.get("/jadwal/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content
    assert (revalidated.status_code, revalidated.content) == (304, b"")


def test_cached_page_hit_keeps_the_security_policy_of_its_first_response(client, festival_content):
    first = client.get("/")

    second = client.get("/")

    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cached_page_in_another_language_is_kept_apart(client, festival_content):
    client.get("/")

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "miss"
    assert "Banyuwangi Public Service Festival" in response.content.decode()


def test_cached_page_is_never_served_to_a_visitor_with_a_session(admin_client, festival_content):
    admin_client.get("/")

    response = admin_client.get("/")

    assert "X-Page-Cache" not in response


def _middleware_for(response):
    return AnonymousPageCacheMiddleware(lambda request: response)


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: HttpResponse("form", headers={"Vary": "Cookie"}),
        lambda: HttpResponse("private", headers={"Cache-Control": "private, no-store"}),
        lambda: HttpResponse("missing", status=404),
    ],
    ids=["varies-on-cookie", "private", "not-found"],
)
def test_page_cache_response_that_must_not_be_shared_is_not_kept(make_response):
    middleware = _middleware_for(make_response())
    middleware(RequestFactory().get("/jadwal/"))

    response = middleware(RequestFactory().get("/jadwal/"))

    assert "X-Page-Cache" not in response


def test_page_cache_response_setting_a_cookie_is_not_kept():
    response = HttpResponse("form")
    response.set_cookie("csrftoken", "x")
    middleware = _middleware_for(response)
    middleware(RequestFactory().get("/workshop/x/daftar/"))

    again = middleware(RequestFactory().get("/workshop/x/daftar/"))

    assert "X-Page-Cache" not in again


def test_an_organisers_change_to_the_edition_shows_at_once(client, festival_content):
    client.get("/")
    edition = Edition.objects.get()
    edition.tagline = "Slogan baru panitia"
    edition.save()

    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert "Slogan baru panitia" in response.content.decode()


def test_an_organisers_change_to_the_programme_shows_at_once(client, pages):
    client.get("/jadwal/")
    item = ProgrammeItem.objects.get(slug="pembukaan-festival")
    item.title = "Pembukaan oleh Bupati Banyuwangi (diperbarui)"
    item.save()

    response = client.get("/jadwal/")

    assert response["X-Page-Cache"] == "miss"
    assert "Pembukaan oleh Bupati Banyuwangi (diperbarui)" in response.content.decode()


def test_an_organisers_change_to_an_innovation_shows_at_once_in_the_catalogue(client, pages):
    client.get("/inovasi/")
    client.get("/en/inovasi/")
    innovation = Innovation.objects.get(slug="smart-kampung")
    innovation.summary = "Ringkasan baru dari panitia."
    innovation.save()

    assert "Ringkasan baru dari panitia." in client.get("/inovasi/").content.decode()
    assert client.get("/en/inovasi/")["X-Page-Cache"] == "miss"


def test_seats_left_follow_registrations_on_a_cached_workshop_page(client, pages):
    before = client.get("/workshop/workshop-pelayanan-publik/").content.decode()
    a_ticket_secret(phone="+6281398765432")  # one more registration, made through the domain rule
    after = client.get("/workshop/workshop-pelayanan-publik/").content.decode()

    # pages() already registered two people (a ticket, a certificate's holder).
    assert "Tersisa 98 kursi dari 100" in before
    assert "Tersisa 97 kursi dari 100" in after


def test_a_registration_makes_only_the_workshop_pages_stale(client, pages):
    for url in ("/jadwal/", "/inovasi/", "/workshop/", "/en/workshop/"):
        client.get(url)
    a_ticket_secret(phone="+6281377778888")

    assert client.get("/jadwal/")["X-Page-Cache"] == "hit"
    assert client.get("/inovasi/")["X-Page-Cache"] == "hit"
    assert client.get("/workshop/")["X-Page-Cache"] == "miss"
    assert client.get("/en/workshop/")["X-Page-Cache"] == "miss"


def test_a_service_request_makes_no_shared_page_stale(client, pages):
    client.get("/layanan/kia/")
    client.get("/")
    services_domain.submit_request(
        offering=Offering.objects.get(service__slug="kia"),
        applicant_name="Budi",
        nik="3510161203850001",
        phone="+6281234567890",
        details={},
        preferred_day=Edition.objects.get().start_date,
    )

    assert client.get("/layanan/kia/")["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_lost_generation_counter_never_brings_back_a_stale_page(client, pages):
    client.get("/workshop/")
    a_ticket_secret(phone="+6281355556666")
    cache.delete(f"{GENERATION_KEY}:/workshop/")  # evicted by Redis, say

    assert client.get("/workshop/")["X-Page-Cache"] == "miss"
