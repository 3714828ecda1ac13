"""The programme as iCalendar (RFC 5545), made with the `icalendar` library.

- UIDs are built from the item's primary key and the site's host name, so they stay the
  same when organisers change a title, a slug or a time, and in both languages: a calendar
  that imported the file updates the event instead of adding a second one.
- Timed items carry TZID=Asia/Jakarta with a VTIMEZONE (09:00 WIB is 02:00 UTC); all-day
  items are DATE values; an item whose time is to be announced is a DATE event on its day,
  saying so in its title, so no calendar shows a made-up hour.
- Items whose day is not announced are left out: a calendar needs a day.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.utils.translation import gettext as _

from festival.models import Edition, ProgrammeItem
from festival.sitewide.i18n import localized

PRODID = "-//Festival Pelayanan Publik Banyuwangi//Jadwal//ID"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def item_uid(item: ProgrammeItem, *, base_url: str) -> str:
    host = urlsplit(base_url).hostname or "localhost"
    return f"acara-{item.pk}@{host}"


def _location(item: ProgrammeItem, edition: Edition) -> str:
    parts = [localized(item, "place") or localized(edition, "venue_name")]
    if edition.venue_address:
        parts.append(edition.venue_address)
    parts.append(edition.venue_locality)
    return ", ".join(p for p in parts if p)


def item_event(
    item: ProgrammeItem, *, edition: Edition, stamp: datetime.datetime, base_url: str
) -> icalendar.Event:
    """One VEVENT for a programme item with a known day."""
    event = icalendar.Event()
    event.add("uid", item_uid(item, base_url=base_url))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    title = localized(item, "title")
    if item.is_timed:
        event.add("dtstart", item.starts_at)
        if item.ends_at is not None:
            event.add("dtend", item.ends_at)
    else:
        event.add("dtstart", item.date)
        event.add("dtend", item.date + datetime.timedelta(days=1))
        # An all-day exhibition should not block the reader's day as busy.
        event.add("transp", "TRANSPARENT")
        if not item.is_all_day:
            title = _("%(title)s (jam menyusul)") % {"title": title}
    event.add("summary", title)
    description = localized(item, "description")
    if not item.is_timed and not item.is_all_day:
        note = _("Jam acara akan diumumkan panitia.")
        description = f"{description}\n\n{note}" if description else note
    if description:
        event.add("description", description)
    event.add("location", _location(item, edition))
    event.add("categories", [str(item.get_kind_display())])
    event.add("url", base_url.rstrip("/") + item.get_absolute_url())
    event.add("status", "CONFIRMED")
    return event


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Jakarta")
    # Subscribed calendars check for changes hourly.
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def _finish(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def programme_calendar(
    edition: Edition,
    items: list[ProgrammeItem],
    *,
    stamp: datetime.datetime,
    base_url: str,
) -> bytes:
    """The whole published programme of `edition` as an .ics file."""
    calendar = _calendar(localized(edition, "name"))
    for item in items:
        if not item.day_tba:
            calendar.add_component(
                item_event(item, edition=edition, stamp=stamp, base_url=base_url)
            )
    return _finish(calendar)


def single_item_calendar(item: ProgrammeItem, *, stamp: datetime.datetime, base_url: str) -> bytes:
    """One programme item as an .ics file (the item must have a known day)."""
    edition = item.edition
    calendar = _calendar(f"{localized(item, 'title')} – {localized(edition, 'name')}")
    calendar.add_component(item_event(item, edition=edition, stamp=stamp, base_url=base_url))
    return _finish(calendar)
