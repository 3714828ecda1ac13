"""A participant at the door with no connection opens their ticket, and the programme, on the
phone that saw them once (the service worker, festival/sitewide/offline.py); a page never
seen there, or someone else's ticket, does not open; a steward's phone keeps nobody's ticket;
without service workers the site works as before."""

import time

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_accessible
from tests.site.pages import a_ticket_secret

KEPT = """async () => {
  const cache = await caches.open("fpp-pages-v1");
  return (await cache.keys()).map((request) => new URL(request.url).pathname);
}"""


@pytest.fixture
def run_up(site, settings):
    """The shipped 2016 edition in its run-up (the rehearsal clock): registration open."""
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"
    return site


def eventually(page, script, seconds=15):
    """Wait until the script's promise gives a true value (wait_for_function takes a
    pending promise for true)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {script}"
        time.sleep(0.2)


def wait_until_kept(page, path):
    """The worker controls the page and has kept `path` (it does so in the background)."""
    eventually(
        page,
        f"caches.open('fpp-pages-v1').then(c => c.match('{path}', {{ignoreVary: true}}))"
        ".then(r => !!r)",
    )


def offline_error(page, url) -> bool:
    try:
        page.goto(url)
    except PlaywrightError as error:
        return "ERR_INTERNET_DISCONNECTED" in str(error) or "ERR_FAILED" in str(error)
    return False


LANGUAGES = [
    ("", "id", "Tanpa koneksi", "Terdaftar: kursi Anda sudah dipesan"),
    ("/en", "en", "No connection", "Confirmed: your seat is reserved"),
]


@pytest.mark.parametrize(("prefix", "lang", "notice", "confirmed"), LANGUAGES, ids=["id", "en"])
def test_the_ticket_and_programme_open_offline_saying_they_may_be_out_of_date(
    run_up, new_page, prefix, lang, notice, confirmed
):
    secret = a_ticket_secret()
    other = a_ticket_secret(phone="+6281299998888")
    ticket = f"{prefix}/workshop/tiket/{secret}/"
    page = new_page(viewport=PHONE)
    page.goto(run_up.url + ticket)
    # Online, the page says nothing about being kept.
    expect(page.locator("[data-offline-notice]")).to_be_hidden()
    wait_until_kept(page, ticket)
    page.goto(f"{run_up.url}{prefix}/jadwal/")
    wait_until_kept(page, f"{prefix}/jadwal/")

    page.context.set_offline(True)
    page.goto(run_up.url + ticket)

    main = page.locator("main")
    assert confirmed in main.inner_text()
    expect(page.locator(".ws-qr img")).to_be_visible()
    assert page.locator(".ws-qr img").evaluate("img => img.naturalWidth > 0")
    shown = page.locator("[data-offline-notice]")
    expect(shown).to_be_visible()
    assert notice in shown.inner_text()
    saved = page.locator("[data-offline-saved]")
    assert saved.get_attribute("datetime") and saved.inner_text().strip()
    # The site's stylesheet came from the phone too.
    assert shown.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px"
    assert_accessible(page, context=f"(ticket offline, {lang})")

    page.goto(f"{run_up.url}{prefix}/jadwal/")
    expect(page.locator("[data-offline-notice]")).to_be_visible()
    assert "14" in page.locator("main").inner_text()
    assert page.evaluate(KEPT) == [ticket, f"{prefix}/jadwal/"]

    # Pages this phone never opened do not open, someone else's ticket least of all.
    assert offline_error(page, f"{run_up.url}{prefix}/workshop/tiket/{other}/")
    assert offline_error(page, f"{run_up.url}{prefix}/inovasi/")


def test_a_cancelled_ticket_replaces_the_kept_valid_one(run_up, new_page):
    secret = a_ticket_secret()
    ticket = f"/workshop/tiket/{secret}/"
    page = new_page(viewport=PHONE)
    page.goto(run_up.url + ticket)
    wait_until_kept(page, ticket)

    page.goto(f"{run_up.url}{ticket}batal/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ya, batalkan").click()
    expect(page.locator(".ws-status")).to_have_text("Dibatalkan")
    eventually(
        page,
        f"caches.open('fpp-pages-v1').then(c => c.match('{ticket}', {{ignoreVary: true}}))"
        ".then(r => r && r.text()).then(t => !!t && t.includes('Dibatalkan'))",
    )
    page.context.set_offline(True)
    page.goto(run_up.url + ticket)

    expect(page.locator(".ws-status")).to_have_text("Dibatalkan")
    assert page.locator(".ws-qr").count() == 0


def test_an_erased_ticket_is_forgotten_at_the_next_visit_online(run_up, new_page):
    from workshops.models import Registration

    secret = a_ticket_secret()
    ticket = f"/workshop/tiket/{secret}/"
    page = new_page(viewport=PHONE)
    page.goto(run_up.url + ticket)
    wait_until_kept(page, ticket)
    Registration.objects.filter(secret=secret).delete()

    assert page.goto(run_up.url + ticket).status == 404
    eventually(page, f"({KEPT})().then(paths => !paths.includes('{ticket}'))")


def test_a_stewards_phone_forgets_the_tickets_it_kept(run_up, new_page):
    User.objects.create_user("pintu", password="sandi-pintu-uji-2026", is_staff=True)
    ticket = f"/workshop/tiket/{a_ticket_secret()}/"
    page = new_page(viewport=PHONE)
    page.goto(run_up.url + ticket)
    wait_until_kept(page, ticket)

    page.goto(f"{run_up.url}/admin/login/?next={ticket}")
    page.fill("#id_username", "pintu")
    page.fill("#id_password", "sandi-pintu-uji-2026")
    page.click("input[type=submit]")

    eventually(page, f"({KEPT})().then(paths => paths.length === 0)")
    page.context.set_offline(True)
    assert offline_error(page, run_up.url + ticket)


def test_without_javascript_the_ticket_works_as_before_and_nothing_is_kept(run_up, new_page):
    ticket = f"/workshop/tiket/{a_ticket_secret()}/"
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(run_up.url + ticket)

    assert "Terdaftar: kursi Anda sudah dipesan" in page.locator("main").inner_text()
    expect(page.locator(".ws-qr img")).to_be_visible()
    expect(page.locator("[data-offline-notice]")).to_be_hidden()
    assert page.context.service_workers == []
    page.context.set_offline(True)
    assert offline_error(page, run_up.url + ticket)


def test_the_kill_switch_removes_the_worker_and_what_it_kept(run_up, new_page, settings):
    ticket = f"/workshop/tiket/{a_ticket_secret()}/"
    page = new_page(viewport=PHONE)
    page.goto(run_up.url + ticket)
    wait_until_kept(page, ticket)

    settings.OFFLINE_PAGES = False
    # The browser checks /sw.js at the next visit and finds the worker that removes itself.
    page.goto(run_up.url + "/jadwal/")
    eventually(page, "navigator.serviceWorker.getRegistrations().then(list => list.length === 0)")
    eventually(page, "caches.keys().then(names => names.length === 0)")
    page.context.set_offline(True)
    assert offline_error(page, run_up.url + ticket)


def test_when_the_server_is_overwhelmed_the_kept_ticket_shows(run_up, new_page, monkeypatch):
    # Mobile data works but the site answers 503 (here: its database is gone).
    from django.db import OperationalError

    from workshops.views import TicketView

    ticket = f"/workshop/tiket/{a_ticket_secret()}/"
    page = new_page(viewport=PHONE)
    page.goto(run_up.url + ticket)
    wait_until_kept(page, ticket)

    def gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(TicketView, "get", gone)
    page.goto(run_up.url + ticket)

    assert "Terdaftar: kursi Anda sudah dipesan" in page.locator("main").inner_text()
    expect(page.locator("[data-offline-notice]")).to_be_visible()
    # The kept copy stays for the next time.
    assert page.evaluate(KEPT) == [ticket]
