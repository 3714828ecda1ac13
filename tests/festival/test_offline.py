"""The server's side of the offline copies (festival/sitewide/offline.py): /sw.js, and the
opt-in header the worker needs before it keeps a page on a phone. The worker itself is
tested in a browser: tests/browser/test_offline.py."""

import datetime
import re

import pytest
from django.contrib.auth.models import User

from festival.models import Edition
from festival.sitewide import offline
from services.models import Service
from services.queue import domain as queue_domain
from tests.festival.factories import StaffFactory
from tests.site.pages import a_queue_day, a_ticket_secret, public_pages
from workshops import domain as workshop_domain
from workshops.models import Registration

# In the 2016 edition's run-up (14-16 December 2016): registration open, nothing over yet.
BEFORE = "2016-12-01T10:00+07:00"
KEEP = re.compile(r"^keep; max-age=(\d+)$")


@pytest.fixture
def run_up(festival_content, settings):
    settings.FESTIVAL_NOW = BEFORE
    return Edition.objects.get()


def a_queue_ticket_url() -> str:
    edition = Edition.objects.get()
    ticket = queue_domain.book_number(
        desk_day=a_queue_day(edition, Service.objects.get(slug="kia")),
        slot_start=datetime.time(8, 0),
        name="Dewi Lestari",
        phone="+6281311112222",
    )
    return ticket.get_absolute_url()


def kept_for(response) -> int | None:
    """The seconds the worker may keep the page, or None when it may not keep it."""
    match = KEEP.match(response.get(offline.HEADER, ""))
    return int(match.group(1)) if match else None


# --- /sw.js -------------------------------------------------------------------------------------


def test_worker_is_served_at_the_root_as_javascript_never_cached(client, db):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/static/css/site.css"' in body and '"/static/js/site.js"' in body
    assert "fpp-pages-v1" in body and "X-Offline-Copy" in body
    assert "{{" not in body and "{%" not in body


def test_the_policy_allows_the_worker_from_the_site_only(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "worker-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_every_page_names_the_worker_and_site_js_registers_it(client, run_up):
    page = client.get("/jadwal/").content.decode()

    assert re.search(
        r'<script src="/static/js/site\.js" defer data-offline-worker="/sw\.js">', page
    )


# --- The opt-in header ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/jadwal/", "/en/jadwal/", "/jadwal/2016-12-14/", "/2016/jadwal/"]
)
def test_home_and_programme_may_be_kept_until_the_day_after_the_festival(client, run_up, url):
    response = client.get(url)

    # From 1 December 10.00 to 18 December 00.00 WIB.
    assert kept_for(response) == ((18 - 1) * 24 - 10) * 3600
    assert "data-offline-notice hidden" in response.content.decode()
    assert "<time data-offline-saved></time>" in response.content.decode()


def test_the_holders_ticket_may_be_kept_with_its_qr_code(client, run_up):
    response = client.get(f"/workshop/tiket/{a_ticket_secret()}/")

    assert kept_for(response) > 0
    assert response["Cache-Control"] == "private, no-store"  # still no shared cache
    page = response.content.decode()
    assert 'src="data:image/svg+xml' in page  # the QR code is in the page itself
    assert "data-offline-notice hidden" in page


def test_the_bookers_queue_ticket_may_be_kept(client, run_up):
    response = client.get(a_queue_ticket_url())

    assert kept_for(response) > 0
    assert 'src="data:image/svg+xml' in response.content.decode()


def test_a_cancelled_ticket_is_kept_as_cancelled_replacing_the_valid_one(client, run_up):
    secret = a_ticket_secret()
    workshop_domain.cancel_registration(
        registration=Registration.objects.get(secret=secret), by=None
    )

    response = client.get(f"/workshop/tiket/{secret}/")

    assert kept_for(response) > 0
    assert "Dibatalkan" in response.content.decode()
    assert 'src="data:image/svg+xml' not in response.content.decode()


def test_an_erased_or_unknown_ticket_is_not_found_and_not_marked(client, run_up):
    response = client.get("/workshop/tiket/sudah-dihapus/")

    assert response.status_code == 404
    assert offline.HEADER not in response


@pytest.mark.parametrize(
    "name",
    [
        "edition-home",
        "catalogue",
        "innovation",
        "workshops",
        "workshop",
        "workshop-register",
        "services",
        "service-request",
        "track",
        "survey",
        "survey-questionnaire",
        "queue",
        "queue-book",
        "screen-queue",
        "not-found",
    ],
)
def test_no_other_page_is_marked(client, run_up, name):
    response = client.get(public_pages(with_ticket=False)[name])

    assert offline.HEADER not in response


def test_ticket_forms_and_their_answers_are_never_marked(client, run_up):
    secret = a_ticket_secret()

    assert offline.HEADER not in client.get(f"/workshop/tiket/{secret}/batal/")
    response = client.post(f"/workshop/tiket/{secret}/batal/")
    assert response.status_code == 302
    assert offline.HEADER not in response


def test_a_past_editions_pages_are_not_kept(client, run_up, settings):
    secret = a_ticket_secret()
    settings.FESTIVAL_NOW = "2016-12-18T00:00+07:00"  # the end of the day after the last

    assert offline.HEADER not in client.get("/2016/jadwal/")
    assert offline.HEADER not in client.get(f"/workshop/tiket/{secret}/")
    settings.FESTIVAL_NOW = "2016-12-17T23:59+07:00"
    assert kept_for(client.get(f"/workshop/tiket/{secret}/")) == 60


# --- Staff: their phones keep nobody's ticket -----------------------------------------------------


def test_a_stewards_phone_is_told_to_forget_every_kept_page(client, run_up):
    secret = a_ticket_secret()
    user = User.objects.create_user("pintu", password="x", is_staff=True)
    client.force_login(user)

    for url in (f"/workshop/tiket/{secret}/", "/jadwal/", "/", "/admin/"):
        assert client.get(url)[offline.HEADER] == offline.FORGET_ALL, url


def test_a_desk_officers_phone_keeps_no_queue_ticket(client, run_up):
    url = a_queue_ticket_url()
    client.force_login(StaffFactory(username="meja"))

    assert client.get(url)[offline.HEADER] == offline.FORGET_ALL


def test_asking_who_is_logged_in_keeps_anonymous_pages_shareable(client, run_up, settings):
    # The middleware must not read the session of a visitor without one: that would add
    # "Vary: Cookie" and keep the programme out of the shared page cache.
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/jadwal/")
    response = client.get("/jadwal/")

    assert response["X-Page-Cache"] == "hit"
    assert "Cookie" not in response.get("Vary", "")
    assert kept_for(response) > 0


# --- The kill switch ---------------------------------------------------------------------------


def test_kill_switch_serves_a_worker_that_removes_itself_and_its_copies(client, run_up, settings):
    settings.OFFLINE_PAGES = False

    response = client.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "self.registration.unregister()" in body and "caches.delete" in body
    assert 'addEventListener("fetch"' not in body
    # No page names the worker or lets anything be kept.
    page = client.get("/jadwal/")
    assert "data-offline-worker" not in page.content.decode()
    assert offline.HEADER not in page
    assert offline.HEADER not in client.get(f"/workshop/tiket/{a_ticket_secret()}/")
