"""Reads of the desk queue: what can be booked, a day's slots with places left, a desk's
waiting line. Each is a fixed number of queries, whatever the number of tickets."""

import dataclasses
import datetime
import math
import statistics

from django.db.models import Count, Q
from django.urls import reverse

from festival.models import Edition
from services.models import Offering
from services.queue import domain
from services.queue.models import Desk, DeskDay, Slot, Ticket


@dataclasses.dataclass(frozen=True)
class SlotPlaces:
    slot: Slot
    left: int

    @property
    def key(self) -> str:
        return self.slot.key


@dataclasses.dataclass(frozen=True)
class BookableDay:
    desk_day: DeskDay
    places_left: int


@dataclasses.dataclass(frozen=True)
class BookableDesk:
    desk: Desk
    days: list[BookableDay]


def _booked_per_slot(desk_days) -> dict[tuple[int, datetime.time], int]:
    rows = (
        Ticket.objects.filter(desk_day__in=desk_days, kind=Ticket.Kind.BOOKED)
        .active()
        .values("desk_day_id", "slot_start")
        .annotate(n=Count("pk"))
    )
    return {(row["desk_day_id"], row["slot_start"]): row["n"] for row in rows}


def slot_places(day: DeskDay, *, now: datetime.datetime, booked=None) -> list[SlotPlaces]:
    """The day's slots still ahead with their online places left (none when closed)."""
    if booked is None:
        booked = _booked_per_slot([day.pk])
    return [
        SlotPlaces(slot=slot, left=max(0, day.online_quota - booked.get((day.pk, slot.start), 0)))
        for slot in day.slots()
        if domain.slot_is_future(day, slot.start, now=now)
    ]


def bookable_desks(edition: Edition | None, *, now: datetime.datetime) -> list[BookableDesk]:
    """The published services of `edition` with the days that take bookings now and the places
    left on each; empty when the edition takes no forms or no hours are set."""
    if edition is None:
        return []
    days = list(
        DeskDay.objects.open()
        .filter(
            desk__offering__edition=edition,
            desk__offering__is_published=True,
            desk__offering__service__is_published=True,
        )
        .select_related("desk__offering__service", "desk__offering__edition")
        .order_by("desk__offering__order", "desk__offering__service__order", "desk__pk", "day")
    )
    days = [day for day in days if domain.bookable(day, now=now)]
    booked = _booked_per_slot([day.pk for day in days])
    result: dict[int, BookableDesk] = {}
    for day in days:
        left = sum(p.left for p in slot_places(day, now=now, booked=booked))
        entry = result.setdefault(day.desk_id, BookableDesk(desk=day.desk, days=[]))
        entry.days.append(BookableDay(desk_day=day, places_left=left))
    return list(result.values())


def desk_day_for_booking(edition: Edition | None, slug: str, day: datetime.date) -> DeskDay | None:
    if edition is None:
        return None
    return (
        DeskDay.objects.select_related("desk__offering__service", "desk__offering__edition")
        .filter(desk__offering__edition=edition, desk__offering__service__slug=slug, day=day)
        .first()
    )


def ticket_by_secret(secret: str) -> Ticket | None:
    return Ticket.objects.for_ticket_page().filter(secret=secret).first()


def todays_desk_days(edition: Edition | None, today: datetime.date):
    """The desk days of `edition` on `today`, for the desk staff's choice."""
    if edition is None:
        return DeskDay.objects.none()
    return (
        DeskDay.objects.filter(desk__offering__edition=edition, day=today)
        .select_related("desk__offering__service")
        .order_by("desk__offering__order", "desk__pk")
    )


@dataclasses.dataclass(frozen=True)
class DeskView:
    waiting: list[Ticket]
    called: list[Ticket]
    counts: dict[str, int]


def desk_view(day: DeskDay) -> DeskView:
    """A desk day's line: who waits (in call order), who is at a counter, counts by status."""
    # With the request made ahead, if one is attached: the desk sees both at once.
    tickets = Ticket.objects.filter(desk_day=day).select_related(
        "desk_day__desk", "service_request"
    )
    waiting = list(domain.call_order(tickets))
    called = list(tickets.filter(status=Ticket.Status.CALLED).order_by("counter"))
    counts = Ticket.objects.filter(desk_day=day).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Ticket.Status.values},
        walk_in=Count("pk", filter=Q(kind=Ticket.Kind.WALK_IN)),
    )
    return DeskView(waiting=waiting, called=called, counts=counts)


