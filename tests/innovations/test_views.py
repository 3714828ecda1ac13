import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from innovations import domain
from innovations.models import Exhibit, Innovation, Photo
from tests.festival.factories import EditionFactory
from tests.innovations import images
from tests.innovations.factories import (
    AgencyFactory,
    AwardFactory,
    ExhibitFactory,
    InnovationFactory,
    ThemeFactory,
)
from tests.text import page_text

pytestmark = pytest.mark.django_db

LIST = "/inovasi/"


def card_names(response) -> list[str]:
    return re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', response.content.decode())


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


# --- Catalogue ------------------------------------------------------------------------------


def test_catalogue_lists_only_published_innovations_with_their_count(client):
    InnovationFactory(name="Kartu Sehat")
    InnovationFactory(name="Layanan Rahasia", is_published=False)

    response = client.get(LIST)

    assert card_names(response) == ["Kartu Sehat"]
    assert "1 inovasi" in response.content.decode()


def test_catalogue_search_matches_name_acronym_summary_and_agency(client):
    puskesmas = AgencyFactory(name="Puskesmas Kalibaru")
    InnovationFactory(name="Posyandu Digital")
    InnovationFactory(name="Gerakan A", acronym="GEMAS")
    InnovationFactory(name="Gerakan B", summary="Mengurangi stunting di desa.")
    InnovationFactory(name="Gerakan C", agency=puskesmas)
    InnovationFactory(name="Tidak Cocok")

    assert card_names(client.get(LIST, {"q": "posyandu"})) == ["Posyandu Digital"]
    assert card_names(client.get(LIST, {"q": "gemas"})) == ["Gerakan A"]
    assert card_names(client.get(LIST, {"q": "STUNTING"})) == ["Gerakan B"]
    assert card_names(client.get(LIST, {"q": "kalibaru"})) == ["Gerakan C"]


def test_catalogue_filters_by_theme_award_level_and_agency_and_combines_them(client):
    health, education = ThemeFactory(name="Kesehatan", slug="kesehatan"), ThemeFactory()
    top99, top35 = (
        AwardFactory(level="TOP 99", level_slug="top-99"),
        AwardFactory(level="TOP 35", level_slug="top-35"),
    )
    agency = AgencyFactory(slug="puskesmas-tampo")
    InnovationFactory(name="A Sehat 99", theme=health, awards=[top99], agency=agency)
    InnovationFactory(name="B Sehat 35", theme=health, awards=[top35])
    InnovationFactory(name="C Sekolah 99", theme=education, awards=[top99])
    InnovationFactory(name="D Sehat tanpa penghargaan", theme=health)

    assert card_names(client.get(LIST, {"tema": "kesehatan"})) == [
        "A Sehat 99",
        "B Sehat 35",
        "D Sehat tanpa penghargaan",
    ]
    assert card_names(client.get(LIST, {"penghargaan": "top-99"})) == ["A Sehat 99", "C Sekolah 99"]
    assert card_names(client.get(LIST, {"penghargaan": "top-99", "tema": "kesehatan"})) == [
        "A Sehat 99"
    ]
    assert card_names(client.get(LIST, {"instansi": "puskesmas-tampo"})) == ["A Sehat 99"]
    assert card_names(client.get(LIST, {"q": "sehat", "penghargaan": "top-35"})) == ["B Sehat 35"]


def test_catalogue_lists_an_innovation_with_two_awards_of_one_level_once(client):
    InnovationFactory(
        name="Dua kali TOP 99",
        awards=[AwardFactory(year=2016), AwardFactory(year=2017)],
    )

    assert card_names(client.get(LIST, {"penghargaan": "top-99"})) == ["Dua kali TOP 99"]


def test_catalogue_ignores_a_filter_value_that_is_not_a_choice(client):
    InnovationFactory(name="Satu")

    response = client.get(LIST, {"tema": "tidak-ada", "penghargaan": "<script>"})

    assert card_names(response) == ["Satu"]
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    "text",
    ["a" * 5000, "😀 ümlaut", "<b>x</b>", "'; DROP TABLE x; --", "\u202e\x1b[31m"],
    ids=["very-long", "unicode", "html", "sql", "control"],
)
def test_catalogue_search_answers_any_input_with_a_page(client, text):
    InnovationFactory(name="Satu")

    response = client.get(LIST, {"q": text})

    assert response.status_code == 200
    assert "<b>x</b>" not in response.content.decode()
    assert "Katalog inovasi" in response.content.decode()


