import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from innovations import domain
from innovations.models import Innovation, Photo
from tests.innovations import images
from tests.innovations.factories import (
    AgencyFactory,
    AwardFactory,
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


def _many(count: int):
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

    # edition, edition years (footer), 3 filter choices, count, page, awards, photos
    with django_assert_num_queries(9):
        response = client.get(LIST, {"penghargaan": "top-99", "q": "inovasi"})

    assert f"{count:,} inovasi".replace(",", ".") in response.content.decode()


@pytest.mark.parametrize("count", [10, 2000])
def test_detail_uses_the_same_number_of_queries_for_10_or_2000_innovations(
    client, django_assert_num_queries, count
):
    innovations = _many(count)

    # innovation, awards, photos, related + their awards and photos, edition, edition years
    with django_assert_num_queries(8):
        response = client.get(innovations[0].get_absolute_url())

    assert "Inovasi 00000" in response.content.decode()


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
        booth="B-7",
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
    assert "Stan B-7" in page and "sejak 2014" in page and "Berjalan (per 2018)" in page
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

    assert (
        'href="https://wa.me/?text=Sirami%20Gizi%3A%20http%3A//testserver/inovasi/sirami-gizi/"'
        in page
    )
    assert (
        '<a href="http://testserver/inovasi/sirami-gizi/">http://testserver/inovasi/sirami-gizi/</a>'
        in page
    )


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
