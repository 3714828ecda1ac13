import datetime

import pytest

from services import queries
from services.models import Service
from tests.services.factories import ServiceFactory

pytestmark = pytest.mark.django_db

DEC = datetime.date(2026, 12, 1)
FESTIVAL_DAYS = [
    datetime.date(2026, 12, 14),
    datetime.date(2026, 12, 15),
    datetime.date(2026, 12, 16),
]


def test_request_days_are_the_festival_days_left_for_an_open_service(edition, kia):
    assert queries.request_days(kia, today=DEC) == FESTIVAL_DAYS
    assert queries.request_days(kia, today=datetime.date(2026, 12, 15)) == FESTIVAL_DAYS[1:]


def test_request_days_are_none_after_the_festival(edition, kia):
    assert queries.request_days(kia, today=datetime.date(2026, 12, 17)) == []


def test_request_days_are_none_for_a_service_closed_for_requests(edition):
    closed = ServiceFactory(requests_open=False)
    no_form = ServiceFactory(requests_open=False, form_kind=Service.FormKind.NONE)

    assert queries.request_days(closed, today=DEC) == []
    assert queries.request_days(no_form, today=DEC) == []


def test_request_days_are_none_without_an_edition(kia):
    assert queries.request_days(kia, today=DEC) == []