def test_catalogue_search_with_a_nul_is_refused_in_the_sites_look(client):
    # No database stores a NUL: the site refuses it before the catalogue (a 400, not a 500).
    InnovationFactory(name="Satu")

    response = client.get(LIST, {"q": "\x00"})

    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_catalogue_shows_clear_all_only_when_a_filter_is_used(client):
    InnovationFactory()

    assert "Hapus semua filter" not in client.get(LIST).content.decode()
    page = client.get(LIST, {"q": "contoh"}).content.decode()
    assert f'href="{LIST}">Hapus semua filter' in page


def test_catalogue_empty_state_offers_to_drop_each_filter(client):
    theme = ThemeFactory(name="Kesehatan", slug="kesehatan")
    InnovationFactory(theme=theme, name="Sehat")

    page = client.get(LIST, {"q": "tidakada", "tema": "kesehatan"}).content.decode()

    assert "0 inovasi" in page
    assert "Tidak ada inovasi yang cocok" in page
    assert 'href="?tema=kesehatan">Tanpa filter “tidakada”' in page
    assert 'href="?q=tidakada">Tanpa filter Kesehatan' in page
    assert "Lihat semua inovasi" in page


def test_catalogue_pagination_keeps_the_filters(client):
    theme = ThemeFactory(slug="kesehatan")
    InnovationFactory.create_batch(30, theme=theme)
    InnovationFactory.create_batch(3)

    first = client.get(LIST, {"tema": "kesehatan"}).content.decode()
    third = client.get(LIST, {"tema": "kesehatan", "page": "3"})

    assert "30 inovasi" in first
    assert 'href="?page=2&amp;tema=kesehatan" rel="next"' in first
    assert len(card_names(third)) == 6
    assert "halaman 3 dari 3" in third.content.decode()


def test_catalogue_page_out_of_range_shows_the_last_page(client):
    InnovationFactory.create_batch(13)

    response = client.get(LIST, {"page": "99"})

    assert len(card_names(response)) == 1
    assert "halaman 2 dari 2" in response.content.decode()


def test_catalogue_badges_tell_top_35_and_top_99_apart_by_text(client):
    InnovationFactory(
        name="A", awards=[AwardFactory(level="TOP 99", level_slug="top-99", year=2016)]
    )
    InnovationFactory(
        name="B", awards=[AwardFactory(level="TOP 35", level_slug="top-35", year=None)]
    )

    page = client.get(LIST).content.decode()

    assert '<li class="badge badge--top-99">TOP 99 · 2016</li>' in page
    assert '<li class="badge badge--top-35">TOP 35</li>' in page


def test_catalogue_card_without_photo_shows_the_theme_icon(client):
    InnovationFactory(theme=ThemeFactory(icon="kesehatan"))

    page = client.get(LIST).content.decode()

    assert 'src="/static/img/themes/kesehatan.svg" width="64" height="64" alt=""' in page


def test_catalogue_in_english_shows_the_english_twins(client):
    InnovationFactory(name="Jamban Sehat", name_en="Healthy Latrines", summary_en="In English.")

    page = client.get("/en/inovasi/").content.decode()

    assert "Healthy Latrines" in page and "In English." in page
    assert "Innovation catalogue" in page


def _many(count: int, editions=None):
    """`count` innovations with one award; with `editions`, every one shown at both."""
    agency, theme = AgencyFactory(), ThemeFactory()
    award = AwardFactory()
    innovations = Innovation.objects.bulk_create(
        Innovation(
            name=f"Inovasi {n:05d}",
            slug=f"inovasi-{n}",
            summary="Ringkasan.",
            agency=agency,
            theme=theme,
        )
        for n in range(count)
    )
    Innovation.awards.through.objects.bulk_create(
        Innovation.awards.through(innovation=i, award=award) for i in innovations
    )
    for edition in (editions.past, editions.current) if editions else ():
        Exhibit.objects.bulk_create(
            Exhibit(edition=edition, innovation=i, booth=f"A-{n}", order=n)
            for n, i in enumerate(innovations)
        )
    photo_target = innovations[0]
    domain.save_photo(
        photo=Photo(innovation=photo_target, alt="Foto"), image=domain.check_photo(images.jpeg())
    )
    return innovations


