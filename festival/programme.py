"""The programme as visitors read it: grouped by day, and what is on now and next.

Everything here is a read computed from one list of items and one moment (`festival.sitewide.clock`),
so the programme page, a day page and the home page agree, and tests freeze time.

How "now" is decided, without ever inventing an hour:
- a timed item with an end runs from its start to its end;
- a timed item without an end runs from its start until the next timed item of its day
  starts, or until the end of its day;
- an all-day item runs for its whole day;
- an item whose time is still to be announced is never "now" or "next" (nobody knows when),
  but it is past once its day is over.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from festival.models import Edition, ProgrammeItem

NOW, NEXT, PAST, UPCOMING = "now", "next", "past", "upcoming"


@dataclass
class Entry:
    """An item with its state at the moment the page was made."""

    item: ProgrammeItem
    status: str = UPCOMING

    is_now = property(lambda self: self.status == NOW)
    is_next = property(lambda self: self.status == NEXT)
    is_past = property(lambda self: self.status == PAST)


@dataclass
class Day:
    date: datetime.date
    entries: list[Entry] = field(default_factory=list)
    is_today: bool = False


@dataclass
class Programme:
    edition: Edition
    days: list[Day]
    # Items whose day organisers have not announced yet.
    unscheduled: list[Entry]
    now: list[Entry]
    next: list[Entry]
    # Today's items whose time is still to be announced (shown beside now/next).
    today_tba: list[Entry]
    is_live: bool

    @property
    def is_empty(self) -> bool:
        return not self.unscheduled and not any(day.entries for day in self.days)

    @property
    def tomorrow(self) -> "Day | None":
        """While the festival is on, the next festival day (None on the last day)."""
        if not self.is_live:
            return None
        for index, day in enumerate(self.days[:-1]):
            if day.is_today:
                return self.days[index + 1]
        return None


def _day_bounds(date: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_default_timezone()
    start = datetime.datetime.combine(date, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def _running_window(item, timed_starts_of_day):
    """(start, end) of the time an item is on, or None when its time is not known."""
    if item.day_tba:
        return None
    if item.is_timed:
        start = item.starts_at
        end = item.ends_at
        if end is None:
            later = [s for s in timed_starts_of_day if s > start]
            end = min(later) if later else _day_bounds(item.date)[1]
        return start, end
    if item.is_all_day:
        return _day_bounds(item.date)
    return None


def build_programme(
    edition: Edition,
    items: list[ProgrammeItem],
    *,
    moment: datetime.datetime,
    kind: str | None = None,
) -> Programme:
    """Group `items` (published, in order) by the festival's days and mark their state.

    States are only marked while the festival is on (`moment` within its days, in WIB):
    before it nothing is past, after it there is nothing to point at. `kind` keeps only
    items of that kind, after states were computed on the whole programme, so a filter
    never changes what counts as "now".
    """
    local = timezone.localtime(moment)
    today = local.date()
    is_live = edition.start_date <= today <= edition.end_date

    starts_by_day: dict[datetime.date, list[datetime.datetime]] = {}
    for item in items:
        if item.is_timed:
            starts_by_day.setdefault(item.date, []).append(item.starts_at)

    entries = [Entry(item) for item in items]
    if is_live:
        upcoming_starts = []
        for entry in entries:
            item = entry.item
            window = _running_window(item, starts_by_day.get(item.date, []))
            if window is not None:
                start, end = window
                if end <= local:
                    entry.status = PAST
                elif start <= local:
                    entry.status = NOW
                elif item.is_timed:
                    upcoming_starts.append(start)
            elif not item.day_tba and item.date < today:
                entry.status = PAST
        if upcoming_starts:
            soonest = min(upcoming_starts)
            for entry in entries:
                if entry.status == UPCOMING and entry.item.starts_at == soonest:
                    entry.status = NEXT

    shown = [e for e in entries if not kind or e.item.kind == kind]
    days = [Day(date=date, is_today=is_live and date == today) for date in edition.days]
    by_date = {day.date: day for day in days}
    unscheduled = []
    for entry in shown:
        if entry.item.day_tba:
            unscheduled.append(entry)
        elif entry.item.date in by_date:
            by_date[entry.item.date].entries.append(entry)

    return Programme(
        edition=edition,
        days=days,
        unscheduled=unscheduled,
        now=[e for e in shown if e.is_now],
        next=[e for e in shown if e.is_next],
        today_tba=[
            e
            for e in shown
            if is_live
            and e.item.date == today
            and not e.item.day_tba
            and not e.item.is_timed
            and not e.item.is_all_day
        ],
        is_live=is_live,
    )


def programme_of(edition: Edition, *, moment: datetime.datetime, kind: str | None = None):
    """The published programme of `edition` at `moment` (one query)."""
    items = list(ProgrammeItem.objects.of_edition(edition))
    return build_programme(edition, items, moment=moment, kind=kind)
