"""The catalogue's kept frame (festival/sitewide/frame.py): the same page as a frame rendered
for the visitor, the holes filled with this page's own title, robots tag, query and content,
and never kept for a visitor whose frame is their own."""

import pytest
from django.test import RequestFactory

from festival.models import Edition
from festival.sitewide import frame
from tests.innovations.factories import InnovationFactory
from tests.innovations.test_views import LIST
from tests.text import page_text

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"q": "kartu"},
    {"q": '"><script>alert(1)</script>', "page": "2"},
    {"tema": "tidak-ada", "page": "abc"},
]


@pytest.fixture
def innovations(festival_content):
    for n in range(15):
        InnovationFactory(name=f"Kartu {n:02d}")


@pytest.mark.parametrize("path", [LIST, "/en/inovasi/"])
@pytest.mark.parametrize("query", QUERIES)
def test_a_kept_frame_gives_the_page_a_frame_rendered_for_the_visitor_would(
    client, innovations, path, query
):
    first = client.get(path, query).content  # the frame rendered and kept
    kept = client.get(path, query).content  # from the kept frame

    client.cookies["sessionid"] = "not-a-session"  # a frame rendered for this visitor
    rendered = client.get(path, query).content

    assert kept == first == rendered


def test_the_holes_hold_this_pages_title_robots_and_query(client, innovations):
    client.get(LIST)  # keep the frame

    page = client.get(LIST, {"q": "kartu", "page": "2"}).content.decode()

    assert (
        "<title>Katalog inovasi – halaman 2 – Festival Pelayanan Publik Banyuwangi</title>" in page
    )
    assert '<meta name="robots" content="noindex, follow">' in page
    assert 'href="/en/inovasi/?q=kartu&amp;page=2"' in page
    assert "fpphole" not in page  # no hole's marker left anywhere


def test_a_hostile_query_is_escaped_in_the_language_links(client, innovations):
    client.get(LIST)

    page = client.get(LIST, {"q": '"><script>x</script>'}).content.decode()

    assert "<script>x</script>" not in page
    assert 'href="/en/inovasi/?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E"' in page


def test_the_frame_follows_an_edit_of_the_edition_at_once(client, innovations):
    client.get(LIST)
    edition = Edition.objects.get(year=2016)

    edition.venue_name = "Taman Blambangan"
    edition.save()

    assert "Taman Blambangan" in page_text(client.get(LIST, {"q": "kartu"}))


def test_no_frame_is_kept_for_a_visitor_with_a_session_or_a_message():
    factory = RequestFactory()
    anonymous = factory.get(LIST, {"q": "a"})
    with_session = factory.get(LIST, HTTP_COOKIE="sessionid=abc")
    with_message = factory.get(LIST, HTTP_COOKIE="messages=x")

    assert frame.keepable(anonymous)
    assert not frame.keepable(with_session)
    assert not frame.keepable(with_message)
    assert not frame.keepable(factory.post(LIST))
