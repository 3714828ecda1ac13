from pathlib import Path

import pytest

from tests.browser.conftest import PHONE, assert_accessible

LANGUAGES = [
    pytest.param("", "Data terbuka", "Panitia belum memilih lisensi", id="id"),
    pytest.param("/en", "Open data", "have not chosen a licence", id="en"),
]


@pytest.mark.parametrize(("prefix", "heading", "licence"), LANGUAGES)
def test_data_page_is_accessible_and_documents_the_downloads(
    site, new_page, prefix, heading, licence
):
    page = new_page(viewport=PHONE)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{site.url}{prefix}/data/")

    assert page.locator("h1").inner_text() == heading
    assert licence in page.locator(".facts").first.inner_text()
    assert_accessible(page, context="(data page)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []  # the JSON-LD data block raises no CSP error


def test_visitor_downloads_the_filtered_catalogue_from_the_catalogue_page(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}/inovasi/?penghargaan=top-99")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()

    download = download_info.value
    assert download.suggested_filename == "inovasi.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("slug,nama,nama_en,")
    assert len(lines) == 3  # the header, Pujasera and Sirami Gizi
