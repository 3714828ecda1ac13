import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import path
from django.views.defaults import server_error

from festival.config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def _raise(exc):
    def view(request):
        raise exc

    return view


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("coba/400/", _raise(SuspiciousOperation("bad"))),
    path("coba/403/", _raise(PermissionDenied())),
    path("coba/500/", _boom),
    *site_urlpatterns,
]
handler400 = "festival.sitewide.views.bad_request"


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/coba/400/", 400, "Permintaan tidak valid"),
        ("/coba/403/", 403, "Akses ditolak"),
        ("/coba/500/", 500, "Terjadi gangguan"),
    ],
)
def test_error_pages_are_in_the_sites_look(festival_content, url, status, heading):
    client = Client(raise_request_exception=False)

    response = client.get(url)

    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    assert 'href="/static/css/site.css"' in html


def test_a_forged_host_header_is_a_plain_400_not_a_500(festival_content):
    client = Client()  # re-raises anything that would have been a 500

    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response.content == b"Bad Request (400)"


def test_csrf_failure_explains_how_to_recover_in_the_visitors_language(festival_content):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/en/", {"x": "1"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "The form has expired" in html
    assert "Reload the form page" in html


@pytest.mark.parametrize(
    ("template", "heading", "message"),
    [
        ("400.html", "Permintaan tidak valid", "Permintaan Anda tidak dapat diproses."),
        ("403.html", "Akses ditolak", "Anda tidak punya izin membuka halaman ini."),
        ("403_csrf.html", "Formulir kedaluwarsa", "Muat ulang halaman formulir"),
        ("404.html", "Halaman tidak ditemukan", "Alamat yang Anda buka tidak ada"),
        ("429.html", "Terlalu banyak percobaan", "Silakan coba lagi 15 menit lagi."),
    ],
)
def test_error_pages_share_one_layout_with_heading_message_and_way_home(
    festival_content, rf, template, heading, message
):
    html = render_to_string(template, request=rf.get("/tidak-ada/"))

    assert f"<title>{heading} – Festival Pelayanan Publik Banyuwangi</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<div class="wrap section error-page">\n  <h1>{heading}</h1>' in html
    assert message in html
    assert '<a class="button" href="/">Kembali ke beranda</a>' in html
    assert "Festival Pelayanan Publik</span>" in html  # the site's header
    assert 'class="site-footer"' in html


def test_server_error_page_renders_without_request_context_or_database(
    rf, django_assert_num_queries
):
    # As Django's handler500 renders it: the template alone, no request, no context processors.
    with django_assert_num_queries(0):
        response = server_error(rf.get("/jadwal/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>Terjadi gangguan – Festival Pelayanan Publik Banyuwangi</title>" in html
    assert '<h1>Terjadi gangguan <span lang="en">/ Something went wrong</span></h1>' in html
    assert "Tim kami sudah diberi tahu" in html
    assert "Our team has been told" in html
    assert '<a class="button" href="/">Beranda</a>' in html
    assert 'href="/en/" lang="en">Home (English)</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="site-header"' not in html  # it needs the navigation, from the request


@override_settings(ROOT_URLCONF=__name__, ADMINS=[("Admin", "admin@example.go.id")])
def test_server_error_is_mailed_to_the_admin_emails(festival_content, mailoutbox):
    client = Client(raise_request_exception=False)

    response = client.get("/coba/500/")

    assert response.status_code == 500
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["admin@example.go.id"]
    assert "/coba/500/" in mailoutbox[0].subject
    assert "RuntimeError at /coba/500/\nboom" in mailoutbox[0].body


@override_settings(ROOT_URLCONF=__name__, ADMINS=[])
def test_server_error_without_admin_emails_mails_no_one(festival_content, mailoutbox):
    client = Client(raise_request_exception=False)

    client.get("/coba/500/")

    assert mailoutbox == []


@override_settings(ROOT_URLCONF=__name__, ADMINS=[("Admin", "admin@example.go.id")])
def test_page_not_found_is_not_mailed(festival_content, mailoutbox):
    Client().get("/tidak-ada/")

    assert mailoutbox == []
