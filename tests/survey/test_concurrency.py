"""One answer per code under real concurrency: threads, each with its own connection to
PostgreSQL, answer one code at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from services.survey import domain
from services.survey.models import SurveyResponse
from tests.survey.answering import all_scores, card_code

THREADS = 8

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "The concurrency proof needs PostgreSQL (row locks across connections): run with "
            "DATABASE_URL=postgres://… to include it. On SQLite, writers are serialised by "
            "BEGIN IMMEDIATE instead."
        )


def test_one_code_answered_at_once_from_many_places_stores_one_response(postgresql, edition):
    code = card_code(edition).code
    start = threading.Barrier(THREADS)

    def attempt(score: int) -> str:
        try:
            start.wait()
            domain.answer_survey(
                code=code, scores=all_scores(score), profile={}, suggestion=f"Jawaban {score}"
            )
            return "stored"
        except domain.SurveyRefused as refused:
            return refused.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(attempt, [1 + n % 4 for n in range(THREADS)]))

    assert sorted(outcomes) == ["code_unusable"] * (THREADS - 1) + ["stored"]
    assert SurveyResponse.objects.count() == 1
