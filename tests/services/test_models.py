"""The rules the database itself keeps, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction

from services.models import Service, ServiceRequest
from tests.services.factories import ServiceFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ServiceRequest.Status.values)
def test_database_accepts_every_request_status(kia, status):
    ServiceRequestFactory(service=kia, status=status)

    assert ServiceRequest.objects.get().status == status


def test_database_refuses_an_unknown_request_status(kia):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRequestFactory(service=kia, status="lost")

    assert not ServiceRequest.objects.exists()


def test_database_refuses_open_requests_for_a_service_without_a_form(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(form_kind=Service.FormKind.NONE, requests_open=True)

    closed = ServiceFactory(form_kind=Service.FormKind.NONE, requests_open=False)
    assert not closed.takes_requests


def test_database_refuses_a_request_without_nik_or_phone_until_erased(kia):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRequestFactory(service=kia, nik="")

    assert not ServiceRequest.objects.exists()
