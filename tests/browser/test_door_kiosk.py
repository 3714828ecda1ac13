"""A door steward on a tablet checks 30 people in at the kiosk with a handheld scanner's
keystrokes (the ticket's address, then Enter), then finds none of them left on the list of
who is still expected; axe-core on the kiosk (also with a refusal) and the list, in both
languages, at tablet width (768 × 1024)."""

import datetime
import os

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from festival.sitewide.links import absolute_url
from tests.browser.conftest import assert_accessible
from tests.workshops.factories import (
    RegistrationFactory,
    WorkshopFactory,
    WorkshopSessionFactory,
)

TABLET = {"width": 768, "height": 1024}
PASSWORD = "sandi-pintu-uji-2026"
SLUG = "bedah-smart-kampung"


@pytest.fixture
def door(live_server, transactional_db, settings):
    """The test edition's first day at 09.00 WIB (the rehearsal clock), a workshop with a
    morning session and 32 confirmed participants, and a steward of the door group (rebuilt
    here: the live-server tests empty the tables, groups from data migrations included)."""
    settings.FESTIVAL_NOW = "2026-12-14T09:00+07:00"
    workshop = WorkshopFactory(
        slug=SLUG, title="Bedah Smart Kampung", title_en="Dissecting Smart Kampung"
    )
    WorkshopSessionFactory(
        workshop=workshop, title="Materi", title_en="Talks", date=datetime.date(2026, 12, 14)
    )
    people = [
        RegistrationFactory(workshop=workshop, full_name=f"Peserta Nomor {n:02d}")
        for n in range(32)
    ]
    group, _ = Group.objects.get_or_create(name="Petugas pintu")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="workshops",
            codename__in=["view_registration", "check_in_registration"],
        )
    )
    steward = User.objects.create_user("pintu", password=PASSWORD, is_staff=True)
    steward.groups.add(group)
    return live_server, people


def log_in(page, base_url, next_path):
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("#id_username", "pintu")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("load")


def scanner_types(page, text):
    """What a handheld scanner does: type the characters into the focused input, then Enter."""
    page.keyboard.type(text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_steward_checks_in_30_people_with_a_scanner_at_tablet_width(door, new_page):
    server, people = door
    page = new_page(viewport=TABLET)
    kiosk = f"/workshop/{SLUG}/pintu/"
    log_in(page, server.url, kiosk)
    expect(page.locator("h1")).to_contain_text("Bedah Smart Kampung")
    assert_accessible(page, context="(kiosk, id)")

    for person in people[:30]:
        # The input is empty and has the focus again after every answer: the scanner goes on.
        assert page.evaluate("document.activeElement.id") == "id_ticket"
        assert page.input_value("#id_ticket") == ""
        scanner_types(page, absolute_url(person.get_absolute_url()))
        result = page.locator(".door-result")
        expect(result).to_have_class("door-result door-result--ok")
        expect(result).to_contain_text(person.full_name)
    expect(page.locator(".door__counts")).to_contain_text("30 hadir dari 32 terdaftar")
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "kiosk-ok.png"))

    # The same ticket again: red, in words, with the time of the first scan.
    scanner_types(page, people[0].code.lower())
    result = page.locator(".door-result")
    expect(result).to_have_class("door-result door-result--refused")
    expect(result).to_contain_text("Sudah dicatat hadir di sesi ini pukul 09.00 WIB")
    assert_accessible(page, context="(kiosk with a refusal, id)")
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "kiosk-refused.png"))

    page.get_by_role("link", name="Daftar yang belum hadir").click()
    page.wait_for_load_state("load")
    listed = page.locator("table.door-expected tbody").inner_text()
    assert all(person.full_name not in listed for person in people[:30])
    assert "Peserta Nomor 30" in listed and "Peserta Nomor 31" in listed
    expect(page.locator("main")).to_contain_text("2 peserta terdaftar belum hadir")
    assert_accessible(page, context="(expected list, id)")


def test_the_kiosk_in_english_is_accessible_and_answers(door, new_page):
    server, people = door
    page = new_page(viewport=TABLET, locale="en-GB")
    kiosk = f"/en/workshop/{SLUG}/pintu/"
    log_in(page, server.url, kiosk)
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_contain_text("Dissecting Smart Kampung")
    assert_accessible(page, context="(kiosk, en)")

    scanner_types(page, absolute_url(people[0].get_absolute_url()))
    expect(page.locator(".door-result")).to_contain_text("Present")
    assert_accessible(page, context="(kiosk after a scan, en)")
    scanner_types(page, "not a ticket / at all")
    expect(page.locator(".door-result")).to_contain_text("This is not a workshop ticket")
    assert_accessible(page, context="(kiosk with a refusal, en)")

    page.get_by_role("link", name="Who has not arrived yet").click()
    page.wait_for_load_state("load")
    assert_accessible(page, context="(expected list, en)")


def test_the_kiosk_works_without_javascript(door, new_page):
    server, people = door
    page = new_page(viewport=TABLET, javascript=False)
    log_in(page, server.url, f"/workshop/{SLUG}/pintu/")

    page.fill("#id_ticket", f"{people[5].code[:3]} {people[5].code[3:]}".lower())
    page.get_by_role("button", name="Catat hadir").click()

    expect(page.locator(".door-result")).to_contain_text("Peserta Nomor 05")
    expect(page.locator(".door-result")).to_contain_text("Dicatat hadir")
