"""Reads of the desk queue: what can be booked, a day's slots with places left, a desk's
waiting line. Each is a fixed number of queries, whatever the number of tickets."""

import dataclasses
import datetime

from django.db.models import Count, Q

from festival.models import Edition
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
    tickets = Ticket.objects.filter(desk_day=day).select_related("desk_day__desk")
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
