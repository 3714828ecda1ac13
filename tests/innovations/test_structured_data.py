"""What innovations/structured_data.py promises search engines: an innovation as a
GovernmentService of the regency, with its provider, awards and photos, and the breadcrumb
trail to it, in the visitor's language."""

import json

import pytest
from django.utils import translation

from innovations.models import Photo
from innovations.structured_data import innovation_json_ld
from tests.innovations.factories import (
    AgencyFactory,
    AwardFactory,
    InnovationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://fpp.example"


def absolute(path: str) -> str:
    return SITE + path


def as_read(innovation) -> tuple[dict, dict]:
    """The service and the breadcrumbs, as a search engine reads them: through JSON."""
    data = json.loads(json.dumps(innovation_json_ld(innovation, absolute=absolute)))
    assert data["@context"] == "https://schema.org"
    service, breadcrumbs = data["@graph"]
    return service, breadcrumbs


def photo(innovation, *, order: int, stem: str) -> Photo:
    return Photo.objects.create(
        innovation=innovation,
        image_large=f"innovations/{stem}-1200.webp",
        image_medium=f"innovations/{stem}-800.webp",
        image_small=f"innovations/{stem}-400.webp",
        width=1200,
        height=800,
        alt="Petugas melayani warga",
        order=order,
    )


def test_innovation_json_ld_is_a_government_service_of_the_regency():
    innovation = InnovationFactory(
        name="Smart Kampung",
        slug="smart-kampung",
        summary="Layanan desa berbasis internet.",
        agency=AgencyFactory(name="Dinas Komunikasi & Informatika"),
        theme=ThemeFactory(name="Pelayanan desa"),
    )

    service, _ = as_read(innovation)

    url = f"{SITE}/inovasi/smart-kampung/"
    assert service == {
        "@type": "GovernmentService",
        "@id": f"{url}#inovasi",
        "name": "Smart Kampung",
        "description": "Layanan desa berbasis internet.",
        "url": url,
        "serviceType": "Pelayanan desa",
        "provider": {
            "@type": "GovernmentOrganization",
            "name": "Dinas Komunikasi & Informatika",
        },
        "areaServed": {"@type": "AdministrativeArea", "name": "Kabupaten Banyuwangi"},
    }


def test_innovation_json_ld_gives_the_acronym_as_alternate_name():
    innovation = InnovationFactory(name="Layanan Lahir Procot Pulang Bawa Akta", acronym="LAHIR")

    service, _ = as_read(innovation)

    assert service["alternateName"] == "LAHIR"


def test_innovation_json_ld_lists_each_award_with_its_level_programme_and_year():
    dated = AwardFactory(level="TOP 99", programme="Sinovik KemenPAN-RB", year=2016)
    undated = AwardFactory(level="Terbaik", programme="Penghargaan Provinsi", year=None)
    innovation = InnovationFactory(awards=[dated, undated])

    service, _ = as_read(innovation)

    assert sorted(service["award"]) == [
        "TOP 99 Sinovik KemenPAN-RB 2016",
        "Terbaik Penghargaan Provinsi",
    ]


def test_innovation_json_ld_lists_the_photos_as_absolute_urls_in_their_order():
    innovation = InnovationFactory()
    photo(innovation, order=2, stem="kedua")
    photo(innovation, order=1, stem="pertama")

    service, _ = as_read(innovation)

    assert service["image"] == [
        f"{SITE}/media/innovations/pertama-1200.webp",
        f"{SITE}/media/innovations/kedua-1200.webp",
    ]


def test_innovation_json_ld_without_acronym_awards_or_photos_leaves_them_out():
    innovation = InnovationFactory(acronym="")

    service, _ = as_read(innovation)

    assert {"alternateName", "award", "image"} & service.keys() == set()


def test_innovation_json_ld_breadcrumbs_lead_from_home_through_the_catalogue():
    innovation = InnovationFactory(name="Smart Kampung", slug="smart-kampung")

    _, breadcrumbs = as_read(innovation)

    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [
        (i["@type"], i["position"], i["name"], i["item"]) for i in breadcrumbs["itemListElement"]
    ] == [
        ("ListItem", 1, "Beranda", f"{SITE}/"),
        ("ListItem", 2, "Inovasi", f"{SITE}/inovasi/"),
        ("ListItem", 3, "Smart Kampung", f"{SITE}/inovasi/smart-kampung/"),
    ]


def test_innovation_json_ld_in_english_uses_english_texts_where_written():
    innovation = InnovationFactory(
        name="Jamban Sehat",
        name_en="Healthy Latrines",
        slug="jamban-sehat",
        summary="Ringkasan.",
        summary_en="Summary.",
        agency=AgencyFactory(name="Dinas Kesehatan"),
    )

    with translation.override("en"):
        service, breadcrumbs = as_read(innovation)

    assert (service["name"], service["description"]) == ("Healthy Latrines", "Summary.")
    assert service["url"] == f"{SITE}/en/inovasi/jamban-sehat/"
    assert service["provider"]["name"] == "Dinas Kesehatan"  # no English name written
    assert [(i["name"], i["item"]) for i in breadcrumbs["itemListElement"]] == [
        ("Home", f"{SITE}/en/"),
        ("Innovations", f"{SITE}/en/inovasi/"),
        ("Healthy Latrines", f"{SITE}/en/inovasi/jamban-sehat/"),
    ]
