"""The workshop as an iCalendar event, for "add to calendar" and the email attachment."""

import datetime

import icalendar
from django.utils import timezone

from festival.queries import current_edition
from festival.sitewide.i18n import localized
from workshops.models import Workshop


def workshop_ics(workshop: Workshop, *, url: str = "") -> bytes:
    """One VEVENT: timed when the day and start are known; otherwise an all-day event over
    the workshop's day, or over the festival's days while the day is not announced."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Festival Pelayanan Publik Banyuwangi//workshop//ID")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"workshop-{workshop.pk}@festival-pelayanan-publik-banyuwangi")
    event.add("dtstamp", timezone.now())
    event.add("summary", localized(workshop, "title"))
    tz = timezone.get_default_timezone()
    day, starts, ends = workshop.day, workshop.starts, workshop.ends
    if day and starts:
        start = datetime.datetime.combine(day, starts, tzinfo=tz)
        event.add("dtstart", start)
        event.add(
            "dtend",
            datetime.datetime.combine(day, ends, tzinfo=tz)
            if ends
            else start + datetime.timedelta(hours=2),
        )
    else:
        edition = current_edition()
        first = day or (edition.start_date if edition else None)
        last = day or (edition.end_date if edition else None)
        if first:
            event.add("dtstart", first)
            event.add("dtend", last + datetime.timedelta(days=1))
    place = localized(workshop, "place")
    edition = current_edition()
    if edition is not None:
        venue = localized(edition, "venue_name")
        place = ", ".join(p for p in (place, venue, edition.venue_locality) if p)
    if place:
        event.add("location", place)
    description = localized(workshop, "description")
    if url:
        event.add("url", url)
        description = f"{description}\n\n{url}".strip()
    if description:
        event.add("description", description)
    cal.add_component(event)
    return cal.to_ical()
