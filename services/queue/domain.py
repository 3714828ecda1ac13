"""The rules of the desk queue: booking a number, cancelling it, marking arrival, giving a
walk-in a number, calling the next person to a counter, and closing a ticket (served or not
come).

Every change to a day's queue first locks that desk day's row (`SELECT … FOR UPDATE` on
PostgreSQL; on SQLite every transaction begins IMMEDIATE, so writers queue), then counts and
writes. So a slot's online quota holds, numbers never repeat, and two counters calling at once
never get the same person, however many server processes run. Functions that staff trigger
take `by` and record the change in the audit trail (festival.sitewide.audit).
"""

import datetime
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from festival.models import Edition
from festival.queries import accepts_forms
from festival.sitewide import audit, clock
from festival.sitewide.tasks import enqueue_on_commit
from services.models import Offering, ServiceRequest
from services.queue import tasks
from services.queue.models import Desk, DeskDay, Ticket


class QueueRefused(Exception):
    """A change to the queue that the rules refuse; `code` names the rule."""

    code = "refused"

    def __init__(self, *args):
        super().__init__(self.code, *args)


class BookingClosed(QueueRefused):
    """The day takes no bookings: no hours set, not the current edition, or the day is over."""

    code = "closed"


class SlotUnavailable(QueueRefused):
    """The slot is not one of the day's, has begun, or its online places are gone."""

    code = "slot_unavailable"


class PhoneAlreadyBooked(QueueRefused):
    """The phone already holds a number of this desk on this day."""

    code = "duplicate_phone"

    def __init__(self, ticket: Ticket):
        super().__init__()
        self.ticket = ticket


class RequestNotFound(QueueRefused):
    """The request reference given does not match a request of this offering with this phone."""

    code = "request_not_found"


class NotAllowed(QueueRefused):
    """What was asked of a ticket is not possible in its present state (`status`)."""

    code = "not_allowed"

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


class NotToday(QueueRefused):
    """Arrival and calling happen on the desk day itself."""

    code = "not_today"


class CounterBusy(QueueRefused):
    """The counter still has a called person: mark them served or not come first."""

    code = "counter_busy"

    def __init__(self, ticket: Ticket):
        super().__init__()
        self.ticket = ticket


class UnknownCounter(QueueRefused):
    code = "unknown_counter"


# What the audit trail says (stored text read by organisers: plain Indonesian, no names).
MARKED_PRESENT = "Dicatat hadir di meja layanan"
WALK_IN_GIVEN = "Nomor diberikan kepada yang datang langsung"
CALLED = "Dipanggil ke loket {counter}"
SERVED = "Selesai dilayani"
NO_SHOW = "Dicatat tidak datang"
CANCELLED_BY_STAFF = "Dibatalkan oleh petugas"


def _locked_day(desk_day_id: int) -> DeskDay:
    return (
        DeskDay.objects.select_for_update(of=("self",))
        .select_related("desk__offering__edition", "desk__offering__service")
        .get(pk=desk_day_id)
    )