@pytest.mark.parametrize("count", [10, 2000])
def test_catalogue_uses_the_same_number_of_queries_for_10_or_2000_innovations(
    client, django_assert_num_queries, count
):
    _many(count)

    # Nothing kept yet: the edition and its years (the frame), 4 filter choices, the
    # catalogue's index (innovations, awards, exhibits), the cards (innovations, awards, photos)
    with django_assert_num_queries(12):
        response = client.get(LIST, {"penghargaan": "top-99", "q": "inovasi"})

    assert f"{count:,} inovasi".replace(",", ".") in response.content.decode()


@pytest.mark.parametrize("count", [10, 2000])
def test_catalogue_of_an_edition_uses_the_same_number_of_queries_for_10_or_2000(
    client, django_assert_num_queries, editions, count
):
    _many(count, editions)

    # Nothing kept yet: the edition and its years (the frame), 4 filter choices, the
    # catalogue's index (innovations, awards, exhibits with booths), the cards (innovations,
    # awards, photos)
    with django_assert_num_queries(12):
        response = client.get(LIST, {"edisi": "2016", "q": "inovasi"})

    page = response.content.decode()
    assert f"{count:,} inovasi".replace(",", ".") in page
    assert "Stan A-0" in page


@pytest.mark.parametrize("count", [10, 2000])
def test_detail_uses_the_same_number_of_queries_for_10_or_2000_innovations(
    client, django_assert_num_queries, editions, count
):
    innovations = _many(count, editions)

    # innovation, awards, photos, exhibits with their editions, replication documents,
    # related + their awards and photos, edition, edition years (footer)
    with django_assert_num_queries(10):
        response = client.get(innovations[0].get_absolute_url())

    page = page_text(response)
    assert "Inovasi 00000" in page
    assert "Dipamerkan di Festival 2027 Stan A-0 Dipamerkan di Festival 2016 Stan A-0" in page


# --- Detail ---------------------------------------------------------------------------------


def test_detail_shows_everything_about_the_innovation(client):
    agency = AgencyFactory(name="Puskesmas Sempu")
    innovation = InnovationFactory(
        name="SAKINA",
        acronym="SAKINA",
        acronym_expansion="Stop Angka Kematian Ibu dan Anak",
        summary="Menekan kematian ibu dan bayi.",
        description="Paragraf satu.\n\nParagraf dua.",
        agency=agency,
        theme=ThemeFactory(name="Kesehatan"),
        started_year=2014,
        status_year=2018,
        awards=[
            AwardFactory(
                level="TOP 35",
                level_slug="top-35",
                year=None,
                source="menpan.go.id",
                source_url="https://menpan.go.id/x",
            )
        ],
    )

    page = client.get(innovation.get_absolute_url()).content.decode()

    assert "<h1>SAKINA</h1>" in page
    assert "<abbr>SAKINA</abbr>: Stop Angka Kematian Ibu dan Anak" in page
    assert "Puskesmas Sempu" in page and "Kesehatan" in page
    assert "sejak 2014" in page and "Berjalan (per 2018)" in page
    assert "<p>Paragraf satu.</p>" in page
    assert 'Sumber: <a href="https://menpan.go.id/x"' in page
    assert "Kompetisi Inovasi Pelayanan Publik (Sinovik) KemenPAN-RB" in page


def test_detail_shows_the_award_year_only_when_known(client):
    innovation = InnovationFactory(
        awards=[
            AwardFactory(level="TOP 99", level_slug="top-99", year=2016),
            AwardFactory(level="TOP 35", level_slug="top-35", year=None),
        ]
    )

    page = client.get(innovation.get_absolute_url()).content.decode()

    assert "TOP 99 · 2016</strong>" in page
    assert "TOP 35</strong>" in page


def test_detail_photos_are_responsive_lazy_and_sized(client):
    innovation = InnovationFactory()
    for order, alt in enumerate(["Foto pertama", "Foto kedua"]):
        domain.save_photo(
            photo=Photo(innovation=innovation, alt=alt, caption=f"Keterangan {order}", order=order),
            image=domain.check_photo(images.jpeg(size=(2000, 1500))),
        )

    page = client.get(innovation.get_absolute_url()).content.decode()

    imgs = re.findall(r"<img [^>]*srcset[^>]*>", page)
    assert len(imgs) == 2
    assert all(' width="1600" height="1200"' in tag and " 960w" in tag for tag in imgs)
    assert 'alt="Foto pertama"' in imgs[0] and "loading" not in imgs[0]
    assert 'alt="Foto kedua"' in imgs[1] and 'loading="lazy"' in imgs[1]
    assert "<figcaption>Keterangan 1</figcaption>" in page


