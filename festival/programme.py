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


def _state_at(item: ProgrammeItem, local: datetime.datetime, timed_starts_of_day) -> str:
    """PAST, NOW or UPCOMING for one item; which upcoming item is NEXT needs them all."""
    window = _running_window(item, timed_starts_of_day)
    if window is None:
        # Its time is unknown: never now, but past once its (known) day is over.
        return PAST if not item.day_tba and item.date < local.date() else UPCOMING
    start, end = window
    if end <= local:
        return PAST
    if start <= local:
        return NOW
    return UPCOMING


def mark_states(items: list[ProgrammeItem], *, moment: datetime.datetime) -> list[Entry]:
    """Each item (in order) with its state at `moment`: past, now, next or upcoming.

    "Next" goes to every timed item starting at the soonest start still to come, on any day;
    an item without a known time is never now or next.
    """
    local = timezone.localtime(moment)
    starts_by_day: dict[datetime.date, list[datetime.datetime]] = {}
    for item in items:
        if item.is_timed:
            starts_by_day.setdefault(item.date, []).append(item.starts_at)
    entries = [
        Entry(item, _state_at(item, local, starts_by_day.get(item.date, []))) for item in items
    ]
    upcoming = [e for e in entries if e.status == UPCOMING and e.item.is_timed]
    if upcoming:
        soonest = min(e.item.starts_at for e in upcoming)
        for entry in upcoming:
            if entry.item.starts_at == soonest:
                entry.status = NEXT
    return entries


def group_by_day(
    entries: list[Entry], *, dates: list[datetime.date], today: datetime.date | None = None
) -> tuple[list[Day], list[Entry]]:
    """The festival's `dates` each with its entries (order kept), and apart the entries whose
    day is not announced. An entry dated outside `dates` is left out; the day equal to
    `today` (None while the festival is not on) is marked as today."""
    days = [Day(date=date, is_today=date == today) for date in dates]
    by_date = {day.date: day for day in days}
    unscheduled = []
    for entry in entries:
        if entry.item.day_tba:
            unscheduled.append(entry)
        elif entry.item.date in by_date:
            by_date[entry.item.date].entries.append(entry)
    return days, unscheduled


def _time_to_be_announced(entry: Entry, *, today: datetime.date) -> bool:
    """An item of `today` whose hour is not announced (neither timed nor all day)."""
    item = entry.item
    return item.date == today and not item.day_tba and not item.is_timed and not item.is_all_day


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
    today = timezone.localtime(moment).date()
    is_live = edition.start_date <= today <= edition.end_date
    entries = mark_states(items, moment=moment) if is_live else [Entry(i) for i in items]
    shown = [e for e in entries if not kind or e.item.kind == kind]
    days, unscheduled = group_by_day(shown, dates=edition.days, today=today if is_live else None)
    return Programme(
        edition=edition,
        days=days,
        unscheduled=unscheduled,
        now=[e for e in shown if e.is_now],
        next=[e for e in shown if e.is_next],
        today_tba=[e for e in shown if is_live and _time_to_be_announced(e, today=today)],
        is_live=is_live,
    )


def programme_of(edition: Edition, *, moment: datetime.datetime, kind: str | None = None):
    """The published programme of `edition` at `moment` (one query)."""
    items = list(ProgrammeItem.objects.of_edition(edition).select_related("booth"))
    for item in items:
        item.edition = edition  # known already: no query per item for its links
    return build_programme(edition, items, moment=moment, kind=kind)
