import pytest

from tests.browser.conftest import PHONE, assert_accessible

LANGUAGES = [
    pytest.param("", "Penghargaan", "Tampilkan", "2 inovasi", id="id"),
    pytest.param("/en", "Award", "Show", "2 innovations", id="en"),
]


@pytest.mark.parametrize(("prefix", "award_label", "submit", "count"), LANGUAGES)
def test_filter_the_catalogue_and_open_an_entry_at_phone_width(
    site, new_page, prefix, award_label, submit, count
):
    page = new_page(viewport=PHONE)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{site.url}{prefix}/inovasi/")
    assert_accessible(page, context="(catalogue)")

    page.get_by_role("combobox", name=award_label).select_option("top-99")
    page.get_by_role("button", name=submit).click()

    assert page.url.endswith("/inovasi/?q=&tema=&penghargaan=top-99&instansi=&edisi=")
    assert count in page.locator("[role=status]").inner_text()
    assert page.locator(".card__link").all_inner_texts() == ["Pujasera", "Sirami Gizi"]
    assert_accessible(page, context="(filtered catalogue)")

    page.get_by_role("link", name="Pujasera").click()

    assert page.locator("h1").inner_text() == "Pujasera"
    assert "TOP 99 · 2016" in page.locator(".badges").first.inner_text()
    assert_accessible(page, context="(detail)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []  # the JSON-LD data block raises no CSP error


def test_catalogue_search_works_without_javascript(site, new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(f"{site.url}/inovasi/")

    page.get_by_label("Cari", exact=True).fill("puskesmas")
    page.get_by_role("button", name="Tampilkan").click()

    # The three puskesmas' innovations, and Lahir Procot, whose description names puskesmas.
    assert sorted(page.locator(".card__link").all_inner_texts()) == [
        "Lahir Procot Pulang Bawa Akta",
        "Pujasera",
        "SAKINA",
        "Sirami Gizi",
    ]
    page.get_by_role("link", name="Hapus semua filter").click()
    assert len(page.locator(".card__link").all_inner_texts()) == 9


def test_empty_catalogue_search_is_accessible_and_helps(site, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{site.url}/inovasi/?q=tidakada&tema=kesehatan")

    assert "Tidak ada inovasi yang cocok" in page.locator("h2").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, context="(empty state)")