def test_detail_without_photo_shows_the_theme_icon(client):
    innovation = InnovationFactory(theme=ThemeFactory(icon="pendidikan"))

    page = client.get(innovation.get_absolute_url()).content.decode()

    assert 'src="/static/img/themes/pendidikan.svg" width="96" height="96"' in page


def test_detail_share_links_point_to_the_page(client):
    innovation = InnovationFactory(name="Sirami Gizi", slug="sirami-gizi")

    page = client.get(innovation.get_absolute_url()).content.decode()

    # The short, stable link (/i/<id>/, issue 16 point 5) that leads to this page.
    short = f"http://testserver/i/{innovation.pk}/"
    assert (
        f'href="https://wa.me/?text=Sirami%20Gizi%3A%20http%3A//testserver/i/{innovation.pk}/"'
        in page
    )
    assert f'<a href="{short}">{short}</a>' in page
    assert client.get(short)["Location"] == "/inovasi/sirami-gizi/"


def test_detail_lists_related_innovations_of_the_same_theme_or_agency(client):
    theme, agency = ThemeFactory(), AgencyFactory()
    innovation = InnovationFactory(theme=theme)
    InnovationFactory(name="Sama tema", theme=theme)
    InnovationFactory(name="Sama instansi", agency=agency)
    innovation.agency = agency
    innovation.save()
    InnovationFactory(name="Lain sama sekali")
    InnovationFactory(name="Sama tema tapi belum tayang", theme=theme, is_published=False)

    response = client.get(innovation.get_absolute_url())

    assert sorted(card_names(response)) == ["Sama instansi", "Sama tema"]


def test_detail_of_an_unpublished_innovation_is_not_found(client):
    innovation = InnovationFactory(is_published=False)

    response = client.get(innovation.get_absolute_url())

    assert response.status_code == 404
    assert innovation.name not in response.content.decode()


def test_detail_structured_data_is_a_government_service_escaped_safely(client):
    innovation = InnovationFactory(
        name="Layanan </script><script>alert(1)</script>",
        acronym="LYN",
        agency=AgencyFactory(name="Dinas & Badan"),
        awards=[AwardFactory(level="TOP 99", year=2016)],
    )

    response = client.get(innovation.get_absolute_url())
    page = response.content.decode()

    assert "<script>alert(1)" not in page
    data = json_ld(response)
    service, breadcrumbs = data["@graph"]
    assert service["@type"] == "GovernmentService"
    assert service["name"] == "Layanan </script><script>alert(1)</script>"
    assert service["provider"]["name"] == "Dinas & Badan"
    assert service["alternateName"] == "LYN"
    assert service["award"] == [
        "TOP 99 Kompetisi Inovasi Pelayanan Publik (Sinovik) KemenPAN-RB 2016"
    ]
    assert [item["name"] for item in breadcrumbs["itemListElement"]][:2] == ["Beranda", "Inovasi"]


def test_detail_in_english_uses_english_text_and_labels(client):
    innovation = InnovationFactory(
        name="Jamban", name_en="Latrines", description_en="English description."
    )

    with translation.override("en"):
        url = innovation.get_absolute_url()
    page = client.get(url).content.decode()

    assert url.startswith("/en/inovasi/")
    assert "<h1>Latrines</h1>" in page and "English description." in page
    assert "Share on WhatsApp" in page


# --- Photo files in production, home highlights, sitemap ----------------------------------


def test_photo_file_is_served_with_long_cache_headers_when_debug_is_off(client, settings):
    settings.DEBUG = False
    innovation = InnovationFactory()
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Foto"), image=domain.check_photo(images.jpeg())
    )

    response = client.get(photo.image_small.url)

    assert response["Content-Type"] == "image/webp"
    assert "max-age=31536000" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_photo_file_view_serves_nothing_but_innovation_photos(client):
    assert client.get("/media/innovations/../../settings.py").status_code == 404
    assert client.get("/media/private/a.jpg").status_code == 404


