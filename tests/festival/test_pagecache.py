import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from festival.models import Edition
from festival.sitewide.pagecache import AnonymousPageCacheMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_anonymous_page_is_served_from_the_shared_cache_the_second_time(client, festival_content):
    first = client.get("/")
    second = client.get("/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_hit_costs_no_database_query(client, festival_content, django_assert_num_queries):
    first = client.get("/jadwal/")

    with django_assert_num_queries(0):
        second = client.get("/jadwal/")

    assert second["X-Page-Cache"] == "hit"
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content


def test_a_content_change_shows_at_once(client, festival_content):
    client.get("/")
    Edition.objects.update_or_create(pk=1, defaults={"tagline": "Slogan baru panitia"})

    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert "Slogan baru panitia" in response.content.decode()


def test_pages_are_cached_per_language(client, festival_content):
    client.get("/")

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "miss"
    assert "Banyuwangi Public Service Festival" in response.content.decode()


def test_browsers_revalidate_cheaply_with_an_etag(client, festival_content):
    first = client.get("/")

    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert again.status_code == 304
    assert again.content == b""


def test_visitors_with_a_session_are_never_served_a_shared_page(admin_client, festival_content):
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
def test_responses_that_must_not_be_shared_are_not_kept(make_response):
    request = RequestFactory().get("/jadwal/")
    middleware = _middleware_for(make_response())

    middleware(request)
    response = middleware(RequestFactory().get("/jadwal/"))

    assert "X-Page-Cache" not in response


def test_responses_setting_a_cookie_are_not_kept():
    response = HttpResponse("form")
    response.set_cookie("csrftoken", "x")
    middleware = _middleware_for(response)

    middleware(RequestFactory().get("/workshop/x/daftar/"))

    assert "X-Page-Cache" not in middleware(RequestFactory().get("/workshop/x/daftar/"))
