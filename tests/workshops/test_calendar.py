"""What workshops.calendar promises, read back from the .ics with the icalendar library."""

import datetime

import icalendar
import pytest
from django.test import override_settings
from django.utils import translation

from tests.festival.factories import EditionFactory, ProgrammeItemFactory
from workshops.calendar import workshop_ics
from workshops.models import Workshop

UTC = datetime.UTC
URL = "https://festival.example.id/workshop/bedah-smart-kampung/"


def the_event(workshop: Workshop) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(workshop_ics(workshop, url=URL))
    (event,) = calendar.walk("VEVENT")
    return event


def test_timed_workshop_starts_and_ends_at_its_hours_in_wib(workshop):
    workshop.date = datetime.date(2026, 12, 15)
    workshop.start_time, workshop.end_time = datetime.time(9), datetime.time(11, 30)
    workshop.save()

    calendar = icalendar.Calendar.from_ical(workshop_ics(workshop, url=URL))

    (event,) = calendar.walk("VEVENT")
    assert event.DTSTART.astimezone(UTC) == datetime.datetime(2026, 12, 15, 2, 0, tzinfo=UTC)
    assert event.DTEND.astimezone(UTC) == datetime.datetime(2026, 12, 15, 4, 30, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]


def test_workshop_without_an_end_time_has_no_end(workshop):
    workshop.date = datetime.date(2026, 12, 15)
    workshop.start_time = datetime.time(13)
    workshop.save()

    event = the_event(workshop)

    assert event.DTSTART.astimezone(UTC) == datetime.datetime(2026, 12, 15, 6, 0, tzinfo=UTC)
    assert "DTEND" not in event
    assert "DURATION" not in event


def test_workshop_with_a_day_but_no_hour_is_an_all_day_event_saying_so(workshop):
    workshop.date = datetime.date(2026, 12, 15)
    workshop.save()

    event = the_event(workshop)

    start, end = event.DTSTART, event.DTEND
    assert (start, end) == (datetime.date(2026, 12, 15), datetime.date(2026, 12, 16))
    assert not isinstance(event.DTSTART, datetime.datetime)
    assert str(event["SUMMARY"]) == "Bedah Smart Kampung (jam menyusul)"
    assert str(event["DESCRIPTION"]).endswith("Jam acara akan diumumkan panitia.")
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_workshop_without_a_day_spans_the_festival_saying_so(workshop):
    EditionFactory()

    event = the_event(workshop)

    start, end = event.DTSTART, event.DTEND
    assert (start, end) == (datetime.date(2026, 12, 14), datetime.date(2026, 12, 17))
    assert str(event["SUMMARY"]) == "Bedah Smart Kampung (hari dan jam menyusul)"
    assert str(event["DESCRIPTION"]).endswith("Hari dan jam acara akan diumumkan panitia.")


def test_workshop_linked_to_a_programme_item_takes_its_day_and_hours(workshop):
    workshop.date, workshop.start_time = datetime.date(2026, 12, 1), datetime.time(8)
    workshop.programme_item = ProgrammeItemFactory(
        date=datetime.date(2026, 12, 16), start_time=datetime.time(10), end_time=None
    )
    workshop.save()

    event = the_event(workshop)

    assert event.DTSTART.astimezone(UTC) == datetime.datetime(2026, 12, 16, 3, 0, tzinfo=UTC)
    assert "DTEND" not in event


def test_workshop_linked_to_an_item_whose_day_is_not_announced_shows_no_day(workshop):
    workshop.programme_item = ProgrammeItemFactory(day_tba=True)
    workshop.save()

    event = the_event(workshop)

    start, end = event.DTSTART, event.DTEND
    assert (start, end) == (datetime.date(2026, 12, 14), datetime.date(2026, 12, 17))
    assert "(hari dan jam menyusul)" in str(event["SUMMARY"])


def test_calendar_is_stamped_by_the_festival_clock(workshop):
    # The rehearsal clock differs from the machine's (frozen at NOW by the fixture).
    with override_settings(FESTIVAL_NOW="2026-12-01T08:00:00+07:00"):
        event = the_event(workshop)

    stamp = event.DTSTAMP
    assert stamp == datetime.datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def test_calendar_uid_stays_when_the_workshop_changes_and_in_english(workshop):
    first = the_event(workshop)

    Workshop.objects.filter(pk=workshop.pk).update(title="Bedah Smart Kampung 2", slug="baru")
    workshop.refresh_from_db()
    with translation.override("en"):
        second = the_event(workshop)

    assert str(first["UID"]) == str(second["UID"]) == f"workshop-{workshop.pk}@festival.example.id"


def test_calendar_names_the_workshop_its_place_and_page_in_the_language(workshop):
    EditionFactory()
    workshop.place, workshop.place_en = "Aula", "Hall"
    workshop.save()

    with translation.override("en"):
        calendar = icalendar.Calendar.from_ical(workshop_ics(workshop, url=URL))

    (event,) = calendar.walk("VEVENT")
    assert str(calendar["X-WR-CALNAME"]) == "Dissecting Smart Kampung"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["SUMMARY"]) == "Dissecting Smart Kampung (day and time to be announced)"
    assert str(event["DESCRIPTION"]).endswith(
        "The day and time will be announced by the organisers."
    )
    assert str(event["LOCATION"]) == "Hall, Halaman Lounge Pemkab Banyuwangi, Banyuwangi"
    assert str(event["URL"]) == URL
    assert URL in str(event["DESCRIPTION"])


@pytest.mark.parametrize("language", ["id", "en"])
def test_calendar_page_serves_the_file_under_the_workshop_name(client, workshop, language):
    prefix = "" if language == "id" else "/en"

    response = client.get(f"{prefix}/workshop/bedah-smart-kampung/kalender.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="workshop-bedah-smart-kampung.ics"'
    )
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"workshop-{workshop.pk}@testserver"
