import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from festival.models import ProgrammeItem
from tests.browser.conftest import PHONE, assert_accessible


@pytest.mark.parametrize(
    ("path", "heading", "lang", "first_day"),
    [
        ("/jadwal/", "Jadwal festival", "id", "Rabu, 14 Desember"),
        ("/en/jadwal/", "Festival programme", "en", "Wednesday, 14 December"),
    ],
    ids=["id", "en"],
)
def test_programme_is_accessible_at_phone_width_in_both_languages(
    site, new_page, path, heading, lang, first_day
):
    page = new_page(viewport=PHONE)
    page.goto(site.url + path)

    assert page.locator("h1").inner_text() == heading
    assert first_day in page.locator("h2").first.inner_text()
    assert page.locator(".programme-item").count() == 8
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, context=f"({lang}, phone)")


def test_programme_filter_works_without_javascript(site, new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(site.url + "/jadwal/")

    page.get_by_role("link", name="Layanan satu pintu", exact=True).click()

    assert page.url.endswith("/jadwal/?jenis=service_desk")
    titles = page.locator(".programme-item__title").all_inner_texts()
    assert titles == ["Layanan satu pintu"] * 3
    assert page.get_by_role("button", name="Cetak jadwal").count() == 0  # needs JS: hidden


def test_programme_during_the_festival_marks_what_is_on_now(site, new_page):
    # The shipped hours of the exhibition and the desk are not known ("Waktu menyusul"):
    # organisers mark them all day once they know, and then they are on now.
    for item in ProgrammeItem.objects.filter(
        date=datetime.date(2016, 12, 15), kind__in=["exhibition", "service_desk"]
    ):
        item.untimed = ProgrammeItem.Untimed.ALL_DAY
        item.save()
    moment = datetime.datetime(2016, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=False):
        page = new_page(viewport=PHONE)
        page.goto(site.url + "/jadwal/2016-12-15/")

        now = page.locator(".programme-item--now .programme-item__title").all_inner_texts()
        assert now == ["Pameran inovasi pelayanan publik", "Layanan satu pintu"]
        assert_accessible(page, context="(during the festival)")


def test_programme_prints_one_day_per_page(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url + "/jadwal/")
    page.emulate_media(media="print")

    breaks = page.locator(".programme-day").evaluate_all(
        "days => days.map(d => getComputedStyle(d).breakBefore)"
    )
    tools_display = page.locator(".programme-tools").evaluate("e => getComputedStyle(e).display")

    assert breaks == ["auto", "page", "page", "page"]
    assert tools_display == "none"


@pytest.mark.parametrize("path", ["/", "/en/"], ids=["id", "en"])
def test_home_page_during_the_festival_is_accessible_at_phone_width(site, new_page, path):
    moment = datetime.datetime(2016, 12, 14, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=False):
        page = new_page(viewport=PHONE)
        page.goto(site.url + path)

        assert page.locator(".now-next .programme-item").count() == 5  # now, today, tomorrow
        assert_accessible(page, context=f"({path}, during the festival)")
