"""A database restart costs as little as it can (issue 11, point 10).

When PostgreSQL restarts, requests that fall in the restart get a "briefly unavailable, press
again" page (503 with Retry-After, in the visitor's language, never cached), not the generic
server error, and the log says it was the database. Once it is back, requests succeed: with
connection health checks a connection the restart killed is replaced, not used."""

import logging
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, override_settings
from django.urls import path

from festival.config.urls import urlpatterns as site_urlpatterns
from tests.servers import Server, production_env


def _database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def _connection_closed(request):
    raise InterfaceError("connection already closed")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(
        path("coba/basis-data-putus/", _database_gone),
        path("coba/koneksi-tertutup/", _connection_closed),
        prefix_default_language=False,
    ),
]
handler400 = "festival.sitewide.views.bad_request"


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "heading", "advice"),
    [
        (
            "get",
            "/coba/basis-data-putus/",
            "Layanan sedang tidak tersedia sebentar",
            "Silakan tekan lagi dalam beberapa detik.",
        ),
        (
            "post",
            "/coba/basis-data-putus/",
            "Layanan sedang tidak tersedia sebentar",
            "isian Anda masih ada",
        ),
        (
            "post",
            "/en/coba/koneksi-tertutup/",
            "The service is briefly unavailable",
            "what you filled in is still there",
        ),
    ],
)
def test_a_lost_database_gives_the_briefly_unavailable_page(
    festival_content, admin_user, caplog, django_assert_num_queries, method, url, heading, advice
):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)  # a session and a user, neither looked up for this page

    with django_assert_num_queries(0), caplog.at_level(logging.ERROR, logger="festival.db"):
        response = getattr(client, method)(url)

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert heading in html and advice in html
    assert 'href="/static/css/site.css"' in html  # in the site's look
    assert "Terjadi gangguan" not in html and "Something went wrong" not in html
    [record] = [r for r in caplog.records if r.name == "festival.db"]
    assert record.levelno == logging.ERROR
    assert "database unavailable" in record.getMessage()
    assert url in record.getMessage()


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db
def test_the_briefly_unavailable_page_is_never_kept_by_the_page_cache(festival_content, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client = Client(raise_request_exception=False)

    client.get("/coba/basis-data-putus/")
    again = client.get("/coba/basis-data-putus/")

    assert again.status_code == 503
    assert "X-Page-Cache" not in again


# --- PostgreSQL restarted under a running server ----------------------------------------------


def _postgresql_or_skip():
    if connection.vendor != "postgresql":
        pytest.skip(
            "A database restart needs PostgreSQL (connections a server keeps and loses): run "
            "with DATABASE_URL=postgres://… to include this test."
        )


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as response:
        return response.code, response.headers, response.read().decode()


def _server_connections_lost() -> None:
    """What a PostgreSQL restart does to a server's kept connections (and wait until they
    are gone: pg_terminate_backend only signals them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [pid for pid, _ in cursor.fetchall()]
        deadline = time.monotonic() + 10
        while pids and time.monotonic() < deadline:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
            pids = [pid for (pid,) in cursor.fetchall()]
            time.sleep(0.05)
        assert not pids, f"connections still open: {pids}"


def _database_accepts_connections(accepts: bool) -> None:
    """Stand-in for the database being down: new connections are refused. PostgreSQL takes
    this only from a session on another database."""
    import psycopg

    db = connection.settings_dict
    name = connection.ops.quote_name(db["NAME"])
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {str(accepts).lower()}")


@pytest.fixture
def server(transactional_db, festival_content, tmp_path):
    """One gunicorn app server with production settings, keeping its database connection
    between requests (CONN_MAX_AGE) as in production."""
    _postgresql_or_skip()
    env = production_env(
        SECRET_KEY="database-outage-" + "k" * 50,
        CONN_MAX_AGE="600",
        CACHE_URL="locmemcache://outage",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        STATIC_ROOT=str(tmp_path / "static"),
        PAGE_CACHE_SECONDS="0",  # every request asks the database
    )
    (tmp_path / "static").mkdir()
    app = Server("gunicorn", env, tmp_path)
    try:
        app.wait_healthy(time.monotonic() + 30)
        yield app.url(""), app.log_path
    finally:
        _database_accepts_connections(True)
        app.stop()


@pytest.mark.slow
def test_a_database_restart_costs_only_the_requests_inside_it(server):
    base, log_path = server
    assert _get(base + "/jadwal/")[0] == 200  # the worker now keeps a connection

    # Restart, as the server sees it: kept connections die while the worker is idle.
    _server_connections_lost()
    after_restart = _get(base + "/jadwal/")

    # While the database is down: the briefly-unavailable page, in the visitor's language.
    _database_accepts_connections(False)
    _server_connections_lost()
    during = {url: _get(base + url) for url in ("/jadwal/", "/en/jadwal/")}
    _database_accepts_connections(True)
    back = _get(base + "/jadwal/")

    assert after_restart[0] == 200 and "Pembukaan" in after_restart[2]
    status, headers, html = during["/jadwal/"]
    assert (status, headers["Retry-After"]) == (503, "30")
    assert "Layanan sedang tidak tersedia sebentar" in html
    assert "The service is briefly unavailable" in during["/en/jadwal/"][2]
    assert back[0] == 200 and "Pembukaan" in back[2]
    log = log_path.read_text(errors="replace")
    assert log.count("festival.db database unavailable") == 2
    assert "Internal Server Error" not in log


class _LosesDatabaseAfterTheView:
    """A middleware that loses the database after the view answered, as a session save does
    when PostgreSQL restarts between the view and the end of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise OperationalError("server closed the connection unexpectedly")


class _FailsAfterTheView(_LosesDatabaseAfterTheView):
    def __call__(self, request):
        self.get_response(request)
        raise RuntimeError("a bug, not the database")


@pytest.mark.django_db
def test_a_database_lost_outside_the_view_still_gives_the_briefly_unavailable_page(
    settings, caplog
):
    # The site's own URLconf (and its 500 handler), whatever an earlier test here overrode.
    settings.ROOT_URLCONF = "festival.config.urls"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}._LosesDatabaseAfterTheView"]
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="festival.db"):
        response = client.get("/jadwal/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia sebentar" in response.text
    assert any(
        "database unavailable, answered 503: GET /jadwal/" in r.message for r in caplog.records
    )


@pytest.mark.django_db
def test_any_other_error_outside_the_view_gives_the_server_error_page(settings):
    settings.ROOT_URLCONF = "festival.config.urls"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}._FailsAfterTheView"]
    client = Client(raise_request_exception=False)

    response = client.get("/jadwal/")

    assert response.status_code == 500
    assert "Retry-After" not in response
