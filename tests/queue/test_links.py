"""The service page links to booking a number while its desk has a day taking bookings."""

import datetime

import pytest
import time_machine

from tests.queue.conftest import wib
from tests.queue.factories import DeskDayFactory
from tests.services.factories import OfferingFactory

pytestmark = pytest.mark.django_db

BUTTON = "Pesan nomor antrean"


def test_service_page_links_to_the_one_day_taking_bookings(frozen, desk_day, client):
    DeskDayFactory(
        desk=desk_day.desk, day=datetime.date(2026, 12, 15), opens_at=None, closes_at=None
    )
    page = client.get(desk_day.desk.offering.get_absolute_url()).content.decode()

    assert BUTTON in page
    assert 'href="/antrian/kia/2026-12-14/"' in page


def test_service_page_links_to_the_queue_when_several_days_take_bookings(frozen, desk_day, client):
    DeskDayFactory(desk=desk_day.desk, day=datetime.date(2026, 12, 15))
    page = client.get(desk_day.desk.offering.get_absolute_url()).content.decode()

    assert BUTTON in page and 'href="/antrian/"' in page


def test_no_booking_link_without_hours_or_once_the_days_are_over(frozen, desk_day, client):
    url = desk_day.desk.offering.get_absolute_url()
    desk_day.opens_at = desk_day.closes_at = None
    desk_day.save()
    assert BUTTON not in client.get(url).content.decode()

    desk_day.opens_at, desk_day.closes_at = datetime.time(8, 0), datetime.time(10, 0)
    desk_day.save()
    with time_machine.travel(wib(0, 0, day=15), tick=False):
        assert BUTTON not in client.get(url).content.decode()


def test_no_booking_link_on_a_service_without_a_desk(frozen, edition, client):
    offering = OfferingFactory(edition=edition)
    assert BUTTON not in client.get(offering.get_absolute_url()).content.decode()
