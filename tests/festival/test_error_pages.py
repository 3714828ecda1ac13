import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, override_settings
from django.urls import path

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
