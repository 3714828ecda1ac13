import datetime

import factory

from festival.sitewide import clock
from services.queue.models import Desk, DeskDay, Ticket
from tests.services.factories import OfferingFactory


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    offering = factory.SubFactory(OfferingFactory)
    prefix = factory.Sequence(lambda n: "KIA" if n == 0 else f"L{chr(65 + n % 26)}")
    counters = 2


class DeskDayFactory(factory.django.DjangoModelFactory):
    """A desk day of the root conftest's edition: 14 December 2026, 08.00–10.00, 30-minute
    slots of quota 4 with 1 place for walk-ins (25 %)."""

    class Meta:
        model = DeskDay

    desk = factory.SubFactory(DeskFactory)
    day = datetime.date(2026, 12, 14)
    opens_at = datetime.time(8, 0)
    closes_at = datetime.time(10, 0)
    slot_minutes = 30
    quota = 4
    walk_in_share = 25
    walk_in_unit = DeskDay.WalkInUnit.PERCENT
    grace_minutes = 15
    arrival_margin_minutes = 30


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    desk_day = factory.SubFactory(DeskDayFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = Ticket.Kind.BOOKED
    slot_start = datetime.time(8, 0)
    name = "Siti Aminah"
    phone = factory.Sequence(lambda n: f"+62812{n:08d}")
    created_at = factory.LazyFunction(clock.now)
