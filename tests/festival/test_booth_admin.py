"""The booth plan in the admin: organisers upload an edition's plan and place its booths,
typing the position in percent (the page's script fills it from a click: see
tests/browser/test_booth_map.py)."""

from decimal import Decimal

import pytest

from festival.models import Booth, BoothPlan
from tests.festival.factories import booth_plan, place_booths
from tests.innovations import images
from tests.innovations.factories import ExhibitFactory, InnovationFactory

pytestmark = pytest.mark.django_db


def _rows(*rows, initial=0):
    data = {
        "booths-TOTAL_FORMS": str(len(rows)),
        "booths-INITIAL_FORMS": str(initial),
        "booths-MIN_NUM_FORMS": "0",
        "booths-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"booths-{n}-{key}": value for key, value in row.items()})
    return data


def _plan_form(edition, **extra):
    return {"edition": str(edition.pk), "alt": "Denah halaman Lounge Pemkab", "alt_en": "", **extra}


def test_organiser_uploads_a_plan_and_places_booths_in_percent(client, edition, organiser):
    innovation = InnovationFactory(name="SAKINA")
    exhibit = ExhibitFactory(edition=edition, innovation=innovation)

    response = client.post(
        "/admin/festival/boothplan/add/",
        {
            **_plan_form(edition, upload=images.jpeg(size=(1200, 900), gps=True)),
            **_rows(
                {
                    "number": "12",
                    "label": "Dinas Kesehatan",
                    "label_en": "",
                    "x": "25",
                    "y": "50,5",
                },
                {"number": "3", "label": "Meja KIA", "label_en": "KIA desk", "x": "0", "y": "100"},
            ),
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    plan = BoothPlan.objects.get(edition=edition)
    assert (plan.width, plan.height) == (1200, 900)
    assert plan.image.name.endswith(".webp")
    assert list(plan.booths.values_list("number", "x", "y")) == [
        (3, Decimal("0"), Decimal("1")),
        (12, Decimal("0.25"), Decimal("0.505")),
    ]
    # The change page shows the plan to click on and the places as percentages.
    page = client.get(f"/admin/festival/boothplan/{plan.pk}/change/").content.decode()
    assert f'src="{plan.image.url}"' in page and "data-placer" in page
    assert 'name="booths-1-y" value="50.5"' in page
    assert "js/admin_booth_plan.js" in page
    # The exhibit is linked to its booth in the exhibit's admin, then the map shows it.
    exhibit.booth_place = Booth.objects.get(number=12)
    exhibit.save()
    assert '<a href="/inovasi/' in client.get("/peta/").content.decode()


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ("101", "50", "Posisi stan harus di dalam gambar denah: dari 0 sampai 100 persen."),
        ("50", "-1", "Posisi stan harus di dalam gambar denah: dari 0 sampai 100 persen."),
        ("lima", "50", "Tulis persentase dari 0 sampai 100, misalnya 42,5."),
        ("", "50", "Bidang ini tidak boleh kosong."),
    ],
)
def test_admin_refuses_a_booth_off_the_plan_with_a_message_and_saves_nothing(
    client, edition, organiser, x, y, message
):
    plan = booth_plan(edition)

    response = client.post(
        f"/admin/festival/boothplan/{plan.pk}/change/",
        {
            **_plan_form(edition),
            **_rows({"number": "1", "label": "Panggung", "label_en": "", "x": x, "y": y}),
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{x}"' in page  # what was typed is kept
    assert not Booth.objects.exists()


def test_admin_refuses_two_booths_with_one_number(client, edition, organiser):
    plan = booth_plan(edition)

    response = client.post(
        f"/admin/festival/boothplan/{plan.pk}/change/",
        {
            **_plan_form(edition),
            **_rows(
                {"number": "7", "label": "A", "label_en": "", "x": "10", "y": "10"},
                {"number": "7", "label": "B", "label_en": "", "x": "20", "y": "20"},
            ),
        },
    )

    assert response.status_code == 200
    assert not Booth.objects.exists()


def test_admin_refuses_a_plan_that_is_not_an_image(client, edition, organiser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/admin/festival/boothplan/add/",
        {
            **_plan_form(edition, upload=SimpleUploadedFile("denah.jpg", b"bukan gambar")),
            **_rows(),
        },
    )

    assert response.status_code == 200
    assert "bukan gambar yang dapat dibaca" in response.content.decode()
    assert not BoothPlan.objects.exists()


def test_replacing_the_plan_image_keeps_the_booths_and_deletes_the_old_file(
    client, edition, organiser, django_capture_on_commit_callbacks
):
    plan = booth_plan(edition)
    place_booths(plan, 2)
    old = plan.image.name
    booths = list(plan.booths.values_list("pk", "number", "x", "y"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/festival/boothplan/{plan.pk}/change/",
            {
                **_plan_form(edition, upload=images.jpeg(size=(1000, 500))),
                **_rows(
                    *(
                        {
                            "id": str(pk),
                            "plan": str(plan.pk),
                            "number": str(n),
                            "label": f"Stan uji {n}",
                            "label_en": "",
                            "x": str(x * 100),
                            "y": str(y * 100),
                        }
                        for pk, n, x, y in booths
                    ),
                    initial=2,
                ),
            },
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    plan.refresh_from_db()
    assert (plan.width, plan.height) == (1000, 500)
    assert list(plan.booths.values_list("pk", "number", "x", "y")) == booths
    assert not plan.image.storage.exists(old)


def test_exhibit_admin_offers_booths_named_with_their_year(client, edition, organiser):
    place_booths(booth_plan(edition), 1)
    exhibit = ExhibitFactory(edition=edition)

    page = client.get(f"/admin/innovations/exhibit/{exhibit.pk}/change/").content.decode()

    assert "2026 · 1. Stan uji 1" in page
