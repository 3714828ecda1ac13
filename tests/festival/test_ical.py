"""The programme as iCalendar, parsed back with the icalendar library."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse

from festival.models import ProgrammeItem
from tests.festival.factories import ProgrammeItemFactory

UTC = datetime.UTC
pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_festival_calendar_gives_timed_items_the_right_moment_in_utc(client, edition):
    ProgrammeItemFactory(
        edition=edition,
        title="Diskusi",
        date=datetime.date(2026, 12, 15),
        start_time=datetime.time(9),
        end_time=datetime.time(11, 30),
    )

    response = client.get(reverse("festival:programme-ics"))

    event = events_by_summary(parse(response))["Diskusi"]
    assert event.DTSTART.astimezone(UTC) == datetime.datetime(2026, 12, 15, 2, 0, tzinfo=UTC)
    assert event.DTEND.astimezone(UTC) == datetime.datetime(2026, 12, 15, 4, 30, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"


def test_festival_calendar_carries_the_jakarta_time_zone(client, edition):
    ProgrammeItemFactory(edition=edition, start_time=datetime.time(9))

    calendar = parse(client.get(reverse("festival:programme-ics")))

    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Jakarta"]
    assert zones[0].walk("STANDARD")[0]["TZOFFSETTO"].td == datetime.timedelta(hours=7)


def test_festival_calendar_gives_all_day_and_tba_items_a_date_not_an_hour(client, edition):
    ProgrammeItemFactory(edition=edition, title="Pameran", untimed="all_day")
    ProgrammeItemFactory(edition=edition, title="Pembukaan", untimed="tba")

    events = events_by_summary(parse(client.get(reverse("festival:programme-ics"))))

    exhibition = events["Pameran"]
    start, end = exhibition.DTSTART, exhibition.DTEND
    assert (start, end) == (datetime.date(2026, 12, 14), datetime.date(2026, 12, 15))
    assert not isinstance(start, datetime.datetime)
    opening = events["Pembukaan (jam menyusul)"]
    opening_day = opening.DTSTART
    assert opening_day == datetime.date(2026, 12, 14)
    assert "Jam acara akan diumumkan panitia." in str(opening["DESCRIPTION"])


def test_festival_calendar_leaves_out_items_whose_day_is_not_announced(client, edition):
    ProgrammeItemFactory(edition=edition, title="Workshop", day_tba=True)
    ProgrammeItemFactory(edition=edition, title="Pameran", untimed="all_day")
    ProgrammeItemFactory(edition=edition, title="Draf", is_published=False)

    events = events_by_summary(parse(client.get(reverse("festival:programme-ics"))))

    assert list(events) == ["Pameran"]


def test_festival_calendar_uids_are_stable_when_an_item_changes(client, edition):
    item = ProgrammeItemFactory(edition=edition, title="Diskusi", start_time=datetime.time(9))
    first = parse(client.get(reverse("festival:programme-ics"))).walk("VEVENT")[0]

    ProgrammeItem.objects.filter(pk=item.pk).update(
        title="Diskusi panel", slug="diskusi-panel", start_time=datetime.time(10)
    )
    second = parse(client.get("/en/jadwal/festival.ics")).walk("VEVENT")[0]

    assert str(first["UID"]) == str(second["UID"]) == f"acara-{item.pk}@testserver"
    assert second.DTSTART.astimezone(UTC).hour == 3


def test_festival_calendar_is_stamped_with_the_current_time(client, edition):
    ProgrammeItemFactory(edition=edition)
    moment = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))

    with time_machine.travel(moment, tick=False):
        event = parse(client.get(reverse("festival:programme-ics"))).walk("VEVENT")[0]

    stamp = event.DTSTAMP
    assert stamp == datetime.datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def test_festival_calendar_is_served_as_a_named_utf8_calendar_file(client, edition):
    ProgrammeItemFactory(edition=edition, title="Pameran inovasi – hari ke-1", untimed="all_day")

    response = client.get(reverse("festival:programme-ics"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="festival-2026.ics"'
    assert "Pameran inovasi – hari ke-1" in events_by_summary(parse(response))


def test_english_calendar_uses_the_english_titles(client, edition):
    ProgrammeItemFactory(edition=edition, title="Pameran", title_en="Exhibition", untimed="all_day")

    calendar = parse(client.get("/en/jadwal/festival.ics"))

    assert list(events_by_summary(calendar)) == ["Exhibition"]
    assert str(calendar["X-WR-CALNAME"]) == "Banyuwangi Public Service Festival"


def test_shipped_festival_calendar_has_every_dated_item(client, festival_content):
    calendar = parse(client.get(reverse("festival:programme-ics")))

    events = calendar.walk("VEVENT")
    assert len(events) == 7  # the opening, three exhibition days, three service desk days
    assert {e.DTSTART for e in events} == {datetime.date(2016, 12, d) for d in (14, 15, 16)}


def test_item_calendar_holds_that_one_item(client, edition):
    ProgrammeItemFactory(
        edition=edition,
        slug="diskusi",
        title="Diskusi",
        place="Panggung utama",
        start_time=datetime.time(13),
    )

    response = client.get(reverse("festival:item-ics", args=["diskusi"]))

    assert response["Content-Disposition"] == 'attachment; filename="diskusi.ics"'
    (event,) = parse(response).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Diskusi"
    assert event.DTSTART.astimezone(UTC) == datetime.datetime(2026, 12, 14, 6, 0, tzinfo=UTC)
    assert "DTEND" not in event
    assert str(event["LOCATION"]).startswith("Panggung utama, ")
    assert str(event["URL"]) == "http://testserver/jadwal/2026-12-14/#acara-diskusi"


@pytest.mark.parametrize(
    "fields",
    [{"is_published": False}, {"day_tba": True}],
    ids=["unpublished", "day-not-announced"],
)
def test_item_calendar_is_not_found_for_items_without_a_public_day(client, edition, fields):
    ProgrammeItemFactory(edition=edition, slug="rahasia", **fields)

    response = client.get(reverse("festival:item-ics", args=["rahasia"]))

    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_festival_calendar_without_an_edition_is_not_found(client, db):
    response = client.get(reverse("festival:programme-ics"))

    assert response.status_code == 404
