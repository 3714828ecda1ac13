"""The queue's rules under real concurrency: many threads, each with its own connection to
PostgreSQL, book one slot or call from two counters at the same moment."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connection, connections

from services.queue import domain
from services.queue.models import Ticket
from tests.queue.conftest import BEFORE_FESTIVAL, wib
from tests.queue.factories import DeskDayFactory
from tests.workshops.test_concurrency import THREADS

ATTEMPTS = 500
QUOTA = 20

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "The concurrency proof needs PostgreSQL (row locks across connections): run with "
            "DATABASE_URL=postgres://… to include it."
        )


def _run(threads: int, work, items):
    start = threading.Barrier(threads)

    def worker(batch):
        try:
            start.wait()
            return [work(n) for n in batch]
        finally:
            connections.close_all()

    batches = [list(range(i, len(items), threads)) for i in range(threads)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [r for batch in pool.map(worker, batches) for r in batch]


def test_concurrent_bookings_never_pass_the_slot_quota(postgresql, edition):
    day = DeskDayFactory(desk__offering__edition=edition, quota=QUOTA, walk_in_share=0)

    def attempt(n):
        try:
            domain.book_number(
                desk_day=day,
                slot_start=datetime.time(8, 0),
                name=f"Warga {n}",
                phone=f"+628129{n:07d}",
            )
            return "booked"
        except domain.SlotUnavailable:
            return "full"
        except Exception as error:  # noqa: BLE001 - any other error fails the test below
            return repr(error)

    with time_machine.travel(BEFORE_FESTIVAL, tick=False):
        outcomes = _run(THREADS, attempt, range(ATTEMPTS))
    assert sorted(set(outcomes)) == ["booked", "full"]
    assert outcomes.count("booked") == QUOTA
    numbers = sorted(Ticket.objects.filter(desk_day=day).values_list("number", flat=True))
    assert numbers == list(range(1, QUOTA + 1))


def test_two_counters_calling_at_once_never_get_the_same_person(postgresql, edition):
    day = DeskDayFactory(desk__offering__edition=edition, desk__counters=20)
    with time_machine.travel(wib(8, 0), tick=False):
        for _ in range(10):
            domain.give_walk_in_number(desk_day=day, by=None)

        def call(counter):
            ticket = domain.call_next(desk_day=day, counter=counter + 1, by=None)
            return ticket.pk if ticket is not None else None

        called = _run(20, call, range(20))
    people = [pk for pk in called if pk is not None]
    assert len(people) == 10 and len(set(people)) == 10
    assert Ticket.objects.filter(desk_day=day, status="called").count() == 10
