import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from festival.domain import copy_edition
from services.queue import domain
from services.queue.models import DeskDay, Ticket
from tests.festival.factories import EditionFactory
from tests.queue.conftest import wib
from tests.queue.factories import DeskDayFactory, DeskFactory, TicketFactory
from tests.services.factories import OfferingFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db

EIGHT = datetime.time(8, 0)
NINE = datetime.time(9, 0)


def book(day, n, slot=EIGHT, **kwargs):
    return domain.book_number(
        desk_day=day, slot_start=slot, name=f"Warga {n}", phone=f"+6281300000{n:03d}", **kwargs
    )


def test_slots_follow_hours_and_length(desk_day):
    assert [s.key for s in desk_day.slots()] == ["08:00", "08:30", "09:00", "09:30"]
    desk_day.closes_at = datetime.time(9, 50)
    assert [s.key for s in desk_day.slots()] == ["08:00", "08:30", "09:00"]


def test_walk_in_share_percent_rounds_up_and_count_is_taken_as_is(desk_day):
    assert (desk_day.walk_in_places, desk_day.online_quota) == (1, 3)
    desk_day.walk_in_share = 10  # 10 % of 4 = 0.4 → 1 place kept for walk-ins
    assert desk_day.online_quota == 3
    desk_day.walk_in_unit, desk_day.walk_in_share = DeskDay.WalkInUnit.COUNT, 2
    assert desk_day.online_quota == 2
    desk_day.walk_in_share = 9
    assert desk_day.online_quota == 0


def test_numbers_run_per_desk_day_in_their_own_series(frozen, desk_day):
    other_day = DeskDayFactory(desk=desk_day.desk, day=datetime.date(2026, 12, 15))
    pbb = DeskDayFactory(desk__offering__edition=desk_day.desk.offering.edition, desk__prefix="PBB")
    first, second = book(desk_day, 1), book(desk_day, 2)
    assert [first.display_number, second.display_number] == ["KIA-001", "KIA-002"]
    assert book(other_day, 1).display_number == "KIA-001"
    assert book(pbb, 1).display_number == "PBB-001"


def test_online_quota_leaves_the_walk_in_share(frozen, desk_day):
    for n in range(3):
        book(desk_day, n)
    with pytest.raises(domain.SlotUnavailable):
        book(desk_day, 9)
    assert book(desk_day, 9, slot=NINE).slot_start == NINE
    assert Ticket.objects.filter(slot_start=EIGHT).count() == 3


def test_cancelled_booking_frees_its_place_and_its_phone(frozen, desk_day):
    tickets = [book(desk_day, n) for n in range(3)]
    domain.cancel_ticket(ticket=tickets[0], by=None)
    again = book(desk_day, 0)
    assert again.number == 4
    assert Ticket.objects.get(pk=tickets[0].pk).status == "cancelled"


def test_one_booking_per_phone_per_service_and_day(frozen, desk_day):
    first = book(desk_day, 1)
    with pytest.raises(domain.PhoneAlreadyBooked) as refusal:
        book(desk_day, 1, slot=NINE)
    assert refusal.value.ticket == first
    # Another day, or another service, is another booking.
    book(DeskDayFactory(desk=desk_day.desk, day=datetime.date(2026, 12, 15)), 1)
    book(DeskDayFactory(desk__offering__edition=desk_day.desk.offering.edition), 1)


