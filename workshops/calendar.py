"""The workshop as an iCalendar event, for "add to calendar" and the email attachment.

Built with the site's one builder (festival.sitewide.ical), like the programme's calendar:
the same time zone, a stable UID, DTSTAMP from the festival clock, and no invented hours.
"""

import datetime

from django.utils import timezone

from festival.sitewide import clock, ical
from festival.sitewide.i18n import localized
from workshops.models import Workshop


def _location(workshop: Workshop) -> str:
    edition = workshop.edition
    venue = localized(edition, "venue_name")
    return ", ".join(p for p in (localized(workshop, "place"), venue, edition.venue_locality) if p)


def workshop_ics(workshop: Workshop, *, url: str) -> bytes:
    """The workshop as an .ics file with one VEVENT; `url` is its page's absolute address.

    Timed in WIB when the day and the start are known, ending only where organisers gave an
    end time. A known day without a time is an all-day event saying the hours will be
    announced; while the day itself is not announced, an all-day event over its festival
    edition's days saying so.
    """
    day, starts, ends = workshop.day, workshop.starts, workshop.ends
    end = None
    if day and starts:
        zone = timezone.get_default_timezone()
        start = datetime.datetime.combine(day, starts, tzinfo=zone)
        if ends:
            end = datetime.datetime.combine(day, ends, tzinfo=zone)
        pending = None
    elif day:
        start, pending = day, ical.Pending.HOURS
    else:
        start, end = workshop.edition.start_date, workshop.edition.end_date
        pending = ical.Pending.DAY_AND_HOURS
    title = localized(workshop, "title")
    description = localized(workshop, "description")
    event = ical.new_event(
        uid=ical.event_uid("workshop", workshop.pk, base_url=url),
        stamp=clock.now(),
        summary=title,
        start=start,
        end=end,
        pending=pending,
        description=f"{description}\n\n{url}".strip(),
        location=_location(workshop),
        url=url,
    )
    calendar = ical.new_calendar(title)
    calendar.add_component(event)
    return ical.to_ics(calendar)
