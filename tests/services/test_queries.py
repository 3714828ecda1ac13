import datetime

import pytest
import time_machine

from festival import domain as festival_domain
from services import queries
from services.models import Service, ServiceRequest
from tests.festival.factories import EditionFactory, edition_2027
from tests.services.factories import OfferingFactory, ServiceFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db

DEC = datetime.date(2026, 12, 1)
FESTIVAL_DAYS = [
    datetime.date(2026, 12, 14),
    datetime.date(2026, 12, 15),
    datetime.date(2026, 12, 16),
]


def test_request_days_are_the_festival_days_left_for_an_open_service(kia, frozen):
    assert queries.request_days(kia, today=DEC) == FESTIVAL_DAYS
    assert queries.request_days(kia, today=datetime.date(2026, 12, 15)) == FESTIVAL_DAYS[1:]


def test_request_days_are_the_days_of_the_offerings_own_edition(frozen):
    longer = EditionFactory(
        slug="festival-panjang",
        start_date=datetime.date(2026, 12, 10),
        end_date=datetime.date(2026, 12, 13),
    )
    offering = OfferingFactory(edition=longer)

    assert queries.request_days(offering, today=DEC) == longer.days


def test_request_days_are_none_after_the_festival(kia):
    with time_machine.travel(datetime.datetime(2026, 12, 17, 9, tzinfo=datetime.UTC)):
        assert queries.request_days(kia, today=datetime.date(2026, 12, 17)) == []


def test_request_days_are_none_for_a_service_closed_for_requests(edition, frozen):
    closed = OfferingFactory(edition=edition, requests_open=False)
    no_form = OfferingFactory(
        edition=edition, service=ServiceFactory(form_kind=Service.FormKind.NONE)
    )

    assert queries.request_days(closed, today=DEC) == []
    assert queries.request_days(no_form, today=DEC) == []


def test_request_days_are_none_for_an_edition_that_is_not_the_current_one(kia, frozen):
    # 2026 is running next; a later published edition's desk takes no request yet.
    later = edition_2027()
    offering = OfferingFactory(edition=later, service=kia.service)

    assert queries.request_days(offering, today=DEC) == []


def test_request_days_are_none_for_a_draft_edition(frozen):
    draft = EditionFactory(slug="draf", is_published=False)
    offering = OfferingFactory(edition=draft)

    assert queries.request_days(offering, today=DEC) == []


def test_offerings_of_an_edition_leave_out_unpublished_offerings_and_services(edition):
    shown = OfferingFactory(edition=edition, order=2)
    first = OfferingFactory(edition=edition, order=1)
    OfferingFactory(edition=edition, is_published=False)
    OfferingFactory(edition=edition, service=ServiceFactory(is_published=False))
    OfferingFactory(
        edition=EditionFactory(
            slug="lain", start_date=datetime.date(2027, 1, 5), end_date=datetime.date(2027, 1, 6)
        )
    )

    assert list(queries.offerings_of(edition)) == [first, shown]


# --- Results -----------------------------------------------------------------------------------


def test_edition_results_count_requests_per_service_and_status(kia, pbb):
    ServiceRequestFactory.create_batch(3, offering=kia, status="done")
    ServiceRequestFactory(offering=kia, status="rejected")
    ServiceRequestFactory(offering=pbb, status="done")
    ServiceRequestFactory(offering=pbb, status="ready")
    other = OfferingFactory(
        edition=EditionFactory(
            slug="lain", start_date=datetime.date(2027, 1, 5), end_date=datetime.date(2027, 1, 6)
        ),
        service=kia.service,
    )
    ServiceRequestFactory(offering=other, status="done")

    results = queries.edition_results(kia.edition)

    assert [value for value, _label in results.statuses] == ["ready", "done", "rejected"]
    # In the desk's order (both 0 here, then by name: "Bayar PBB" first).
    assert [(row.offering, row.total, row.counts) for row in results.rows] == [
        (pbb, 2, [1, 1, 0]),
        (kia, 4, [0, 3, 1]),
    ]
    assert results.total == 6


def test_edition_results_are_empty_without_requests(kia):
    results = queries.edition_results(kia.edition)

    assert not results and results.rows == [] and results.total == 0


@pytest.mark.parametrize("count", [5, 100])
def test_edition_results_take_two_queries_whatever_the_number_of_requests(
    edition, count, django_assert_num_queries
):
    for offering in OfferingFactory.create_batch(3, edition=edition):
        ServiceRequestFactory.create_batch(count, offering=offering, status="done")

    with django_assert_num_queries(2):
        results = queries.edition_results(edition)

    assert results.total == 3 * count


def test_edition_results_stay_the_same_after_personal_data_is_erased(kia, pbb, frozen):
    ServiceRequestFactory.create_batch(2, offering=kia, status="done")
    ServiceRequestFactory(offering=pbb, status="rejected")
    before = queries.edition_results(kia.edition)

    frozen.move_to("2027-03-01 00:00+07:00")
    erased = festival_domain.erase_personal_data(days=30)

    assert erased["services.requests"] == 3
    assert not ServiceRequest.objects.exclude(nik="").exists()
    after = queries.edition_results(kia.edition)
    assert after.statuses == before.statuses
    assert [(r.offering, r.total, r.counts) for r in after.rows] == [
        (r.offering, r.total, r.counts) for r in before.rows
    ]
