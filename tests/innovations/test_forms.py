import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from innovations import domain
from innovations.forms import CatalogueFilterForm, PhotoForm
from innovations.models import Photo
from tests.innovations import images
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db

ENGLISH_NOT_AN_IMAGE = "This file is not an image we can read. Upload a JPEG, PNG or WebP photo."


def photo_form(upload, **data):
    fields = {"alt": "Kader Pujasera di depan jamban sehat", "order": 0} | data
    return PhotoForm(data=fields, files={"upload": upload} if upload else {})


def test_photo_form_accepts_a_real_image_and_stores_clean_renditions():
    innovation = InnovationFactory()
    form = photo_form(images.jpeg(size=(1200, 900), gps=True))
    form.instance.innovation = innovation

    assert form.is_valid(), form.errors
    photo = form.save()

    assert Photo.objects.get().alt == "Kader Pujasera di depan jamban sehat"
    assert (photo.width, photo.height) == (1200, 900)
    assert photo.image_large.name.endswith("-1600.webp")


def test_photo_form_refuses_a_file_that_is_not_an_image():
    form = photo_form(images.not_an_image())

    assert not form.is_valid()
    assert form.errors["upload"] == [
        "Berkas ini bukan gambar yang dapat dibaca. Unggah foto JPEG, PNG, atau WebP."
    ]


def test_photo_form_refuses_a_file_over_the_byte_limit():
    form = photo_form(images.too_many_bytes(domain.PHOTO_MAX_BYTES))

    assert not form.is_valid()
    assert "Berkas terlalu besar" in form.errors["upload"][0]
    assert "Batasnya 10,0\xa0MB." in form.errors["upload"][0]


def test_photo_form_refuses_a_decompression_bomb_with_a_message():
    form = photo_form(images.png_bomb())

    assert not form.is_valid()
    assert form.errors["upload"] == ["Gambar terlalu besar untuk diproses."]


def test_photo_form_refuses_too_many_pixels_below_pillows_own_limit():
    form = photo_form(images.png_bomb(width=10_000, height=7_000))  # 70 MP > 60 MP

    assert not form.is_valid()
    assert "Gambar terlalu besar (10000 × 7000 piksel)" in form.errors["upload"][0]


def test_photo_form_requires_alt_text_and_a_file_for_a_new_photo():
    form = PhotoForm(data={"alt": "", "order": 0}, files={})

    assert not form.is_valid()
    assert set(form.errors) == {"alt", "upload"}


def test_photo_form_changes_text_of_a_stored_photo_without_a_new_file():
    innovation = InnovationFactory()
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Lama"), image=domain.check_photo(images.jpeg())
    )
    large = photo.image_large.name

    form = PhotoForm(data={"alt": "Baru", "order": 1}, files={}, instance=photo)
    assert form.is_valid(), form.errors
    form.save()

    photo.refresh_from_db()
    assert (photo.alt, photo.image_large.name) == ("Baru", large)


def test_photo_form_message_is_in_english_on_english_pages():
    with translation.override("en"):
        form = photo_form(images.not_an_image())
        assert not form.is_valid()
        assert form.errors["upload"] == [ENGLISH_NOT_AN_IMAGE]


def test_filter_form_strips_control_characters_and_cuts_long_search():
    form = CatalogueFilterForm({"q": "  jamban\x00\x1b sehat  " + "x" * 500})

    q = form.filters()["q"]

    assert q.startswith("jamban sehat x")
    assert len(q) == 100


def test_filter_form_ignores_an_unknown_theme_but_keeps_the_search():
    form = CatalogueFilterForm({"q": "akta", "tema": "tidak-ada"})

    assert form.filters() == {
        "q": "akta",
        "theme": "",
        "award_level": "",
        "agency": "",
        "edition": None,
    }


def test_filter_form_gives_the_published_edition_of_the_year(editions):
    form = CatalogueFilterForm({"edisi": "2016"})

    assert form.filters()["edition"] == editions.past
    assert form.active() == [("edisi", "Festival 2016")]


def test_filter_form_refuses_a_year_without_published_edition_and_cuts_it_short(editions):
    form = CatalogueFilterForm({"edisi": "2016" * 100})

    assert form.filters()["edition"] is None
    assert form.errors["edisi"] == [
        f"Tidak ada festival edisi {'2016' * 3}. Pilih salah satu tahun dari daftar."
    ]
    assert form.errors["edisi"].as_data()[0].code == "invalid_choice"


def test_empty_upload_file_is_refused():
    form = photo_form(SimpleUploadedFile("kosong.jpg", b"", content_type="image/jpeg"))

    assert not form.is_valid()
    assert "upload" in form.errors
