"""Text the database cannot store (a NUL) is refused before any view sees it
(festival.sitewide.middleware.UnstorableTextMiddleware).

On PostgreSQL a NUL that reaches a query is a 500 (`?status__exact=%00` on the admin's request
list was one); on SQLite the same request went through. Both runs of the suite must see the
same 400 page."""

import pytest
from django.test import Client

from festival.models import ProgrammeItem
from services.models import ServiceRequest
from workshops.models import Registration

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def assert_refused_in_the_sites_look(response, heading="Permintaan tidak valid"):
    html = page(response)
    assert response.status_code == 400
    assert heading in html
    assert 'href="/static/css/site.css"' in html
    assert "\x00" not in html


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/admin/services/servicerequest/", "status__exact=%00"),
        ("/admin/festival/programmeitem/", "kind__exact=%00"),
        ("/admin/workshops/registration/", "q=08%0012"),
        ("/admin/festival/programmeitem/", "hari=%00&o=1"),
        ("/admin/festival/programmeitem/", "%00=1"),
    ],
)
def test_an_admin_list_filter_with_a_nul_is_a_400_in_the_sites_look(
    admin_client, festival_content, url, query
):
    response = admin_client.get(url, QUERY_STRING=query)

    assert_refused_in_the_sites_look(response)


def test_the_same_admin_list_without_the_nul_still_filters(admin_client, festival_content):
    response = admin_client.get("/admin/festival/programmeitem/", {"kind__exact": "opening"})

    assert response.status_code == 200
    assert "Pembukaan" in page(response)


@pytest.mark.parametrize("url", ["/inovasi/?q=a%00b", "/jadwal/?jenis=%00", "/inovasi/a%00b/"])
def test_a_nul_in_a_public_url_is_a_400(client, festival_content, url):
    path, _, query = url.partition("?")

    response = client.get(path, QUERY_STRING=query)

    assert_refused_in_the_sites_look(response)


def test_the_refusal_is_in_the_visitors_language_with_the_sites_headers(client, festival_content):
    response = client.get("/en/inovasi/", QUERY_STRING="q=%00")

    assert_refused_in_the_sites_look(response, heading="Bad request")
    assert "Your request could not be processed" in page(response)
    assert "default-src" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_text_that_is_only_unusual_is_not_refused(client, festival_content):
    # Invalid UTF-8 arrives as U+FFFD; other scripts and emoji are text like any other.
    response = client.get("/inovasi/", QUERY_STRING="q=%ED%A0%80%D8%A7%F0%9F%99%82")

    assert response.status_code == 200
    assert 'value="\ufffd\ufffd\ufffdا🙂"' in page(response)  # the search box keeps it


def test_a_nul_in_an_admin_form_changes_nothing(admin_client, festival_content):
    item = ProgrammeItem.objects.order_by("pk").first()
    title = item.title

    response = admin_client.post(
        f"/admin/festival/programmeitem/{item.pk}/change/", {"title": "Pembukaan\x00"}
    )

    assert_refused_in_the_sites_look(response)
    item.refresh_from_db()
    assert item.title == title


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_nul_in_a_public_form_saves_nothing(client, festival_content, encoding):
    data = {"applicant_name": "Siti", "nik": "3510\x001641", "phone": "081234567890"}
    before = (ServiceRequest.objects.count(), Registration.objects.count())

    if encoding == "multipart":
        response = client.post("/layanan/kia/ajukan/", data)
    else:
        body = "applicant_name=Siti&nik=3510%001641&phone=081234567890"
        response = client.post(
            "/layanan/kia/ajukan/", body, content_type="application/x-www-form-urlencoded"
        )

    assert_refused_in_the_sites_look(response)
    assert (ServiceRequest.objects.count(), Registration.objects.count()) == before


def test_a_nul_in_a_form_field_name_is_refused(client, festival_content):
    response = client.post("/layanan/lacak/", {"code\x00": "ABCD2345", "phone_last4": "7890"})

    assert_refused_in_the_sites_look(response)


def test_a_session_cookie_with_a_nul_is_refused_and_deleted(festival_content):
    # A quoted cookie value may carry an octal escape: "abcdefgh\000ijkl" arrives as a NUL,
    # which the session lookup took to the database (a 500 on PostgreSQL).
    client = Client()
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"

    refused = client.get("/admin/")
    after = client.get("/admin/")

    assert_refused_in_the_sites_look(refused)
    assert refused.cookies["sessionid"].value == ""
    assert refused.cookies["sessionid"]["max-age"] == 0
    assert after.status_code == 302
    assert after["Location"].startswith("/admin/login/")