def ticket_by_number(day: DeskDay, typed: str) -> Ticket | None:
    """The ticket of `day` whose number was typed as on the slip: "KIA-014", "kia14", "14"."""
    digits = "".join(ch for ch in typed if ch.isdigit())
    letters = "".join(ch for ch in typed if ch.isalpha()).upper()
    if not digits or len(digits) > 6 or (letters and letters != day.desk.prefix):
        return None
    return (
        Ticket.objects.filter(desk_day=day, number=int(digits))
        .select_related("desk_day__desk")
        .first()
    )


@dataclasses.dataclass(frozen=True)
class CounterNow:
    number: int
    ticket: Ticket | None


@dataclasses.dataclass(frozen=True)
class ScreenDesk:
    """One desk on the venue's queue screen: who is at each counter, who is called next."""

    desk_day: DeskDay
    counters: list[CounterNow]
    next: list[Ticket]
    waiting: int


SCREEN_NEXT = 5


def screen_desks(edition: Edition | None, today: datetime.date) -> list[ScreenDesk]:
    """The published desks of `edition` open `today`, each with the ticket now at each counter
    and the next SCREEN_NEXT waiting in call order. Two queries, whatever the number of desks
    and tickets (the waiting are ordered as domain.call_order orders them)."""
    if edition is None:
        return []
    days = list(
        DeskDay.objects.open()
        .filter(
            desk__offering__edition=edition,
            desk__offering__is_published=True,
            desk__offering__service__is_published=True,
            day=today,
        )
        .select_related("desk__offering__service")
        .order_by("desk__offering__order", "desk__offering__service__order", "desk__pk")
    )
    called: dict[tuple[int, int], Ticket] = {}
    waiting: dict[int, list[Ticket]] = {day.pk: [] for day in days}
    by_pk = {day.pk: day for day in days}
    tickets = Ticket.objects.filter(
        desk_day__in=days, status__in=[Ticket.Status.PRESENT, Ticket.Status.CALLED]
    ).order_by(*domain.CALL_ORDER)
    for ticket in tickets if days else []:
        ticket.desk_day = by_pk[ticket.desk_day_id]  # known: no query per ticket
        if ticket.status == Ticket.Status.CALLED:
            called[(ticket.desk_day_id, ticket.counter)] = ticket
        else:
            waiting[ticket.desk_day_id].append(ticket)
    return [
        ScreenDesk(
            desk_day=day,
            counters=[
                CounterNow(number=n, ticket=called.get((day.pk, n)))
                for n in day.desk.counter_numbers()
            ],
            next=waiting[day.pk][:SCREEN_NEXT],
            waiting=len(waiting[day.pk]),
        )
        for day in days
    ]


# --- Links and results ---------------------------------------------------------------------


def booking_url(offering, *, now: datetime.datetime) -> str | None:
    """Where to book a number of `offering`'s desk: its day's page when one day takes
    bookings now, the queue's start page when several do, None when none does. One query."""
    days = [
        day
        for day in DeskDay.objects.open()
        .filter(desk__offering=offering)
        .select_related("desk__offering__service", "desk__offering__edition")
        .order_by("day")
        if domain.bookable(day, now=now)
    ]
    if not days:
        return None
    if len(days) == 1:
        day = days[0]
        return reverse(
            "queue:book", kwargs={"slug": day.desk.offering.service.slug, "day": day.day}
        )
    return reverse("queue:start")


@dataclasses.dataclass(frozen=True)
class ServedRow:
    offering: Offering
    tickets: int
    served: int


def edition_results(edition: Edition) -> list[ServedRow]:
    """Per service of `edition` whose desk gave numbers: the numbers given (booked or walk-in,
    not cancelled) and the people served. Two queries (one when there are no tickets)."""
    counted = {
        row["desk_day__desk__offering"]: row
        for row in Ticket.objects.filter(desk_day__desk__offering__edition=edition)
        .active()
        .values("desk_day__desk__offering")
        .annotate(n=Count("pk"), served=Count("pk", filter=Q(status=Ticket.Status.SERVED)))
        .order_by()
    }
    if not counted:
        return []
    offerings = (
        Offering.objects.filter(pk__in=counted)
        .select_related("service")
        .order_by("order", "service__order", "service__name", "pk")
    )
    return [
        ServedRow(offering=o, tickets=counted[o.pk]["n"], served=counted[o.pk]["served"])
        for o in offerings
    ]


