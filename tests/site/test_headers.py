"""Security headers on every page type."""

import csp.middleware
import pytest
import time_machine
from django.http import HttpResponse
from django.test import override_settings

from festival.sitewide.middleware import CSPMiddleware
from tests.site.pages import PAGE_TYPES, public_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def responses(client, pages):
    return {name: client.get(url) for name, url in pages.items()}


def _csp_directives(csp: str) -> dict[str, str]:
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())


def test_the_page_list_covers_every_public_page_type(pages):
    assert sorted(pages) == sorted(PAGE_TYPES)


EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def test_content_security_policy_is_strict_on_every_page(responses):
    wrong = {}
    for name, response in responses.items():
        csp = response.get("Content-Security-Policy", "")
        directives = _csp_directives(csp)
        got = {key: directives.get(key) for key in EXPECTED_CSP}
        if got != EXPECTED_CSP or "unsafe" in csp:
            wrong[name] = csp

    assert wrong == {}


def test_other_security_headers_on_every_page(responses):
    wrong = {}
    for name, response in responses.items():
        got = {key: response.get(key) for key in EXPECTED_HEADERS}
        policy = response.get("Permissions-Policy", "")
        if got != EXPECTED_HEADERS or "geolocation=()" not in policy or "camera=()" not in policy:
            wrong[name] = (got, policy)

    assert wrong == {}


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
@time_machine.travel("2016-12-01 10:00+07:00", tick=False)  # the registration form is offered
def test_production_redirects_to_https_sends_hsts_and_secure_cookies(client, festival_content):
    plain = client.get("/jadwal/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/jadwal/"

    secure = client.get("/workshop/workshop-pelayanan-publik/daftar/", secure=True)

    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csrf_cookie = secure.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["samesite"] == "Lax"


def test_session_cookie_is_httponly_secure_and_samesite(client, festival_content, admin_user):
    with override_settings(SESSION_COOKIE_SECURE=True):
        client.post(
            "/admin/login/",
            {"username": admin_user.username, "password": "password", "next": "/admin/"},
            secure=True,
        )
    cookie = client.cookies["sessionid"]

    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_english_pages_send_the_same_content_security_policy(client, festival_content):
    # The English pages are the same views under /en/.
    with time_machine.travel("2016-12-01 10:00+07:00", tick=False):
        urls = public_pages(with_ticket=False).values()
        english = {url: client.get("/en" + url)["Content-Security-Policy"] for url in urls}
        indonesian = {url: client.get(url)["Content-Security-Policy"] for url in urls}

    assert english == indonesian
    assert all("frame-ancestors 'none'" in policy for policy in english.values())


def test_the_policy_built_once_is_the_one_django_csp_builds_and_follows_the_settings(rf):
    def header(middleware_class, **settings):
        request = rf.get("/inovasi/")
        middleware = middleware_class(lambda request: None)
        with override_settings(**settings):
            middleware.process_request(request)
            return middleware.process_response(request, HttpResponse())

    ours, theirs = header(CSPMiddleware), header(csp.middleware.CSPMiddleware)
    assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in ours

    stricter = {"DIRECTIVES": {"default-src": ["'none'"]}}
    changed = header(CSPMiddleware, CONTENT_SECURITY_POLICY=stricter)
    assert changed["Content-Security-Policy"] == "default-src 'none'"
    reported = header(CSPMiddleware, CONTENT_SECURITY_POLICY_REPORT_ONLY=stricter)
    assert reported["Content-Security-Policy-Report-Only"] == "default-src 'none'"
