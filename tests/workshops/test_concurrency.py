"""The seat rule under real concurrency: many threads, each with its own connection to
PostgreSQL, register at the same moment for one workshop."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tests.workshops.factories import WorkshopFactory, kecamatan
from workshops import domain
from workshops.models import Registration

ATTEMPTS = 220
THREADS = 44  # each holds one connection; PostgreSQL's default max_connections is 100

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "The concurrency proof needs PostgreSQL (row locks across connections): run with "
            "DATABASE_URL=postgres://… to include it. On SQLite, writers are serialised by "
            "BEGIN IMMEDIATE instead."
        )


def _register(workshop, district, n: int):
    """Person number `n`, from the kecamatan office `district`, registers for `workshop`."""
    return domain.register_for_workshop(
        workshop=workshop,
        full_name=f"Peserta {n}",
        position="Kasi Pelayanan",
        office_kind="kecamatan",
        kecamatan=district,
        village=None,
        phone=f"+628129{n:07d}",
        consent=True,
    )


def test_concurrent_registrations_never_overbook(postgresql):
    workshop = WorkshopFactory(capacity=100, office_cap=ATTEMPTS, waitlist_size=ATTEMPTS)
    district = kecamatan()
    start = threading.Barrier(THREADS)
    errors = []

    def attempt(n: int) -> str:
        try:
            return _register(workshop, district, n).registration.status
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(repr(error))
            return "error"

    def worker(numbers: list[int]) -> list[str]:
        try:
            start.wait()
            return [attempt(n) for n in numbers]
        finally:
            connections.close_all()

    batches = [list(range(i, ATTEMPTS, THREADS)) for i in range(THREADS)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = [s for batch in pool.map(worker, batches) for s in batch]

    assert errors == []
    assert statuses.count("confirmed") == 100
    assert statuses.count("waitlisted") == ATTEMPTS - 100
    assert Registration.objects.filter(status="confirmed").count() == 100
    positions = sorted(r.waitlist_position() for r in Registration.objects.waitlist())
    assert positions == list(range(1, ATTEMPTS - 100 + 1))


def test_concurrent_registrations_from_one_office_never_pass_its_cap(postgresql):
    workshop = WorkshopFactory(capacity=100, office_cap=3)
    district = kecamatan()
    start = threading.Barrier(THREADS)
    outcomes = []

    def worker(n: int) -> None:
        try:
            start.wait()
            _register(workshop, district, n)
            outcomes.append("registered")
        except domain.OfficeCapReached:
            outcomes.append("capped")
        except Exception as error:  # noqa: BLE001 - any other error fails the test below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(worker, range(THREADS)))

    assert sorted(set(outcomes)) == ["capped", "registered"]
    assert outcomes.count("registered") == 3
    assert Registration.objects.filter(workshop=workshop).count() == 3
