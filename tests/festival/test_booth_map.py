"""The booth map (/peta/, /<year>/peta/), a booth's page, and the short links to share."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.db import IntegrityError, transaction

from festival import domain
from festival.models import Booth, BoothPlan, ProgrammeItem
from innovations.models import Exhibit
from services.models import Offering
from tests.festival.factories import (
    ProgrammeItemFactory,
    booth_plan,
    edition_2016,
    edition_2027,
    place_booths,
)
from tests.innovations.factories import ExhibitFactory, InnovationFactory
from tests.services.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(db):
    """The 2016 edition, over, and the 2027 one ahead, the current one (1 June 2027)."""
    with time_machine.travel("2027-06-01 08:00+07:00", tick=False):
        yield SimpleNamespace(past=edition_2016(), current=edition_2027())


def _sakina_at_booth_12(edition):
    plan = booth_plan(edition)
    booth = Booth.objects.create(
        plan=plan,
        number=12,
        label="Dinas Kesehatan",
        label_en="Health Office",
        x=Decimal("0.25"),
        y=Decimal("0.5"),
    )
    innovation = InnovationFactory(name="SAKINA", slug="sakina")
    ExhibitFactory(edition=edition, innovation=innovation, booth_place=booth)
    return plan, booth, innovation


# --- Models -----------------------------------------------------------------------------------


def test_booth_numbers_are_unique_in_a_plan(edition):
    plan = booth_plan(edition)
    Booth.objects.create(plan=plan, number=1, label="A", x=0, y=0)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booth.objects.create(plan=plan, number=1, label="B", x=1, y=1)


@pytest.mark.parametrize(("x", "y"), [("1.0001", "0.5"), ("0.5", "-0.1"), ("-0.0001", "0")])
def test_database_refuses_a_booth_off_the_plan(edition, x, y):
    plan = booth_plan(edition)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booth.objects.create(plan=plan, number=1, label="A", x=Decimal(x), y=Decimal(y))


def test_database_refuses_booth_number_zero(edition):
    plan = booth_plan(edition)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booth.objects.create(plan=plan, number=0, label="A", x=0, y=0)


def test_one_plan_per_edition(edition):
    booth_plan(edition)

    with pytest.raises(Exception, match="edisi|edition"):
        booth_plan(edition)


def test_plan_is_stored_as_webp_without_metadata_and_at_most_1600_wide(edition):
    plan = booth_plan(edition, size=(4000, 2000))

    assert plan.image.name.endswith(".webp")
    assert (plan.width, plan.height) == (1600, 800)
    with plan.image.open("rb") as file:
        assert file.read(12)[8:12] == b"WEBP"


def test_an_exhibit_cannot_stand_at_a_booth_of_another_edition(editions):
    booth = place_booths(booth_plan(editions.past), 1)[0]
    exhibit = ExhibitFactory(edition=editions.current)
    exhibit.booth_place = booth

    with pytest.raises(Exception, match="denah edisi yang sama"):
        exhibit.full_clean()


def test_a_service_cannot_stand_at_a_booth_of_another_edition(editions):
    booth = place_booths(booth_plan(editions.past), 1)[0]
    offering = OfferingFactory(edition=editions.current, booth=booth)

    with pytest.raises(Exception, match="denah edisi yang sama"):
        offering.full_clean()


def test_deleting_a_booth_leaves_its_exhibit_without_one(edition):
    _, booth, innovation = _sakina_at_booth_12(edition)

    booth.delete()

    assert Exhibit.objects.get(innovation=innovation).booth_place is None


def test_crop_stays_inside_the_plan_near_an_edge(edition):
    plan = booth_plan(edition, size=(1000, 500))
    corner = Booth.objects.create(plan=plan, number=1, label="A", x=0, y=Decimal("1"))

    assert plan.crop_around(corner) == "0 200 400 300"


# --- The map page ------------------------------------------------------------------------------


def test_map_shows_numbered_marker_links_over_the_plan_and_the_same_booths_as_a_list(
    client, edition
):
    _, booth, innovation = _sakina_at_booth_12(edition)

    page = client.get("/peta/").content.decode()

    assert '<svg class="booth-map__svg" viewBox="0 0 800 600"' in page
    assert re.search(
        r'<image href="/media/plans/[0-9a-f]{32}-800\.webp" width="800" height="600"', page
    )
    assert '<a href="#stan-12" aria-label="Stan 12: Dinas Kesehatan"' in page
    assert '<circle cx="200" cy="300"' in page
    assert '<li id="stan-12" value="12">' in page
    assert f'<a href="{innovation.get_absolute_url()}">SAKINA</a>' in page
    assert 'href="/peta/12/"' in page


def test_map_in_english_uses_english_labels(client, edition):
    _sakina_at_booth_12(edition)

    page = client.get("/en/peta/").content.decode()

    assert 'aria-label="Booth 12: Health Office"' in page
    assert "Booth map" in page


def test_map_lists_services_and_programme_items_at_their_booths(client, edition):
    plan = booth_plan(edition)
    desk, stage = place_booths(plan, 2)
    offering = OfferingFactory(edition=edition, booth=desk)
    item = ProgrammeItemFactory(edition=edition, title="Pembukaan", booth=stage)

    page = client.get("/peta/").content.decode()

    assert f'<a href="{offering.get_absolute_url()}">{offering.service.name}</a>' in page
    assert f'<a href="{item.get_absolute_url()}">Pembukaan</a>' in page


def test_archive_map_links_stay_in_the_archive(client, editions):
    _, booth, innovation = _sakina_at_booth_12(editions.past)

    page = client.get("/2016/peta/").content.decode()

    assert "Peta stan Festival 2016" in page
    assert 'href="/2016/peta/12/"' in page
    assert '<a href="#stan-12"' in page
    assert client.get("/peta/").content.decode().count("booth-map__link") == 0


def test_map_of_a_draft_edition_is_hidden_from_the_public(client, editions):
    editions.current.is_published = False
    editions.current.save()

    assert client.get("/2027/peta/").status_code == 404


def test_map_without_a_plan_says_so_with_the_shipped_content(client, festival_content):
    response = client.get("/peta/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Denah stan edisi ini belum tersedia" in page
    assert "<svg" not in page
    assert client.get("/2016/peta/").status_code == 200
    # The shipped content claims no booth: no source gives them.
    assert not Booth.objects.exists()


def test_map_with_a_plan_but_no_booth_yet_says_so(client, edition):
    booth_plan(edition)

    page = client.get("/peta/").content.decode()

    assert "Panitia belum menempatkan stan pada denah." in page


@pytest.mark.parametrize("count", [10, 60])
def test_map_uses_the_same_number_of_queries_for_10_or_60_booths(
    client, edition, django_assert_num_queries, count
):
    plan = booth_plan(edition)
    booths = place_booths(plan, count)
    for booth in booths:
        ExhibitFactory(edition=edition, booth_place=booth)
        OfferingFactory(edition=edition, booth=booth)
        ProgrammeItemFactory(edition=edition, booth=booth)
    client.get("/")  # the current edition and the footer's years, cached

    # plan, booths, exhibits, offerings, programme items
    with django_assert_num_queries(5):
        page = client.get("/peta/").content.decode()

    assert page.count("<circle") == count
    assert page.count('class="booth-list__what"') == count


def test_map_page_is_small_enough_with_60_booths(client, edition):
    booths = place_booths(booth_plan(edition), 60)
    for booth in booths:
        ExhibitFactory(edition=edition, booth_place=booth)

    page = client.get("/peta/").content

    assert len(page) < 50 * 1024


def test_map_is_forgotten_by_the_page_cache_when_a_booth_moves(client, edition, settings):
    settings.PAGE_CACHE_SECONDS = 60
    booth = place_booths(booth_plan(edition), 1)[0]
    assert 'cx="' in client.get("/peta/").content.decode()

    booth.label = "Panggung utama"
    booth.save()

    assert "Panggung utama" in client.get("/peta/").content.decode()


# --- A booth's page ---------------------------------------------------------------------------


def test_booth_page_shows_its_crop_what_is_there_and_its_short_link(client, edition):
    _, booth, innovation = _sakina_at_booth_12(edition)

    page = client.get("/peta/12/").content.decode()

    assert "<h1>" in page and "Dinas Kesehatan" in page
    assert 'viewBox="40 180 320 240"' in page
    assert "booth-map__link--current" in page
    assert f'<a href="{innovation.get_absolute_url()}">SAKINA</a>' in page
    assert "http://testserver/b/2026-12/" in page
    assert (
        "https://wa.me/?text=Stan%2012%3A%20Dinas%20Kesehatan%3A%20http%3A//testserver/b/2026-12/"
        in page
    )


def test_booth_page_has_open_graph_tags(client, edition):
    _, booth, _ = _sakina_at_booth_12(edition)

    page = client.get("/peta/12/").content.decode()

    assert '<meta property="og:title" content="Stan 12: Dinas Kesehatan – Festival 2026">' in page
    assert '<meta property="og:description" content="SAKINA">' in page
    assert '<meta property="og:url" content="http://testserver/b/2026-12/">' in page
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/plans/[0-9a-f]{32}-800\.webp">',
        page,
    )


def test_unknown_booth_is_404(client, edition):
    place_booths(booth_plan(edition), 1)

    assert client.get("/peta/2/").status_code == 404
    assert client.get("/peta/99999999999/").status_code == 404


# --- Short links -----------------------------------------------------------------------------


def test_short_booth_link_leads_to_the_booth_of_its_edition(client, editions):
    place_booths(booth_plan(editions.past), 3)
    place_booths(booth_plan(editions.current), 3)

    past = client.get("/b/2016-2/")
    current = client.get("/b/2027-2/")

    assert (past.status_code, past["Location"]) == (301, "/2016/peta/2/")
    assert (current.status_code, current["Location"]) == (301, "/peta/2/")
    assert client.get("/en/b/2016-2/")["Location"] == "/en/2016/peta/2/"


def test_short_booth_link_to_nothing_is_404(client, editions):
    place_booths(booth_plan(editions.past), 3)

    assert client.get("/b/2016-4/").status_code == 404
    assert client.get("/b/1999-1/").status_code == 404


def test_short_innovation_link_leads_to_its_page_whatever_its_slug(client, db):
    innovation = InnovationFactory(slug="nama-lama")
    assert innovation.short_path == f"/i/{innovation.pk}/"
    innovation.slug = "nama-baru"
    innovation.save()

    response = client.get(f"/i/{innovation.pk}/")

    assert (response.status_code, response["Location"]) == (301, "/inovasi/nama-baru/")
    assert client.get(f"/en/i/{innovation.pk}/")["Location"] == "/en/inovasi/nama-baru/"


def test_short_innovation_link_to_nothing_is_404(client, db):
    hidden = InnovationFactory(is_published=False)

    assert client.get(f"/i/{hidden.pk}/").status_code == 404
    assert client.get("/i/987654/").status_code == 404


# --- Programme and service pages link to their booth -----------------------------------------


def test_programme_item_at_a_booth_links_to_it_on_the_map(client, edition):
    booth = place_booths(booth_plan(edition), 5)[4]
    ProgrammeItemFactory(edition=edition, booth=booth)

    page = client.get("/jadwal/").content.decode()

    assert '<a class="programme-item__booth" href="/peta/#stan-5">Stan 5 di peta</a>' in page


def test_service_page_links_to_its_booth_on_the_map(client, edition):
    booth = place_booths(booth_plan(edition), 3)[2]
    offering = OfferingFactory(edition=edition, booth=booth)

    page = client.get(offering.get_absolute_url()).content.decode()

    assert '<a href="/peta/#stan-3">Stan 3 di peta</a>' in page


# --- Copying an edition ----------------------------------------------------------------------


def test_copy_edition_copies_the_plan_and_booths_but_not_who_stands_where(editions):
    plan, booth, innovation = _sakina_at_booth_12(editions.past)
    OfferingFactory(edition=editions.past, booth=booth)
    ProgrammeItemFactory(edition=editions.past, booth=booth, date=editions.past.start_date)

    draft = domain.copy_edition(
        source=editions.past,
        year=2028,
        start_date=editions.current.start_date.replace(year=2028),
        end_date=editions.current.end_date.replace(year=2028),
    )

    copy = BoothPlan.objects.get(edition=draft)
    assert copy.image.name != plan.image.name
    with copy.image.open("rb") as new, plan.image.open("rb") as old:
        assert new.read() == old.read()
    assert list(copy.booths.values_list("number", "label", "label_en", "x", "y")) == [
        (12, "Dinas Kesehatan", "Health Office", Decimal("0.2500"), Decimal("0.5000"))
    ]
    assert Exhibit.objects.get(edition=draft).booth_place is None
    assert Offering.objects.get(edition=draft).booth is None
    assert ProgrammeItem.objects.get(edition=draft).booth is None
    # The source keeps its own.
    assert Exhibit.objects.get(edition=editions.past).booth_place == booth
    assert BoothPlan.objects.get(edition=editions.past).image.name == plan.image.name
