import re

import pytest
from django.contrib.auth.models import Group

from festival.sitewide.groups import ORGANISERS
from innovations import domain
from innovations.models import Innovation, Photo
from tests.innovations import images
from tests.innovations.factories import AgencyFactory, AwardFactory, InnovationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def innovation_form(**overrides):
    agency, theme = AgencyFactory(), ThemeFactory()
    award = AwardFactory(level="TOP 99", level_slug="top-99", year=2016)
    data = {
        "name": "Kampung KB Digital",
        "name_en": "",
        "slug": "kampung-kb-digital",
        "agency": agency.pk,
        "theme": theme.pk,
        "status": "berjalan",
        "started_year": "2016",
        "acronym": "",
        "acronym_expansion": "",
        "acronym_expansion_en": "",
        "summary": "Layanan keluarga berencana di balai desa.",
        "summary_en": "",
        "description": "",
        "description_en": "",
        "booth": "A-3",
        "booth_en": "",
        "awards": [award.pk],
        "is_published": "on",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-alt": "Petugas melayani warga di balai desa",
        "photos-0-alt_en": "",
        "photos-0-caption": "Pelayanan di balai desa",
        "photos-0-caption_en": "",
        "photos-0-order": "0",
        "photos-0-upload": images.jpeg(size=(1000, 750), gps=True),
    }
    data.update(overrides)
    return data


def test_organiser_adds_an_innovation_with_a_photo_and_sees_it_on_the_site(client, organiser):
    response = client.post("/admin/innovations/innovation/add/", innovation_form())

    assert response.status_code == 302, response.content.decode()[:3000]
    innovation = Innovation.objects.get(slug="kampung-kb-digital")
    photo = innovation.photos.get()
    assert (photo.width, photo.height) == (1000, 750)
    page = client.get("/inovasi/kampung-kb-digital/").content.decode()
    assert "<h1>Kampung KB Digital</h1>" in page
    assert f'src="{photo.image_small.url}"' in page
    assert 'alt="Petugas melayani warga di balai desa"' in page
    assert "TOP 99 · 2016" in page
    assert "Stan A-3" in page


def test_admin_refuses_a_decompression_bomb_with_a_message_and_saves_nothing(client, organiser):
    response = client.post(
        "/admin/innovations/innovation/add/",
        innovation_form(**{"photos-0-upload": images.png_bomb()}),
    )

    assert response.status_code == 200
    assert "Gambar terlalu besar untuk diproses." in response.content.decode()
    assert not Innovation.objects.exists() and not Photo.objects.exists()


def test_admin_refuses_a_photo_without_alt_text(client, organiser):
    response = client.post(
        "/admin/innovations/innovation/add/", innovation_form(**{"photos-0-alt": ""})
    )

    assert response.status_code == 200
    assert not Innovation.objects.exists()


def test_admin_deleting_a_photo_removes_it(client, organiser, django_capture_on_commit_callbacks):
    innovation = InnovationFactory()
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Foto"), image=domain.check_photo(images.jpeg())
    )
    data = innovation_form(
        name=innovation.name,
        slug=innovation.slug,
        **{
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": str(photo.pk),
            "photos-0-innovation": str(innovation.pk),
            "photos-0-alt": "Foto",
            "photos-0-DELETE": "on",
            "photos-0-upload": "",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/innovations/innovation/{innovation.pk}/change/", data)

    assert response.status_code == 302
    assert not Photo.objects.exists()


def test_admin_list_shows_agency_theme_awards_and_flags_with_filters(client, organiser):
    InnovationFactory(
        name="Pujasera",
        agency=AgencyFactory(name="Puskesmas Tampo"),
        theme=ThemeFactory(name="Kesehatan"),
        awards=[AwardFactory(level="TOP 99", year=2016)],
        is_featured=True,
    )
    InnovationFactory(awards=[AwardFactory(level="TOP 35", year=None)])

    page = client.get("/admin/innovations/innovation/").content.decode()

    assert "Pujasera" in page and "Puskesmas Tampo" in page and "Kesehatan" in page
    assert "TOP 99 2016" in page
    assert 'name="form-0-is_featured"' in page and 'name="form-0-is_published"' in page
    assert "Berdasarkan tema" in page and "Berdasarkan penghargaan" in page


def test_admin_search_finds_by_acronym_and_agency(client, organiser):
    InnovationFactory(name="SAKINA", acronym="SAKINA", agency=AgencyFactory(name="Puskesmas Sempu"))
    InnovationFactory(name="Lainnya")

    by_agency = client.get("/admin/innovations/innovation/", {"q": "sempu"}).content.decode()

    assert "SAKINA" in by_agency and "Lainnya" not in by_agency


def test_admin_change_page_shows_photo_preview_and_view_on_site(client, organiser):
    innovation = InnovationFactory(slug="contoh")
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Pratinjau"), image=domain.check_photo(images.jpeg())
    )

    page = client.get(f"/admin/innovations/innovation/{innovation.pk}/change/").content.decode()

    assert re.search(
        rf'<img src="{re.escape(photo.image_small.url)}" width="160" height="\d+" alt="Pratinjau">',
        page,
    )
    assert "/r/" in page  # "view on site" goes through the admin's shortcut redirect
    assert 'id="id_slug"' in page and "prepopulated" in page.lower()


@pytest.mark.parametrize("model", ["agency", "theme", "award"])
def test_organiser_can_add_agencies_themes_and_awards(client, organiser, model):
    response = client.get(f"/admin/innovations/{model}/add/")

    assert response.status_code == 200
    assert "<form" in response.content.decode()


def test_organisers_group_holds_every_innovation_permission():
    group = Group.objects.get(name=ORGANISERS)

    codenames = set(
        group.permissions.filter(content_type__app_label="innovations").values_list(
            "codename", flat=True
        )
    )

    assert codenames == {
        f"{action}_{model}"
        for model in ("agency", "theme", "award", "innovation", "photo")
        for action in ("add", "change", "delete", "view")
    }
