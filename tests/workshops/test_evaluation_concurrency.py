"""One evaluation per registration under real concurrency: threads, each with its own
PostgreSQL connection, send the same ticket's answers at the same moment (a double tap, two
tabs)."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connection, connections

from tests.workshops.factories import RegistrationFactory, WorkshopFactory, WorkshopSessionFactory
from workshops import domain
from workshops.models import Attendance, Evaluation

THREADS = 12

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("The race needs PostgreSQL (row locks across connections).")


def test_concurrent_answers_from_one_ticket_save_one_evaluation(postgresql):
    session = WorkshopSessionFactory(workshop=WorkshopFactory())
    registration = RegistrationFactory(workshop=session.workshop)
    Attendance.objects.create(
        registration=registration, session=session, checked_in_at=session.starts_at()
    )
    start = threading.Barrier(THREADS)
    outcomes, errors = [], []

    def attempt(n: int) -> None:
        try:
            start.wait()
            domain.answer_evaluation(
                registration=registration,
                content=1 + n % 4,
                speakers=4,
                usefulness=4,
                organisation=4,
                comment=f"Jawaban {n}",
            )
            outcomes.append("saved")
        except domain.AlreadyEvaluated:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - any other error fails the test below
            errors.append(repr(error))
        finally:
            connections.close_all()

    after = session.ends_at() + datetime.timedelta(hours=1)
    with time_machine.travel(after, tick=False), ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(attempt, range(THREADS)))

    assert errors == []
    assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["saved"]
    assert Evaluation.objects.count() == 1
