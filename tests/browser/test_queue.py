"""A resident on a phone books a queue number and sees the ticket; axe-core on the booking
pages (also with errors) and the ticket, in both languages."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from services.models import Offering
from services.queue.models import Desk, DeskDay
from tests.browser.conftest import PHONE, assert_accessible


@pytest.fixture
def open_desk(site, settings):
    """The shipped 2016 edition in its run-up (the rehearsal clock), with KIA desk hours on
    its first day (hours are not in the facts: the test sets them)."""
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"
    offering = Offering.objects.get(service__slug="kia")
    desk = Desk.objects.create(offering=offering, prefix="KIA")
    DeskDay.objects.create(
        desk=desk,
        day=datetime.date(2016, 12, 14),
        opens_at=datetime.time(8, 0),
        closes_at=datetime.time(10, 0),
    )
    return site


LANGUAGES = [
    ("", "id", "Pesan nomor", "Datang paling lambat"),
    ("/en", "en", "Book a number", "Arrive by"),
]


@pytest.mark.parametrize(("prefix", "lang", "submit", "arrive"), LANGUAGES, ids=["id", "en"])
def test_book_a_number_and_see_the_ticket_on_a_phone(
    open_desk, new_page, prefix, lang, submit, arrive
):
    page = new_page(viewport=PHONE)
    page.goto(f"{open_desk.url}{prefix}/antrian/")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, context=f"(start, {lang})")
    page.locator(".queue-days a").first.click()
    expect(page).to_have_url(re.compile("/antrian/kia/2016-12-14/"))
    assert_accessible(page, context=f"(form, {lang})")

    page.get_by_role("button", name=submit, exact=True).click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page, context=f"(form with errors, {lang})")

    page.locator("input[name=slot][value='09:00']").check()
    page.locator("#id_name").fill("Siti Aminah")
    page.locator("#id_phone").fill("0812-3456-7890")
    page.get_by_role("button", name=submit, exact=True).click()

    expect(page).to_have_url(re.compile("/antrian/tiket/"))
    assert page.locator(".queue-number").inner_text().strip() == "KIA-001"
    assert arrive in page.locator(".ws-ticket").inner_text()
    assert_accessible(page, context=f"(ticket, {lang})")