# --- Organisers' counts --------------------------------------------------------------------

COUNT_FIELDS = ["booked", "present", "served", "no_show", "walk_in", "cancelled"]


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank percentile: the value at rank ⌈q/100 × n⌉ of the values sorted from
    smallest (so at least q % of the values are at most it); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclasses.dataclass
class CountRow:
    """Counts of one service, one service's day, or one slot of that day (`day` and `slot`
    None above their level), and the minutes from arrival to call of those called."""

    offering: Offering
    day: datetime.date | None = None
    slot: datetime.time | None = None
    booked: int = 0
    present: int = 0
    served: int = 0
    no_show: int = 0
    walk_in: int = 0
    cancelled: int = 0
    waits: list[float] = dataclasses.field(default_factory=list)

    def add(self, counts: dict) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + counts[name])

    @property
    def median_wait(self) -> float | None:
        """The median (the middle value; of an even number, the mean of the two middle)."""
        return statistics.median(self.waits) if self.waits else None

    @property
    def p90_wait(self) -> float | None:
        return percentile(self.waits, 90)


@dataclasses.dataclass(frozen=True)
class QueueCounts:
    services: list[CountRow]
    days: list[CountRow]
    slots: list[CountRow]


def queue_counts(edition: Edition) -> QueueCounts:
    """The organisers' counts of `edition`'s desks, per service, per service and day, and per
    slot: numbers booked online (cancelled ones included), booked people who came (present),
    served, not come (no-show), walk-ins, cancelled; and the minutes from arrival to call.

    Counts are aggregated in the database (one query); the waits are read as (arrival, call)
    pairs of the called tickets (one query) and their median and 90th percentile computed
    here. Three queries in all, whatever the number of tickets."""
    tickets = Ticket.objects.filter(desk_day__desk__offering__edition=edition)
    key = ("desk_day__desk__offering", "desk_day__day", "slot_start")
    rows = (
        tickets.values(*key)
        .annotate(
            booked=Count("pk", filter=Q(kind=Ticket.Kind.BOOKED)),
            present=Count("pk", filter=Q(kind=Ticket.Kind.BOOKED, arrived_at__isnull=False)),
            served=Count("pk", filter=Q(status=Ticket.Status.SERVED)),
            no_show=Count("pk", filter=Q(status=Ticket.Status.NO_SHOW)),
            walk_in=Count("pk", filter=Q(kind=Ticket.Kind.WALK_IN)),
            cancelled=Count("pk", filter=Q(status=Ticket.Status.CANCELLED)),
        )
        .order_by()
    )
    waits: dict[tuple, list[float]] = {}
    for *group, arrived, called in tickets.filter(
        arrived_at__isnull=False, called_at__isnull=False
    ).values_list(*key, "arrived_at", "called_at"):
        minutes = max(0.0, (called - arrived).total_seconds() / 60)
        waits.setdefault(tuple(group), []).append(minutes)
    rows = list(rows)
    offerings = {
        o.pk: o
        for o in Offering.objects.filter(pk__in={row[key[0]] for row in rows}).select_related(
            "service"
        )
    }
    order = sorted(
        offerings.values(), key=lambda o: (o.order, o.service.order, o.service.name, o.pk)
    )
    position = {o.pk: n for n, o in enumerate(order)}
    services: dict[int, CountRow] = {}
    days: dict[tuple, CountRow] = {}
    slots: list[CountRow] = []
    for row in sorted(rows, key=lambda r: (position[r[key[0]]], r[key[1]], r[key[2]])):
        offering = offerings[row[key[0]]]
        group = (row[key[0]], row[key[1]], row[key[2]])
        slot_waits = waits.get(group, [])
        slot = CountRow(offering=offering, day=row[key[1]], slot=row[key[2]], waits=slot_waits)
        slot.add(row)
        slots.append(slot)
        day = days.setdefault(group[:2], CountRow(offering=offering, day=row[key[1]]))
        day.add(row)
        day.waits.extend(slot_waits)
        service = services.setdefault(group[0], CountRow(offering=offering))
        service.add(row)
        service.waits.extend(slot_waits)
    return QueueCounts(services=list(services.values()), days=list(days.values()), slots=slots)
