"""The survey's reads: the people served, and an edition's results in a few queries."""

import datetime
from fractions import Fraction

import pytest
import time_machine

from services.survey import queries
from services.survey.models import SurveyCode
from tests.festival.factories import EditionFactory
from tests.services.factories import ServiceFactory
from tests.survey.response_factories import EXAMPLE, SurveyCodeFactory, answered

WIB = datetime.timezone(datetime.timedelta(hours=7))


def test_served_counts_codes_issued_and_not_voided(edition):
    service = ServiceFactory()
    SurveyCodeFactory.create_batch(4, edition=edition, service=service)
    SurveyCodeFactory(edition=edition, service=service, voided_at=datetime.datetime.now(WIB))
    SurveyCodeFactory(edition=edition)  # another service
    other = EditionFactory(
        slug="edisi-lain",
        start_date=datetime.date(2025, 12, 1),
        end_date=datetime.date(2025, 12, 2),
    )
    SurveyCodeFactory(edition=other, service=service)

    assert queries.served_count(edition) == 5
    assert queries.served_count(edition, service) == 4


def test_edition_results_per_service_and_in_all(edition):
    kia, pbb = ServiceFactory(name="KIA"), ServiceFactory(name="PBB")
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)
    answered([4] * 9, edition=edition, service=pbb)
    SurveyCodeFactory.create_batch(2, edition=edition, service=pbb)  # not answered (yet)

    results = queries.edition_results(edition)

    by_name = {r.service.name: r.index for r in results.services}
    assert by_name["KIA"].converted == Fraction(2275, 27)
    assert (by_name["KIA"].respondents, by_name["KIA"].served) == (3, 3)
    assert (by_name["PBB"].converted, by_name["PBB"].respondents, by_name["PBB"].served) == (
        100,
        1,
        3,
    )
    # The edition's index is over all four answers, not an average of the services' indexes.
    assert results.index.respondents == 4
    assert results.index.served == 6
    sums = [a + b for a, b in zip(*EXAMPLE[:2], strict=True)]
    assert results.index.elements[0].total == sums[0] + 4 + 4


def test_period_is_first_and_last_answer_in_wib(edition):
    service = ServiceFactory()
    # 23.30 UTC on 13 December is 06.30 WIB on the 14th.
    answered(
        [4] * 9,
        edition=edition,
        service=service,
        created_at=datetime.datetime(2026, 12, 13, 23, 30, tzinfo=datetime.UTC),
    )
    answered(
        [3] * 9,
        edition=edition,
        service=service,
        created_at=datetime.datetime(2026, 12, 16, 15, 0, tzinfo=WIB),
    )

    results = queries.edition_results(edition)

    assert (results.first_day, results.last_day) == (
        datetime.date(2026, 12, 14),
        datetime.date(2026, 12, 16),
    )


def _fill(edition, *, services, answers_each):
    for _ in range(services):
        service = ServiceFactory()
        for i in range(answers_each):
            answered([1 + i % 4] * 9, edition=edition, service=service)
        SurveyCodeFactory(edition=edition, service=service)


@pytest.mark.parametrize(("services", "answers_each"), [(1, 2), (6, 15)])
def test_edition_results_take_three_queries_whatever_the_size(
    edition, django_assert_num_queries, services, answers_each
):
    _fill(edition, services=services, answers_each=answers_each)

    with django_assert_num_queries(3):
        results = queries.edition_results(edition)

    assert len(results.services) == services
    assert results.index.respondents == services * answers_each
    assert SurveyCode.objects.count() == services * (answers_each + 1)


@pytest.mark.parametrize(("services", "answers_each"), [(1, 2), (6, 15)])
def test_results_page_queries_do_not_grow(
    edition, client, settings, django_assert_num_queries, services, answers_each
):
    settings.PAGE_CACHE_SECONDS = 0  # count the page's queries, not the page cache's hit
    _fill(edition, services=services, answers_each=answers_each)
    with time_machine.travel(datetime.datetime(2026, 12, 15, 12, tzinfo=WIB), tick=False):
        client.get("/survei/hasil/")  # the current edition and the footer's years, cached
        with django_assert_num_queries(3):
            response = client.get("/survei/hasil/")
    assert response.status_code == 200
    assert f"{services * answers_each} dari" in response.content.decode()


def test_edition_index_in_one_query_agrees_with_the_results(edition, django_assert_num_queries):
    kia, pbb = ServiceFactory(), ServiceFactory()
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)
    answered([2] * 9, edition=edition, service=pbb)
    SurveyCodeFactory.create_batch(3, edition=edition, service=pbb)
    SurveyCodeFactory(edition=edition, service=pbb, voided_at=datetime.datetime.now(WIB))

    with django_assert_num_queries(1):
        index = queries.edition_index(edition)

    assert index == queries.edition_results(edition).index
    assert (index.respondents, index.served) == (4, 7)


def test_edition_index_is_none_without_codes(edition):
    assert queries.edition_index(edition) is None
