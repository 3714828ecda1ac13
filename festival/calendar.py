"""The programme as iCalendar (RFC 5545), built with the site's one builder
(festival.sitewide.ical: UIDs, time zone, DTSTAMP and unknown hours are handled there).

- Timed items start at their hour in WIB and end only where organisers gave an end time;
  all-day items are DATE values; an item whose time is to be announced is a DATE event on
  its day, saying so in its title, so no calendar shows a made-up hour.
- Items whose day is not announced are left out: a calendar needs a day.
"""

import datetime

import icalendar

from festival.models import Edition, ProgrammeItem
from festival.sitewide import ical
from festival.sitewide.i18n import localized
from festival.sitewide.ical import CONTENT_TYPE

__all__ = ["CONTENT_TYPE", "item_event", "programme_calendar", "single_item_calendar"]


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
    if item.is_timed:
        start, end, pending = item.starts_at, item.ends_at, None
    else:
        start, end = item.date, None
        pending = None if item.is_all_day else ical.Pending.HOURS
    return ical.new_event(
        uid=ical.event_uid("acara", item.pk, base_url=base_url),
        stamp=stamp,
        summary=localized(item, "title"),
        start=start,
        end=end,
        pending=pending,
        description=localized(item, "description"),
        location=_location(item, edition),
        categories=[str(item.get_kind_display())],
        url=base_url.rstrip("/") + item.get_absolute_url(),
        confirmed=True,
    )


def programme_calendar(
    edition: Edition,
    items: list[ProgrammeItem],
    *,
    stamp: datetime.datetime,
    base_url: str,
) -> bytes:
    """The whole published programme of `edition` as an .ics file."""
    calendar = ical.new_calendar(localized(edition, "name"))
    for item in items:
        if not item.day_tba:
            calendar.add_component(
                item_event(item, edition=edition, stamp=stamp, base_url=base_url)
            )
    return ical.to_ics(calendar)


def single_item_calendar(item: ProgrammeItem, *, stamp: datetime.datetime, base_url: str) -> bytes:
    """One programme item as an .ics file (the item must have a known day)."""
    edition = item.edition
    calendar = ical.new_calendar(f"{localized(item, 'title')} – {localized(edition, 'name')}")
    calendar.add_component(item_event(item, edition=edition, stamp=stamp, base_url=base_url))
    return ical.to_ics(calendar)