def test_home_page_highlights_featured_innovations(client):
    InnovationFactory(name="Unggulan Satu", is_featured=True)
    InnovationFactory(name="Biasa")

    page = client.get(reverse("festival:home")).content.decode()

    assert "Inovasi unggulan" in page
    assert "Unggulan Satu" in page and "Biasa" not in page


def test_sitemap_lists_published_innovations_in_both_languages(client):
    InnovationFactory(slug="tayang")
    InnovationFactory(slug="belum", is_published=False)

    page = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/inovasi/tayang/" in page
    assert "http://testserver/en/inovasi/tayang/" in page
    assert "/inovasi/belum/" not in page


def test_detail_without_a_status_year_shows_the_status_alone(client):
    innovation = InnovationFactory(status="berhenti", status_year=None)

    page = page_text(client.get(innovation.get_absolute_url()))

    assert "Berhenti" in page
    assert "(per " not in page


def test_detail_in_english_gives_the_year_of_the_status(client):
    innovation = InnovationFactory(status="berjalan", status_year=2016)

    page = page_text(client.get("/en" + innovation.get_absolute_url()))

    assert "Running (as of 2016)" in page


# --- Editions: the catalogue's edition filter, the editions on a page, /<year>/ ------------


def test_catalogue_filters_by_edition_among_the_published_editions(client, editions):
    both, only_2016 = InnovationFactory(name="A Keduanya"), InnovationFactory(name="B Hanya 2016")
    hidden = InnovationFactory(name="C Belum tayang", is_published=False)
    InnovationFactory(name="D Tidak dipamerkan")
    for innovation in (both, only_2016, hidden):
        ExhibitFactory(edition=editions.past, innovation=innovation)
    ExhibitFactory(edition=editions.current, innovation=both)
    EditionFactory(
        slug="draf-2028",
        year=2028,
        start_date=datetime.date(2028, 10, 1),
        end_date=datetime.date(2028, 10, 3),
        is_published=False,
    )

    of_2016 = client.get(LIST, {"edisi": "2016"})
    of_2027 = client.get(LIST, {"edisi": "2027"})
    every = client.get(LIST)

    assert card_names(of_2016) == ["A Keduanya", "B Hanya 2016"]
    assert "2 inovasi untuk Festival 2016" in page_text(of_2016)
    assert card_names(of_2027) == ["A Keduanya"]
    assert len(card_names(every)) == 3
    options = re.search(r'<select name="edisi".*?</select>', every.content.decode(), re.S)
    assert re.findall(r"<option[^>]*>([^<]+)</option>", options.group(0)) == [
        "Semua edisi",
        "2027",
        "2016",
    ]


def test_catalogue_of_an_edition_shows_the_booths_of_that_edition_only(client, editions):
    innovation = InnovationFactory(name="Pujasera")
    ExhibitFactory(edition=editions.past, innovation=innovation, booth="B-7", booth_en="B-7 (east)")
    ExhibitFactory(edition=editions.current, innovation=innovation, booth="")

    assert "Stan B-7" in page_text(client.get(LIST, {"edisi": "2016"}))
    assert "Booth B-7 (east)" in page_text(client.get("/en/inovasi/", {"edisi": "2016"}))
    assert "Stan" not in page_text(client.get(LIST, {"edisi": "2027"}))
    assert "Stan" not in page_text(client.get(LIST))


@pytest.mark.parametrize("year", ["2015", "2028"], ids=["unknown", "draft"])
def test_catalogue_with_a_year_without_published_edition_says_so_in_the_filter(
    client, editions, year
):
    EditionFactory(
        slug="draf-2028",
        year=2028,
        start_date=datetime.date(2028, 10, 1),
        end_date=datetime.date(2028, 10, 3),
        is_published=False,
    )
    InnovationFactory(name="Satu")

    response = client.get(LIST, {"edisi": year})

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f'<p class="field__error" id="id_edisi_error"><span class="visually-hidden">Kesalahan: '
        f"</span>Tidak ada festival edisi {year}. Pilih salah satu tahun dari daftar.</p>"
    ) in page
    assert 'aria-invalid="true"' in page
    assert card_names(response) == ["Satu"]


