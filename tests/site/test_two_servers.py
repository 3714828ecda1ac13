"""Production on two app servers, tried for real: two gunicorn instances with production
settings on two ports, one PostgreSQL database (this run's test database) and one Redis with
one key prefix, as the README's production section describes. Every rule that needs shared
state must hold across them: registrations and seats, the rate limit, the page cache and its
invalidation. Runs only on PostgreSQL + Redis (CI's second run of the suite)."""

import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from tests.servers import ROOT, Server, cache_url, production_env
from tests.workshops.factories import WorkshopFactory

RATE_LIMIT = 4
STARTUP_SECONDS = 30

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _shared_backends_or_skip():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Two app servers need a database both can reach: run with "
            "DATABASE_URL=postgres://… and CACHE_URL=rediscache://… to include this test."
        )
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip(
            "Two app servers need a shared cache (rate limits, page cache): run with "
            "CACHE_URL=rediscache://… and DATABASE_URL=postgres://… to include this test."
        )


@pytest.fixture
def two_servers(transactional_db, festival_content, tmp_path):
    """Servers A and B on one database and one Redis, started as in production."""
    _shared_backends_or_skip()
    env = production_env(
        SECRET_KEY="two-servers-" + "k" * 50,
        CONN_MAX_AGE="0",
        CACHE_URL=cache_url(),
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        STATIC_ROOT=str(tmp_path / "static"),
        PAGE_CACHE_SECONDS="60",
        WORKSHOP_RATE_LIMIT=str(RATE_LIMIT),
        EMAIL_URL="consolemail://",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    servers = []
    try:
        for name in ("A", "B"):
            servers.append(Server(name, env, tmp_path))
        deadline = time.monotonic() + STARTUP_SECONDS
        for server in servers:
            server.wait_healthy(deadline)
        yield servers
    finally:
        for server in servers:
            server.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A visitor with a cookie jar who can talk to either server."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def get(self, url: str, headers: dict | None = None):
        return self._open(urllib.request.Request(url, headers=headers or {}))

    def post(self, url: str, data: dict):
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": url}))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as response:
            return response.code, response.headers, response.read().decode()


def _form_fields(page: str) -> dict:
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    token = re.search(r'name="token" value="([^"]*)"', page).group(1)
    kecamatan = re.search(r'<select name="kecamatan"[^>]*>.*?<option value="(\d+)"', page, re.S)
    return {"csrfmiddlewaretoken": csrf, "token": token, "kecamatan": kecamatan.group(1)}


def _seats_left(page: str) -> int:
    return int(re.search(r"Kursi tersisa</dt><dd>(\d+)</dd>", page).group(1))


def test_two_servers_share_registrations_rate_limits_and_page_cache(two_servers):
    a, b = two_servers
    workshop = WorkshopFactory(title="Workshop dua server", slug="workshop-dua-server", capacity=5)
    detail = f"/workshop/{workshop.slug}/"
    visitor = Browser()
    # Both servers are up and healthy.
    for server in (a, b):
        status, _, body = Browser().get(server.url("/healthz"))
        assert (status, '"database": "ok"' in body, '"cache": "ok"' in body) == (200, True, True)

    # B shows (and keeps) the workshop page with every seat free.
    assert _seats_left(Browser().get(b.url(detail))[2]) == 5

    # A registration made through A …
    _, _, form_page = visitor.get(a.url(f"{detail}daftar/"))
    status, headers, _ = visitor.post(
        a.url(f"{detail}daftar/"),
        {
            **_form_fields(form_page),
            "full_name": "Dewi Lestari Dua Server",
            "position": "Kasi Pelayanan",
            "office_kind": "kecamatan",
            "phone": "0812 3456 7001",
            "consent": "on",
        },
    )
    assert status == 302 and "/workshop/tiket/" in headers["Location"]
    ticket = headers["Location"]

    # … is seen on B: the ticket page on B shows it, and B's seat count drops at once.
    status, _, ticket_page = Browser().get(b.url(ticket))
    assert status == 200 and "Dewi Lestari Dua Server" in ticket_page
    assert _seats_left(Browser().get(b.url(detail))[2]) == 4

    # The page cache is shared: a page rendered by A is served by B from the cache. Behind the
    # proxy both are asked for the site's one host name (the cache keeps a page per host).
    site = {"Host": "127.0.0.1"}
    first = Browser().get(a.url("/jadwal/"), headers=site)[1]
    second = Browser().get(b.url("/jadwal/"), headers=site)[1]
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")

    # An organiser's change shows on both servers at once (the workshop's edition, upcoming,
    # is the current one: the home page's).
    edition = workshop.edition
    edition.tagline = "Slogan baru dari panitia untuk dua server"
    edition.save()  # as the admin does: the save signal bumps the shared cache generation
    for server in (a, b):
        assert "Slogan baru dari panitia untuk dua server" in Browser().get(server.url("/"))[2]

    # The rate limit is shared: once A refuses this address, so does B.
    statuses = []
    for _ in range(RATE_LIMIT + 1):
        statuses.append(visitor.post(a.url(f"{detail}daftar/"), _form_fields(form_page))[0])
        if statuses[-1] == 429:
            break
    assert statuses[-1] == 429
    status, _, refused = visitor.post(b.url(f"{detail}daftar/"), _form_fields(form_page))
    assert status == 429 and "Terlalu banyak percobaan" in refused


def test_errors_reach_stderr_one_line_each(two_servers):
    a, _ = two_servers

    # A request that raises in Django (a forged Host header: DisallowedHost).
    status, _, _ = Browser().get(a.url("/"), headers={"Host": "evil.example"})

    assert status == 400
    deadline = time.monotonic() + 5
    while "DisallowedHost" not in a.stderr() and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [line for line in a.stderr().splitlines() if "DisallowedHost" in line]
    assert len(lines) == 1, a.stderr()
    assert "ERROR django.security.DisallowedHost Invalid HTTP_HOST header" in lines[0]
    # The traceback is on the same line, escaped, not on lines of its own.
    assert "\\nTraceback (most recent call last):\\n" in lines[0]
    assert not any(line.startswith(("Traceback", "  File ")) for line in a.stderr().splitlines())
