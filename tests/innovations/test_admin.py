import re

import pytest
from django.contrib.auth.models import Group

from festival.sitewide.groups import ORGANISERS
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
        "awards": [award.pk],
        "is_published": "on",
        "exhibits-TOTAL_FORMS": "0",
        "exhibits-INITIAL_FORMS": "0",
        "exhibits-MIN_NUM_FORMS": "0",
        "exhibits-MAX_NUM_FORMS": "1000",
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
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_organiser_adds_an_innovation_with_a_photo_and_sees_it_on_the_site(client, organiser):
    edition = EditionFactory()
    response = client.post(
        "/admin/innovations/innovation/add/",
        innovation_form(
            **{
                "exhibits-TOTAL_FORMS": "1",
                "exhibits-0-edition": str(edition.pk),
                "exhibits-0-booth": "A-3",
                "exhibits-0-booth_en": "",
                "exhibits-0-order": "0",
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    innovation = Innovation.objects.get(slug="kampung-kb-digital")
    photo = innovation.photos.get()
    assert (photo.width, photo.height) == (1000, 750)
    page = client.get("/inovasi/kampung-kb-digital/").content.decode()
    assert "<h1>Kampung KB Digital</h1>" in page
    assert f'src="{photo.image_small.url}"' in page
    assert 'alt="Petugas melayani warga di balai desa"' in page
    assert "TOP 99 · 2016" in page
    assert 'Dipamerkan di <a href="/2026/">Festival 2026</a>' in page
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
        for model in (
            "agency",
            "theme",
            "award",
            "innovation",
            "photo",
            "exhibit",
            "replicationdocument",
        )
        for action in ("add", "change", "delete", "view")
    }


# --- Exhibits: which innovations an edition shows, at which booth ---------------------------


def test_organiser_sets_the_booths_of_one_edition_in_the_exhibit_list(client, editions, organiser):
    sakina = ExhibitFactory(edition=editions.current, innovation=InnovationFactory(name="SAKINA"))
    pujasera = ExhibitFactory(
        edition=editions.current, innovation=InnovationFactory(name="Pujasera")
    )
    old = ExhibitFactory(edition=editions.past, innovation=sakina.innovation, booth="Lama-1")
    url = f"/admin/innovations/exhibit/?edition__id__exact={editions.current.pk}"

    listing = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(sakina.pk),
            "form-0-booth": "A-1",
            "form-0-booth_en": "",
            "form-0-order": "1",
            "form-1-id": str(pujasera.pk),
            "form-1-booth": "A-2",
            "form-1-booth_en": "A-2 (north)",
            "form-1-order": "2",
            "_save": "Simpan",
        },
    )

    assert "SAKINA" in listing and "Pujasera" in listing and "Lama-1" not in listing
    assert 'name="form-0-booth"' in listing
    assert "Berdasarkan edisi" in listing
    assert response.status_code == 302, response.content.decode()[:3000]
    assert dict(
        Exhibit.objects.filter(edition=editions.current).values_list("innovation__name", "booth")
    ) == {"SAKINA": "A-1", "Pujasera": "A-2"}
    old.refresh_from_db()
    assert old.booth == "Lama-1"
    page = page_text(client.get("/inovasi/", {"edisi": "2027"}))
    assert "SAKINA" in page and "Stan A-1" in page and "Stan A-2" in page


def test_admin_refuses_an_innovation_twice_in_one_edition(client, editions, organiser):
    exhibit = ExhibitFactory(edition=editions.current)

    response = client.post(
        "/admin/innovations/exhibit/add/",
        {
            "edition": str(editions.current.pk),
            "innovation": str(exhibit.innovation.pk),
            "booth": "B-1",
            "booth_en": "",
            "order": "0",
        },
    )

    assert response.status_code == 200
    assert "Inovasi ini sudah tercatat dipamerkan di edisi ini." in response.content.decode()
    assert Exhibit.objects.count() == 1


def test_innovation_change_page_shows_the_editions_that_showed_it(client, editions, organiser):
    exhibit = ExhibitFactory(edition=editions.past, booth="B-7")

    page = client.get(
        f"/admin/innovations/innovation/{exhibit.innovation.pk}/change/"
    ).content.decode()

    assert "Dipamerkan di edisi" in page
    assert 'name="exhibits-0-booth"' in page and 'value="B-7"' in page