def test_catalogue_says_so_in_english_too(client, editions):
    response = client.get("/en/inovasi/", {"edisi": "2015"})

    assert "There is no 2015 festival edition. Choose a year from the list." in page_text(response)


@pytest.mark.parametrize(
    "value",
    ["abc", "9" * 5000, "<b>x</b>", "2016' OR 1=1 --", "-1", "２０１６", "2016.0"],
    ids=["letters", "very-long", "html", "sql", "negative", "fullwidth", "decimal"],
)
def test_catalogue_edition_filter_answers_any_input_with_a_page(client, editions, value):
    InnovationFactory(name="Satu")

    response = client.get(LIST, {"edisi": value})

    assert response.status_code == 200
    page = response.content.decode()
    assert "<b>x</b>" not in page
    assert "Tidak ada festival edisi" in page
    assert card_names(response) == ["Satu"]


def test_catalogue_empty_state_offers_to_drop_the_edition_filter(client, editions):
    InnovationFactory(name="Tidak dipamerkan")

    page = client.get(LIST, {"edisi": "2027"}).content.decode()

    assert "Tidak ada inovasi yang cocok" in page
    assert 'href="?">Tanpa filter Festival 2027</a>' in page


def test_detail_lists_the_editions_that_showed_it_with_booth_and_link(client, editions):
    innovation = InnovationFactory()
    ExhibitFactory(edition=editions.past, innovation=innovation, booth="B-7")
    ExhibitFactory(edition=editions.current, innovation=innovation)
    draft = EditionFactory(
        slug="draf-2028",
        year=2028,
        start_date=datetime.date(2028, 10, 1),
        end_date=datetime.date(2028, 10, 3),
        is_published=False,
    )
    ExhibitFactory(edition=draft, innovation=innovation, booth="Z-9")

    response = client.get(innovation.get_absolute_url())

    page = response.content.decode()
    assert 'Dipamerkan di <a href="/2016/">Festival 2016</a>' in page
    assert 'Dipamerkan di <a href="/2027/">Festival 2027</a>' in page
    assert "Di festival Dipamerkan di Festival 2027 Dipamerkan di Festival 2016 Stan B-7" in (
        page_text(response)
    )
    assert "2028" not in page_text(response) and "Z-9" not in page


def test_detail_in_english_links_to_the_english_edition_home(client, editions):
    innovation = InnovationFactory()
    ExhibitFactory(edition=editions.past, innovation=innovation, booth="B-7")

    page = client.get("/en" + innovation.get_absolute_url()).content.decode()

    assert 'Shown at the <a href="/en/2016/">2016 festival</a>' in page
    assert "Booth B-7" in page


def test_detail_of_an_innovation_no_edition_showed_says_nothing_of_festivals(client, editions):
    innovation = InnovationFactory()

    page = page_text(client.get(innovation.get_absolute_url()))

    assert "Di festival" not in page and "Dipamerkan di" not in page


def test_edition_home_lists_its_exhibits_with_agency_and_booth(client, editions):
    sempu = AgencyFactory(name="Puskesmas Sempu")
    ExhibitFactory(
        edition=editions.past,
        innovation=InnovationFactory(name="SAKINA", agency=sempu),
        booth="B-7",
        order=2,
    )
    ExhibitFactory(
        edition=editions.past, innovation=InnovationFactory(name="Smart Kampung"), order=1
    )
    ExhibitFactory(
        edition=editions.past, innovation=InnovationFactory(name="Rahasia", is_published=False)
    )
    ExhibitFactory(edition=editions.current, innovation=InnovationFactory(name="Baru 2027"))

    response = client.get("/2016/")

    page = response.content.decode()
    text = page_text(response)
    assert '<a class="card__link" href="/inovasi/?edisi=2016">Inovasi yang dipamerkan</a>' in page
    assert "Inovasi yang dipamerkan 2 inovasi pelayanan publik." in text
    section = text[text.index("Inovasi yang dipamerkan Smart Kampung") :]
    assert (
        section.startswith("Inovasi yang dipamerkan Smart Kampung Dinas Contoh")
        and "SAKINA Puskesmas Sempu Stan B-7" in section
    )
    assert "Rahasia" not in text and "Baru 2027" not in text


def test_edition_home_without_exhibits_has_no_exhibits_card_or_section(client, editions):
    ExhibitFactory(edition=editions.past)

    text = page_text(client.get("/2027/"))

    assert "Inovasi yang dipamerkan" not in text