def _locked_ticket(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def _next_number(day: DeskDay) -> int:
    day.last_number += 1
    day.save(update_fields=["last_number"])
    return day.last_number


def _unique_secret() -> str:
    while True:
        secret = secrets.token_urlsafe(32)
        if not Ticket.objects.filter(secret=secret).exists():
            return secret


def bookable(day: DeskDay, *, now: datetime.datetime) -> bool:
    """Whether `day` takes bookings now: hours set, of the edition that takes forms, not over."""
    local = timezone.localtime(now)
    return (
        day.is_open
        and accepts_forms(day.desk.offering.edition)
        and day.day >= local.date()
        and day.desk.offering.is_published
        and day.desk.offering.service.is_published
    )


def slot_is_future(day: DeskDay, slot_start: datetime.time, *, now: datetime.datetime) -> bool:
    return day.moment(slot_start) > now


@transaction.atomic
def book_number(
    *,
    desk_day: DeskDay,
    slot_start: datetime.time,
    name: str,
    phone: str,
    email: str = "",
    language: str = "id",
    request_code: str = "",
) -> Ticket:
    """Book a number in `desk_day`'s series for the slot starting at `slot_start`.

    Promises: never more live bookings in a slot than its online quota (quota less the
    walk-in share), under any number of concurrent requests on any number of processes (the
    day's row is locked, then the slot counted); numbers are 1, 2, 3 … per desk day, never
    repeated; one booking per phone per desk day (PhoneAlreadyBooked; a cancelled one frees
    it; the database constraint backs it); refuses a day that takes no bookings
    (BookingClosed), a slot that is not the day's, has begun or is full (SlotUnavailable),
    and a request reference that is not a request of this offering with this phone
    (RequestNotFound), which is then attached to the ticket. With an `email`, one
    confirmation in `language` is emailed after the transaction commits (none for a booking
    that rolls back, and none again for the same ticket).
    """
    now = clock.now()
    day = _locked_day(desk_day.pk)
    if not bookable(day, now=now):
        raise BookingClosed
    if slot_start not in {slot.start for slot in day.slots()} or not slot_is_future(
        day, slot_start, now=now
    ):
        raise SlotUnavailable
    service_request = None
    if request_code:
        service_request = _matching_request(day.desk.offering, request_code, phone)
    holder = day.tickets.filter(kind=Ticket.Kind.BOOKED, phone=phone).active().first()
    if holder is not None:
        raise PhoneAlreadyBooked(holder)
    taken = day.tickets.filter(kind=Ticket.Kind.BOOKED, slot_start=slot_start).active().count()
    if taken >= day.online_quota:
        raise SlotUnavailable
    ticket = Ticket(
        desk_day=day,
        number=_next_number(day),
        kind=Ticket.Kind.BOOKED,
        slot_start=slot_start,
        name=name,
        phone=phone,
        email=email,
        language=language,
        service_request=service_request,
        secret=_unique_secret(),
        created_at=now,
    )
    ticket.full_clean(validate_unique=False, validate_constraints=False)
    ticket.save()
    if ticket.email:
        enqueue_on_commit(tasks.send_booking_email, ticket_id=ticket.pk)
    return ticket


def _matching_request(offering: Offering, code: str, phone: str) -> ServiceRequest:
    found = (
        ServiceRequest.objects.filter(code=code, offering=offering, erased_at__isnull=True)
        .only("pk", "phone")
        .first()
    )
    stored = found.phone if found is not None else "+62"
    if found is None or not secrets.compare_digest(stored.encode(), phone.encode()):
        raise RequestNotFound
    return found


@transaction.atomic
def cancel_ticket(*, ticket: Ticket, by: AbstractBaseUser | None) -> Ticket:
    """Cancel a booked number that has not yet been used; its place in the slot is free again.

    Promises: only a ticket still booked (not yet arrived, called or closed) is cancelled
    (NotAllowed otherwise); cancelling twice changes nothing; not after the desk day
    (BookingClosed). `by` is staff (recorded in the audit trail) or None for the booker.
    """
    _locked_day(ticket.desk_day_id)
    current = _locked_ticket(ticket)
    if current.status == Ticket.Status.CANCELLED:
        return current
    if current.status != Ticket.Status.BOOKED:
        raise NotAllowed(current.status)
    if current.desk_day.day < clock.today():
        raise BookingClosed
    current.status = Ticket.Status.CANCELLED
    current.cancelled_at = clock.now()
    current.save(update_fields=["status", "cancelled_at"])
    audit.record(user=by, objects=[current], message=CANCELLED_BY_STAFF)
    ticket.status, ticket.cancelled_at = current.status, current.cancelled_at
    return current


@transaction.atomic
def mark_present(*, ticket: Ticket, by: AbstractBaseUser | None) -> Ticket:
    """Record that a booked person arrived at the desk (scanned QR or typed number).

    Promises: only a booked ticket, only on its desk day (NotToday); arriving after the slot's
    start plus the day's grace marks the ticket late: it is called after everyone on time.
    Recorded in the audit trail.
    """
    day = _locked_day(ticket.desk_day_id)
    current = _locked_ticket(ticket)
    if current.status != Ticket.Status.BOOKED:
        raise NotAllowed(current.status)
    if day.day != clock.today():
        raise NotToday
    now = clock.now()
    current.desk_day = day
    current.status = Ticket.Status.PRESENT
    current.arrived_at = now
    current.is_late = now > current.late_after
    current.save(update_fields=["status", "arrived_at", "is_late"])
    audit.record(user=by, objects=[current], message=MARKED_PRESENT)
    ticket.status, ticket.arrived_at, ticket.is_late = "present", now, current.is_late
    return current


@transaction.atomic
def give_walk_in_number(
    *, desk_day: DeskDay, by: AbstractBaseUser | None, name: str = ""
) -> Ticket:
    """Give someone who came without booking the next number of the day's series.

    Promises: only on the desk day itself with hours set (NotToday, BookingClosed); the
    ticket is present at once, in the slot of its arrival (before opening: the first), so it
    is called beside those booked for that slot, by arrival. Recorded in the audit trail.
    """
    day = _locked_day(desk_day.pk)
    if day.day != clock.today():
        raise NotToday
    if not day.is_open:
        raise BookingClosed
    now = clock.now()
    slot = day.slot_of(timezone.localtime(now).time())
    ticket = Ticket(
        desk_day=day,
        number=_next_number(day),
        kind=Ticket.Kind.WALK_IN,
        slot_start=slot.start,
        status=Ticket.Status.PRESENT,
        name=name,
        secret=_unique_secret(),
        created_at=now,
        arrived_at=now,
    )
    ticket.full_clean(validate_unique=False, validate_constraints=False)
    ticket.save()
    audit.record(user=by, objects=[ticket], message=WALK_IN_GIVEN, action="added")
    return ticket


# The order in which waiting tickets are called: on time before late, then by slot, then by
# arrival (the venue's screen shows the next numbers in the same order).
CALL_ORDER = ("is_late", "slot_start", "arrived_at", "number")


def call_order(tickets):
    """The waiting tickets in the order they are called: on time before late, then by slot,
    then by arrival."""
    return tickets.filter(status=Ticket.Status.PRESENT).order_by(*CALL_ORDER)


@transaction.atomic
def call_next(*, desk_day: DeskDay, counter: int, by: AbstractBaseUser | None) -> Ticket | None:
    """Call the next waiting person to `counter`; None when nobody waits.

    Promises: the next is present, on time before late, earliest slot first, then earliest
    arrival; two counters calling at once never get the same person (the day's row is
    locked while choosing); a counter with a called person not yet closed is refused
    (CounterBusy), so every call ends as served or not come. Recorded in the audit trail.
    """
    day = _locked_day(desk_day.pk)
    if counter not in day.desk.counter_numbers():
        raise UnknownCounter
    if day.day != clock.today():
        raise NotToday
    busy = day.tickets.filter(status=Ticket.Status.CALLED, counter=counter).first()
    if busy is not None:
        raise CounterBusy(busy)
    chosen = call_order(day.tickets.all()).first()
    if chosen is None:
        return None
    chosen.status = Ticket.Status.CALLED
    chosen.called_at = clock.now()
    chosen.counter = counter
    chosen.save(update_fields=["status", "called_at", "counter"])
    audit.record(user=by, objects=[chosen], message=CALLED.format(counter=counter))
    return chosen


@transaction.atomic
def close_ticket(*, ticket: Ticket, served: bool, by: AbstractBaseUser | None) -> Ticket:
    """Mark a called person served (`served`) or not come; a booked person who never came
    can be marked not come as well. Refuses every other state (NotAllowed). Audited."""
    _locked_day(ticket.desk_day_id)
    current = _locked_ticket(ticket)
    allowed = [Ticket.Status.CALLED] if served else [Ticket.Status.CALLED, Ticket.Status.BOOKED]
    if current.status not in allowed:
        raise NotAllowed(current.status)
    current.status = Ticket.Status.SERVED if served else Ticket.Status.NO_SHOW
    current.finished_at = clock.now()
    current.save(update_fields=["status", "finished_at"])
    audit.record(user=by, objects=[current], message=SERVED if served else NO_SHOW)
    ticket.status, ticket.finished_at = current.status, current.finished_at
    return current


@transaction.atomic
def erase_personal_data(cutoff: datetime.datetime) -> int:
    """Blank the name, phone and email of every ticket made before `cutoff` (registered as an
    eraser with festival.sitewide.retention); rows, statuses and times stay, so the counts
    remain."""
    return Ticket.objects.filter(created_at__lt=cutoff, erased_at__isnull=True).update(
        name="", phone="", email="", erased_at=clock.now()
    )


@transaction.atomic
def copy_desks(*, source: Edition, draft: Edition) -> int:
    """Copy `source`'s desks into the new `draft` edition (registered with
    festival.domain.register_copier, after the services' copier made the draft's offerings):
    each desk with its prefix and counters, for the draft's offering of the same service, and
    its days moved by the editions' start-date difference (day 2 stays day 2) with their
    settings; a day beyond the draft's last day is left out, and hours are cleared so
    booking stays closed until organisers set the new edition's. Returns rows made."""
    shift = draft.start_date - source.start_date
    offerings = {o.service_id: o for o in Offering.objects.filter(edition=draft)}
    made = 0
    for desk in Desk.objects.filter(offering__edition=source).select_related("offering"):
        target = offerings.get(desk.offering.service_id)
        if target is None or Desk.objects.filter(offering=target).exists():
            continue
        days = list(desk.days.all())
        desk.pk = None
        desk.offering = target
        desk.save()
        made += 1
        copies = []
        for day in days:
            moved = day.day + shift
            if moved > draft.end_date:
                continue
            day.pk = None
            day.desk = desk
            day.day = moved
            day.opens_at = day.closes_at = None
            day.last_number = 0
            copies.append(day)
        DeskDay.objects.bulk_create(copies)
        made += len(copies)
    return made
