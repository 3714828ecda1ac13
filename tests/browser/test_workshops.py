"""The journey of a village staff member on a phone: register, see the ticket, cancel;
axe-core on the form (also with errors) and the ticket, in both languages."""

import pytest

from tests.browser.conftest import PHONE, assert_accessible

SLUG = "workshop-pelayanan-publik"


@pytest.fixture
def open_workshop(site, settings):
    """The shipped workshop, registration open: the rehearsal clock in the 2016 edition's
    run-up (only the current edition, not yet over, takes registrations; the shipped
    workshop's registration closes when the festival starts)."""
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"
    return site


LANGUAGES = [
    ("", "id", "Daftar", "Terdaftar: kursi Anda sudah dipesan", "Ya, batalkan", "Dibatalkan"),
    ("/en", "en", "Register", "Confirmed: your seat is reserved", "Yes, cancel", "Cancelled"),
]


@pytest.mark.parametrize(
    ("prefix", "lang", "submit", "confirmed", "yes", "cancelled"), LANGUAGES, ids=["id", "en"]
)
def test_register_see_ticket_and_cancel_on_a_phone(
    open_workshop, new_page, prefix, lang, submit, confirmed, yes, cancelled
):
    page = new_page(viewport=PHONE)
    page.goto(f"{open_workshop.url}{prefix}/workshop/{SLUG}/daftar/")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, context=f"(form, {lang})")

    # Sent empty: the error summary takes focus and the page stays accessible.
    page.get_by_role("button", name=submit, exact=True).click()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page, context=f"(form with errors, {lang})")

    page.locator("#id_full_name").fill("Siti Aminah")
    page.locator("#id_nip").fill("19860926 201505 2 001")
    page.locator("#id_position").fill("Sekretaris Desa")
    page.locator("input[name=office_kind][value=desa]").check()
    page.locator("#id_kecamatan").select_option(label="Pesanggaran")
    # The script shows only Pesanggaran's villages.
    assert (
        page.locator("#id_village optgroup[label='Bangorejo']").get_attribute("hidden") is not None
    )
    sarongan = page.locator("#id_village optgroup[label='Pesanggaran'] option", has_text="Sarongan")
    page.locator("#id_village").select_option(value=sarongan.get_attribute("value"))
    page.locator("#id_phone").fill("0812-3456-7890")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=submit, exact=True).click()

    assert "/workshop/tiket/" in page.url
    assert page.locator(".ws-status").inner_text().strip() == confirmed
    qr = page.locator(".ws-qr img")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]
    assert_accessible(page, context=f"(ticket, {lang})")

    page.locator("a[href*='/batal/']").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=yes).click()

    assert page.locator(".ws-status").inner_text().strip() == cancelled
    assert_accessible(page, context=f"(cancelled ticket, {lang})")


def test_registration_works_without_javascript(open_workshop, new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(f"{open_workshop.url}/workshop/{SLUG}/daftar/")

    page.locator("#id_full_name").fill("Budi Santoso")
    page.locator("#id_position").fill("Kasi Pelayanan")
    page.locator("input[name=office_kind][value=kecamatan]").check()
    page.locator("#id_kecamatan").select_option(label="Bangorejo")
    page.locator("#id_phone").fill("+62 813 1111 2222")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Daftar", exact=True).click()

    assert "/workshop/tiket/" in page.url
    assert "Kecamatan Bangorejo" in page.locator(".ws-ticket").inner_text()
    page.locator("a[href*='/batal/']").click()
    page.get_by_role("button", name="Ya, batalkan").click()
    assert page.locator(".ws-status").inner_text().strip() == "Dibatalkan"
