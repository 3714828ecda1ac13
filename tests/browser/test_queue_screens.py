"""The venue's screens on a TV (1920×1080) and a tablet: axe-core in both languages, and the
queue screen showing a call made at the desk within seconds, without a reload."""

import datetime

import pytest
from playwright.sync_api import expect

from services.models import Offering
from services.queue import domain
from services.queue.models import Desk, DeskDay
from tests.browser.conftest import assert_accessible

TV = {"width": 1920, "height": 1080}
TABLET = {"width": 800, "height": 1280}


@pytest.fixture
def open_desk_today(site, settings):
    """The shipped 2016 edition on its first day at 9.00 (the rehearsal clock), with a KIA desk
    open (hours are not in the facts: the test sets them)."""
    settings.FESTIVAL_NOW = "2016-12-14T09:00+07:00"
    offering = Offering.objects.get(service__slug="kia")
    desk = Desk.objects.create(offering=offering, prefix="KIA", counters=2)
    day = DeskDay.objects.create(
        desk=desk,
        day=datetime.date(2016, 12, 14),
        opens_at=datetime.time(8, 0),
        closes_at=datetime.time(12, 0),
    )
    return site, day


@pytest.mark.parametrize("viewport", [TV, TABLET], ids=["tv", "tablet"])
@pytest.mark.parametrize(
    ("prefix", "lang", "heading"),
    [("", "id", "Antrean layanan"), ("/en", "en", "Service queue")],
    ids=["id", "en"],
)
def test_screens_are_accessible(open_desk_today, new_page, viewport, prefix, lang, heading):
    site, day = open_desk_today
    domain.give_walk_in_number(desk_day=day, by=None)
    domain.give_walk_in_number(desk_day=day, by=None)
    domain.call_next(desk_day=day, counter=1, by=None)
    page = new_page(viewport=viewport)

    page.goto(f"{site.url}{prefix}/layar/antrian/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == heading
    assert "KIA-001" in page.locator(".screen-counter--called").inner_text()
    assert_accessible(page, context=f"(queue screen, {lang}, {viewport['width']})")

    page.goto(f"{site.url}{prefix}/layar/jadwal/")
    assert page.locator(".screen__clock").inner_text().startswith(("Pukul 09.00", "Time 09.00"))
    assert_accessible(page, context=f"(programme screen, {lang}, {viewport['width']})")


def test_queue_screen_shows_a_call_without_a_reload(open_desk_today, new_page):
    site, day = open_desk_today
    domain.give_walk_in_number(desk_day=day, by=None)
    page = new_page(viewport=TV)
    page.goto(f"{site.url}/layar/antrian/")
    assert page.locator(".screen-counter--called").count() == 0
    page.evaluate("window.__same_document = true")

    domain.call_next(desk_day=day, counter=2, by=None)

    expect(page.locator(".screen-counter--called")).to_contain_text("KIA-001", timeout=15000)
    assert page.evaluate("window.__same_document") is True  # swapped, not reloaded
    assert "Loket 2" in page.locator(".screen-counter--called").inner_text()


def test_queue_screen_keeps_the_last_state_and_says_so_when_the_connection_drops(
    open_desk_today, new_page
):
    site, day = open_desk_today
    domain.give_walk_in_number(desk_day=day, by=None)
    domain.call_next(desk_day=day, counter=1, by=None)
    page = new_page(viewport=TV)
    # The page's own clock, so a minute without an answer passes in no time.
    page.clock.install()
    page.goto(f"{site.url}/layar/antrian/")
    stale = page.locator("[data-screen-stale]")
    expect(page.locator(".screen-counter--called")).to_contain_text("KIA-001")
    expect(stale).to_be_hidden()

    page.context.set_offline(True)
    page.clock.run_for("01:10")

    expect(stale).to_be_visible()
    expect(stale).to_have_text("Koneksi terputus: tampilan ini mungkin sudah tidak terbaru.")
    # The last known state stays on the screen, not an error page.
    expect(page.locator(".screen-counter--called")).to_contain_text("KIA-001")

    page.context.set_offline(False)
    for _ in range(6):
        page.clock.run_for(5000)
        if stale.is_hidden():
            break
        page.wait_for_timeout(300)  # the answer of the fetch the timer started, in real time
    expect(stale).to_be_hidden()
    expect(page.locator(".screen-counter--called")).to_contain_text("KIA-001")
