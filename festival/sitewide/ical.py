"""iCalendar files (RFC 5545) built one way for the whole site, with the `icalendar` library.

The programme's calendar (festival.calendar) and the workshop's (workshops.calendar) both
build theirs here, so they agree on what a calendar promises:

- One PRODID, METHOD:PUBLISH, and a VTIMEZONE for every time zone the events use (times
  carry TZID=Asia/Jakarta: 09:00 WIB is 02:00 UTC).
- UIDs built from a kind, a primary key and the site's host name, so they stay the same when
  organisers change a title, a slug or a time, and in both languages: a calendar that
  imported the file updates the event instead of adding a second one.
- DTSTAMP is the moment the caller passes (the festival clock), in UTC.
- Unknown hours stay unknown: an event with a start time but no end gets no DTEND; an event
  without a time is a DATE (all-day) event, and when its hours are still to be announced its
  title and description say so, so no calendar shows a made-up hour.
"""

import datetime
import enum
from collections.abc import Sequence
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

PRODID = "-//Festival Pelayanan Publik Banyuwangi//Jadwal//ID"
CONTENT_TYPE = "text/calendar; charset=utf-8"


class Pending(enum.Enum):
    """What organisers have not announced yet about an event's time."""

    HOURS = "hours"
    DAY_AND_HOURS = "day_and_hours"


def event_uid(kind: str, pk: int, *, base_url: str) -> str:
    """A UID that never changes for one object of one kind (`acara-12@example.org`)."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"{kind}-{pk}@{host}"


def new_calendar(name: str) -> icalendar.Calendar:
    """An empty calendar named `name`, as subscribing calendar apps expect it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Subscribed calendars check for changes hourly.
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def new_event(
    *,
    uid: str,
    stamp: datetime.datetime,
    summary: str,
    start: datetime.datetime | datetime.date | None,
    end: datetime.datetime | datetime.date | None = None,
    pending: Pending | None = None,
    description: str = "",
    location: str = "",
    url: str = "",
    categories: Sequence[str] = (),
    confirmed: bool = False,
) -> icalendar.Event:
    """One VEVENT.

    `start` an aware datetime: a timed event, with DTEND only when `end` is given.
    `start` a date: an all-day event from `start` to `end` (the last day, inclusive; the
    same day when None), shown as free time. `start` None: nothing is known of the time
    yet, so the event has no DTSTART. `pending` says the hours (or the day and the
    hours) are still to be announced, in the title and the description.
    """
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    if isinstance(start, datetime.datetime):
        event.add("dtstart", start)
        if end is not None:
            event.add("dtend", end)
    elif start is not None:
        event.add("dtstart", start)
        event.add("dtend", (end or start) + datetime.timedelta(days=1))
        # An all-day event (an exhibition, a day not yet timed) should not block the
        # reader's day as busy.
        event.add("transp", "TRANSPARENT")
    if pending is Pending.HOURS:
        summary = _("%(title)s (jam menyusul)") % {"title": summary}
        note = _("Jam acara akan diumumkan panitia.")
    elif pending is Pending.DAY_AND_HOURS:
        summary = _("%(title)s (hari dan jam menyusul)") % {"title": summary}
        note = _("Hari dan jam acara akan diumumkan panitia.")
    else:
        note = ""
    event.add("summary", summary)
    if note:
        description = f"{description}\n\n{note}" if description else note
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if categories:
        event.add("categories", list(categories))
    if url:
        event.add("url", url)
    if confirmed:
        event.add("status", "CONFIRMED")
    return event


def to_ics(calendar: icalendar.Calendar) -> bytes:
    """The calendar as the bytes of an .ics file, with the VTIMEZONE its events need."""
    calendar.add_missing_timezones()
    return calendar.to_ical()
