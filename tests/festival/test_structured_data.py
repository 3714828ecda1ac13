"""What festival/structured_data.py promises search engines: the festival as an Event, each
timed programme item as an Event within it, hours in WIB (+07:00) and never invented, and
the organisers' text as written."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import translation

from festival import structured_data
from tests.festival.factories import EditionFactory, ProgrammeItemFactory

pytestmark = pytest.mark.django_db

HOME = "https://fpp.example/"
DAY1, DAY2, DAY3 = (datetime.date(2026, 12, d) for d in (14, 15, 16))


def t(hour, minute=0):
    return datetime.time(hour, minute)


def as_read(data: dict) -> dict:
    """`data` as a search engine reads it: through JSON and back."""
    return json.loads(json.dumps(data))


def graph(edition, items) -> dict:
    return as_read(structured_data.programme_graph(edition, items, base_url=HOME, home_url=HOME))


def festival(edition, items=()) -> dict:
    return as_read(structured_data.festival_event(edition, list(items), home_url=HOME))


def test_programme_graph_holds_the_festival_then_each_timed_item(edition):
    timed = ProgrammeItemFactory(edition=edition, slug="diskusi", title="Diskusi", start_time=t(9))
    all_day = ProgrammeItemFactory(edition=edition, slug="pameran", untimed="all_day")
    tba = ProgrammeItemFactory(edition=edition, slug="menyusul", untimed="tba")
    no_day = ProgrammeItemFactory(edition=edition, slug="hari-menyusul", day_tba=True)

    data = graph(edition, [all_day, timed, tba, no_day])

    assert data["@context"] == "https://schema.org"
    event, *items = data["@graph"]
    assert (event["@type"], event["@id"], event["url"]) == ("Event", f"{HOME}#festival", HOME)
    assert [(i["@type"], i["name"]) for i in items] == [("Event", "Diskusi")]
    assert items[0]["superEvent"] == {"@id": f"{HOME}#festival"}


def test_item_event_gives_start_and_end_in_wib(edition):
    item = ProgrammeItemFactory(edition=edition, date=DAY2, start_time=t(9), end_time=t(11, 30))

    (_, event) = graph(edition, [item])["@graph"]

    assert event["startDate"] == "2026-12-15T09:00:00+07:00"
    assert event["endDate"] == "2026-12-15T11:30:00+07:00"


def test_item_event_without_an_end_time_has_no_end_date(edition):
    item = ProgrammeItemFactory(edition=edition, start_time=t(10, 30))

    (_, event) = graph(edition, [item])["@graph"]

    assert event["startDate"] == "2026-12-14T10:30:00+07:00"
    assert "endDate" not in event


def test_item_event_links_to_the_item_on_its_day_page(edition):
    item = ProgrammeItemFactory(edition=edition, slug="diskusi", date=DAY2, start_time=t(9))

    (_, event) = graph(edition, [item])["@graph"]

    assert event["url"] == "https://fpp.example/jadwal/2026-12-15/#acara-diskusi"


def test_item_event_description_is_left_out_when_the_item_has_none(edition):
    described = ProgrammeItemFactory(
        edition=edition, title="A", start_time=t(9), description="Bupati membuka festival."
    )
    bare = ProgrammeItemFactory(edition=edition, title="B", start_time=t(10), description="")

    (_, first, second) = graph(edition, [described, bare])["@graph"]

    assert first["description"] == "Bupati membuka festival."
    assert "description" not in second


def test_item_event_location_is_its_place_at_the_festival_address(edition):
    item = ProgrammeItemFactory(edition=edition, start_time=t(9), place="Panggung utama")

    (_, event) = graph(edition, [item])["@graph"]

    assert event["location"] == {
        "@type": "Place",
        "name": "Panggung utama",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Banyuwangi",
            "addressRegion": "Jawa Timur",
            "addressCountry": "ID",
            "streetAddress": "Kantor Pemerintah Kabupaten Banyuwangi",
        },
    }
    assert event["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "Bagian Organisasi Pemerintah Kabupaten Banyuwangi",
    }


def test_festival_event_starts_at_the_earliest_hour_of_its_first_day(edition):
    items = [
        ProgrammeItemFactory(edition=edition, date=DAY1, start_time=t(10)),
        ProgrammeItemFactory(edition=edition, date=DAY1, start_time=t(8, 30)),
        ProgrammeItemFactory(edition=edition, date=DAY2, start_time=t(7)),
    ]

    event = festival(edition, items)

    assert event["startDate"] == "2026-12-14T08:30:00+07:00"


def test_festival_event_ends_at_the_latest_hour_of_its_last_day(edition):
    items = [
        ProgrammeItemFactory(edition=edition, date=DAY3, start_time=t(13), end_time=t(15)),
        ProgrammeItemFactory(edition=edition, date=DAY3, start_time=t(16)),  # no end given
    ]

    event = festival(edition, items)

    assert event["endDate"] == "2026-12-16T16:00:00+07:00"


def test_festival_event_without_hours_on_its_first_and_last_day_gives_dates_only(edition):
    items = [
        ProgrammeItemFactory(edition=edition, date=DAY1, untimed="all_day"),
        ProgrammeItemFactory(edition=edition, date=DAY2, start_time=t(9), end_time=t(17)),
        ProgrammeItemFactory(edition=edition, date=DAY3, untimed="tba"),
    ]

    event = festival(edition, items)

    assert (event["startDate"], event["endDate"]) == ("2026-12-14", "2026-12-16")


def test_festival_event_offers_free_entry_when_entry_is_free(edition):
    event = festival(edition)

    assert event["isAccessibleForFree"] is True
    assert event["offers"] == {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "IDR",
        "availability": "https://schema.org/InStock",
        "url": HOME,
    }


def test_festival_event_claims_nothing_about_entry_when_free_entry_is_not_confirmed():
    edition = EditionFactory(free_entry=False)

    event = festival(edition)

    assert "isAccessibleForFree" not in event
    assert "offers" not in event


def test_festival_event_description_is_the_tagline_or_else_the_about_text():
    with_tagline = EditionFactory(slug="a", tagline="Melayani lebih dekat", about="Tentang.")
    without = EditionFactory.build(slug="b", tagline="", about="Pameran inovasi pelayanan publik.")

    assert festival(with_tagline)["description"] == "Melayani lebih dekat"
    assert festival(without)["description"] == "Pameran inovasi pelayanan publik."


def test_festival_location_gives_coordinates_only_when_both_are_known():
    located = EditionFactory(
        slug="a", latitude=Decimal("-8.219233"), longitude=Decimal("114.369227")
    )
    half = EditionFactory.build(slug="b", latitude=Decimal("-8.219233"), longitude=None)

    assert festival(located)["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": -8.219233,
        "longitude": 114.369227,
    }
    assert "geo" not in festival(half)["location"]


def test_festival_location_without_a_street_address_leaves_it_out():
    edition = EditionFactory(venue_address="")

    address = festival(edition)["location"]["address"]

    assert "streetAddress" not in address
    assert address["addressLocality"] == "Banyuwangi"


def test_structured_data_in_english_uses_the_english_texts_where_written():
    edition = EditionFactory(venue_name_en="Banyuwangi Regency Public Service Lounge grounds")
    item = ProgrammeItemFactory(
        edition=edition, slug="diskusi", title="Diskusi", title_en="Talk", start_time=t(9)
    )

    with translation.override("en"):
        event, item_event = graph(edition, [item])["@graph"]

    assert event["name"] == "Banyuwangi Public Service Festival"
    assert event["inLanguage"] == "en"
    assert event["location"]["name"] == "Banyuwangi Regency Public Service Lounge grounds"
    # No English organiser name was written: the Indonesian one stays.
    assert event["organizer"]["name"] == "Bagian Organisasi Pemerintah Kabupaten Banyuwangi"
    assert item_event["name"] == "Talk"
    assert item_event["url"] == "https://fpp.example/en/jadwal/2026-12-14/#acara-diskusi"


def test_structured_data_in_indonesian_says_so(edition):
    event = festival(edition)

    assert event["name"] == "Festival Pelayanan Publik Banyuwangi"
    assert event["inLanguage"] == "id"


def test_item_event_keeps_a_title_with_markup_exactly_as_written(edition):
    # Escaping is the page's job when it writes the <script> element (the programme page
    # test checks it); the data itself must carry the organisers' text unchanged.
    title = "Diskusi </script><script>alert(1)</script> & <!-- tanya jawab"
    item = ProgrammeItemFactory(edition=edition, title=title, start_time=t(9))

    (_, event) = graph(edition, [item])["@graph"]

    assert event["name"] == title