@pytest.mark.parametrize("count", [10, 300])
def test_edition_home_uses_the_same_number_of_queries_for_10_or_300_exhibits(
    client, editions, django_assert_num_queries, count
):
    _many(count, editions)

    # the edition, the current edition, programme, workshops, exhibits, whether it has a booth
    # plan, survey index, edition years (footer), the desk's offering and its results
    # (services), the queue's numbers per service (no tickets: one query, the offerings are
    # not read)
    with django_assert_num_queries(11):
        response = client.get("/2016/")

    assert f"{count} inovasi pelayanan publik." in page_text(response)


def test_home_page_highlights_the_featured_innovations_the_current_edition_shows(client, editions):
    shown = InnovationFactory(name="Unggulan 2027", is_featured=True)
    InnovationFactory(name="Unggulan lama", is_featured=True)
    InnovationFactory(name="Biasa 2027")
    ExhibitFactory(edition=editions.current, innovation=shown)
    ExhibitFactory(edition=editions.current, innovation=InnovationFactory(name="Biasa 2027b"))
    ExhibitFactory(
        edition=editions.past, innovation=InnovationFactory(name="Unggulan 2016", is_featured=True)
    )

    text = page_text(client.get("/"))

    assert "Inovasi unggulan Unggulan 2027" in text
    assert "Unggulan lama" not in text and "Unggulan 2016" not in text and "Biasa" not in text


def test_home_page_without_exhibits_in_the_current_edition_highlights_every_featured_one(
    client, editions
):
    InnovationFactory(name="Unggulan A", is_featured=True)
    InnovationFactory(name="Biasa")
    ExhibitFactory(
        edition=editions.past, innovation=InnovationFactory(name="Unggulan B", is_featured=True)
    )

    text = page_text(client.get("/"))

    assert "Inovasi unggulan Unggulan A" in text and "Unggulan B" in text
    assert "Biasa" not in text


# --- Kept cards and choices (pages the page cache cannot keep) ------------------------------


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize(
    "query",
    [{}, {"q": "inovasi"}, {"q": "ringkasan inovasi"}, {"penghargaan": "top-99", "page": "3"}],
    ids=["plain", "searched", "two-words", "filtered-page-3"],
)
def test_catalogue_with_kept_cards_uses_the_same_few_queries_for_10_or_200(
    client, django_assert_num_queries, count, query
):
    _many(count)
    first = client.get(LIST, query)

    # None: the frame, the filter choices and selects, the catalogue's index and the cards
    # are kept (festival/sitewide/frame.py, innovations/catalogue_index.py, cards.py)
    with django_assert_num_queries(0):
        again = client.get(LIST, query)

    assert again.content == first.content
    assert card_names(again)


def test_catalogue_shows_an_edit_of_a_kept_card_at_once(client, editions):
    agency, theme = AgencyFactory(name="Dinas Lama"), ThemeFactory(name="Tema Lama")
    innovation = InnovationFactory(name="Kartu Lama", agency=agency, theme=theme)
    ExhibitFactory(edition=editions.current, innovation=innovation, booth="A-1")
    year = str(editions.current.year)
    client.get(LIST)
    client.get(LIST, {"edisi": year})

    innovation.name = "Kartu Baru"
    innovation.save()
    assert card_names(client.get(LIST)) == ["Kartu Baru"]

    agency.name = "Dinas Baru"
    agency.save()
    theme.name = "Tema Baru"
    theme.save()
    page = page_text(client.get(LIST))
    assert "Dinas Baru" in page and "Tema Baru" in page

    innovation.awards.add(AwardFactory(level="TOP 35", level_slug="top-35"))
    assert "TOP 35" in page_text(client.get(LIST))

    Exhibit.objects.get(innovation=innovation).delete()
    ExhibitFactory(edition=editions.current, innovation=innovation, booth="B-7")
    assert "Stan B-7" in page_text(client.get(LIST, {"edisi": year}))


def test_catalogue_kept_cards_are_per_language(client):
    InnovationFactory(name="Jamban Sehat", name_en="Healthy Latrines")
    client.get(LIST)

    assert card_names(client.get("/en/inovasi/")) == ["Healthy Latrines"]
    assert card_names(client.get(LIST)) == ["Jamban Sehat"]
