"""Fixtures of the queue tests: the clock before the festival or on its first day, and a desk
day of the root conftest's edition (14 December 2026, 08.00–10.00)."""

import datetime

import pytest
import time_machine

from tests.queue.factories import DeskDayFactory
from tests.services.factories import RequirementFactory

WIB = datetime.timezone(datetime.timedelta(hours=7))
BEFORE_FESTIVAL = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=WIB)


def wib(hour: int, minute: int = 0, day: int = 14) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=WIB)


@pytest.fixture
def frozen():
    with time_machine.travel(BEFORE_FESTIVAL, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk_day(edition):
    day = DeskDayFactory(desk__offering__edition=edition, desk__prefix="KIA")
    day.desk.offering.service.slug = "kia"
    day.desk.offering.service.name = "Kartu Identitas Anak"
    day.desk.offering.service.save()
    RequirementFactory(offering=day.desk.offering, text="Kartu Keluarga asli")
    return day


@pytest.fixture
def desk_morning():
    """7.50 on the festival's first day, the desk day of `desk_day`, time moving on. Ask for
    it before `desk_client`, so the staff session is young."""
    with time_machine.travel(wib(7, 50), tick=False) as traveller:
        yield traveller