def test_database_refuses_a_second_booking_for_one_phone(desk_day):
    TicketFactory(desk_day=desk_day, phone="+6281234567890", number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TicketFactory(desk_day=desk_day, phone="+6281234567890", number=2)


def test_booking_refused_without_hours_past_slots_and_past_editions(frozen, desk_day):
    desk_day.opens_at = desk_day.closes_at = None
    desk_day.save()
    with pytest.raises(domain.BookingClosed):
        book(desk_day, 1)
    desk_day.opens_at, desk_day.closes_at = EIGHT, datetime.time(10, 0)
    desk_day.save()
    with time_machine.travel(wib(8, 40), tick=False):
        with pytest.raises(domain.SlotUnavailable):
            book(desk_day, 1, slot=datetime.time(8, 30))
        with pytest.raises(domain.SlotUnavailable):
            book(desk_day, 1, slot=datetime.time(8, 15))  # not a slot of the day
        assert book(desk_day, 1, slot=NINE).number == 1
    with time_machine.travel(wib(9, day=17), tick=False), pytest.raises(domain.BookingClosed):
        book(desk_day, 2, slot=NINE)


def test_request_reference_is_attached_only_with_the_same_offering_and_phone(frozen, desk_day):
    request = ServiceRequestFactory(offering=desk_day.desk.offering, phone="+6281300000001")
    stranger = ServiceRequestFactory(offering=desk_day.desk.offering, phone="+6281399999999")
    other = ServiceRequestFactory(offering=OfferingFactory(), phone="+6281300000002")
    with pytest.raises(domain.RequestNotFound):
        book(desk_day, 1, request_code=stranger.code)
    with pytest.raises(domain.RequestNotFound):
        book(desk_day, 2, request_code=other.code)
    assert book(desk_day, 1, request_code=request.code).service_request == request


def test_arrival_time_is_slot_start_less_the_margin(frozen, desk_day):
    ticket = book(desk_day, 1, slot=NINE)
    assert ticket.arrive_by == wib(8, 30)


def test_call_order_on_time_by_slot_then_arrival_walk_ins_beside_late_last(
    frozen, desk_day, admin_user
):
    early = book(desk_day, 1, slot=EIGHT)
    late = book(desk_day, 2, slot=EIGHT)
    nine = book(desk_day, 3, slot=NINE)
    with time_machine.travel(wib(7, 50), tick=False):
        domain.mark_present(ticket=nine, by=admin_user)  # early for 09.00
    with time_machine.travel(wib(7, 55), tick=False):
        domain.mark_present(ticket=early, by=admin_user)
    with time_machine.travel(wib(8, 5), tick=False):
        walk_in = domain.give_walk_in_number(desk_day=desk_day, by=admin_user)
    with time_machine.travel(wib(8, 20), tick=False):  # after 08.00 + 15 minutes' grace
        domain.mark_present(ticket=late, by=admin_user)
    assert Ticket.objects.get(pk=late.pk).is_late
    assert walk_in.display_number == "KIA-004" and walk_in.slot_start == EIGHT
    with time_machine.travel(wib(8, 21), tick=False):
        called = []
        for counter in (1, 2, 1, 2):
            ticket = domain.call_next(desk_day=desk_day, counter=counter, by=admin_user)
            called.append(ticket.display_number)
            domain.close_ticket(ticket=ticket, served=True, by=admin_user)
        assert domain.call_next(desk_day=desk_day, counter=1, by=admin_user) is None
    assert called == ["KIA-001", "KIA-004", "KIA-003", "KIA-002"]
    assert LogEntry.objects.filter(change_message="Dipanggil ke loket 2").count() == 2


def test_counter_with_a_called_person_must_close_them_first(desk_day, admin_user):
    with time_machine.travel(wib(8, 0), tick=False):
        domain.give_walk_in_number(desk_day=desk_day, by=admin_user)
        domain.give_walk_in_number(desk_day=desk_day, by=admin_user)
        first = domain.call_next(desk_day=desk_day, counter=1, by=admin_user)
        with pytest.raises(domain.CounterBusy):
            domain.call_next(desk_day=desk_day, counter=1, by=admin_user)
        second = domain.call_next(desk_day=desk_day, counter=2, by=admin_user)
        assert first != second
        domain.close_ticket(ticket=first, served=False, by=admin_user)
        with pytest.raises(domain.UnknownCounter):
            domain.call_next(desk_day=desk_day, counter=3, by=admin_user)
    assert Ticket.objects.get(pk=first.pk).status == "no_show"


def test_present_only_once_and_on_the_day(frozen, desk_day, admin_user):
    ticket = book(desk_day, 1)
    with pytest.raises(domain.NotToday):
        domain.mark_present(ticket=ticket, by=admin_user)
    with time_machine.travel(wib(7, 45), tick=False):
        domain.mark_present(ticket=ticket, by=admin_user)
        with pytest.raises(domain.NotAllowed):
            domain.mark_present(ticket=ticket, by=admin_user)
        with pytest.raises(domain.NotAllowed):
            domain.cancel_ticket(ticket=ticket, by=None)
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.status, stored.is_late) == ("present", False)
    assert LogEntry.objects.get(object_id=str(ticket.pk)).object_repr == "KIA-001"


def test_eraser_blanks_names_phones_and_emails_and_keeps_counts(frozen, desk_day):
    book(desk_day, 1, email="warga1@contoh.id")
    book(desk_day, 2, slot=NINE)
    erased = domain.erase_personal_data(wib(0, day=31))
    assert erased == 2
    assert list(Ticket.objects.values_list("name", "phone", "email", "status")) == [
        ("", "", "", "booked"),
        ("", "", "", "booked"),
    ]


def test_copier_moves_desk_days_to_the_new_dates_with_booking_closed(desk_day):
    DeskDayFactory(desk=desk_day.desk, day=datetime.date(2026, 12, 16), quota=7)
    draft = copy_edition(
        source=desk_day.desk.offering.edition,
        year=2027,
        start_date=datetime.date(2027, 11, 1),
        end_date=datetime.date(2027, 11, 2),
    )
    days = DeskDay.objects.filter(desk__offering__edition=draft)
    assert [(d.day, d.quota, d.opens_at, d.desk.prefix) for d in days] == [
        (datetime.date(2027, 11, 1), 4, None, "KIA")
    ]


def test_prefix_is_unique_within_an_edition(desk_day):
    clash = DeskFactory.build(
        offering=OfferingFactory(edition=desk_day.desk.offering.edition), prefix="KIA"
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "prefix" in error.value.message_dict
    # In another edition the same prefix is free.
    later = EditionFactory(
        slug="lain", start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 1, 2)
    )
    DeskFactory.build(offering=OfferingFactory(edition=later), prefix="KIA").full_clean()


def test_eraser_and_copier_are_registered():
    from festival.domain import copiers
    from festival.sitewide import retention

    assert retention.erasers()["services.queue"] is domain.erase_personal_data
    # After the offerings' copier (labels run in order): the desks attach to its offerings.
    assert sorted(copiers()).index("services.queue") > sorted(copiers()).index("services.offering")
