import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [
        ("/", "Festival Pelayanan Publik Banyuwangi", "id"),
        ("/en/", "Banyuwangi Public Service Festival", "en"),
    ],
    ids=["id", "en"],
)
def test_home_page_is_accessible_in_both_languages(site, new_page, viewport, path, heading, lang):
    page = new_page(viewport=viewport)
    page.goto(site.url + path)

    assert page.locator("h1").inner_text() == heading
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, context=f"({lang}, {viewport['width']}px)")


def test_home_page_fits_a_320px_screen_without_sideways_scrolling(site, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(site.url + "/")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320


def test_language_switcher_keeps_the_reader_on_the_same_page(site, new_page):
    page = new_page()
    page.goto(site.url + "/")

    page.get_by_role("link", name="EN – English").click()

    assert page.url == site.url + "/en/"
    assert page.locator("h1").inner_text() == "Banyuwangi Public Service Festival"


def test_skip_link_moves_focus_to_the_main_content(site, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(site.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/", "Gladi: situs ini berjalan seolah-olah sekarang"),
        ("/en/", "Rehearsal: this site runs"),
    ],
    ids=["id", "en"],
)
def test_rehearsal_notice_is_a_visible_accessible_note(site, new_page, settings, path, text):
    # The live server runs in this process: the setting reaches its requests.
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"
    page = new_page(viewport=PHONE)
    page.goto(site.url + path)

    note = page.get_by_role("note")
    assert note.is_visible()
    assert text in note.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, context=f"(rehearsal, {path})")
