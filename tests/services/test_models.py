"""The rules the database itself keeps, whatever code writes to it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from services.models import Document, Offering, Service, ServiceRequest
from tests.festival.factories import edition_2027
from tests.services.factories import (
    OfferingFactory,
    RequirementFactory,
    ServiceFactory,
    ServiceRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ServiceRequest.Status.values)
def test_database_accepts_every_request_status(kia, status):
    ServiceRequestFactory(offering=kia, status=status)

    assert ServiceRequest.objects.get().status == status


def test_database_refuses_an_unknown_request_status(kia):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRequestFactory(offering=kia, status="lost")

    assert not ServiceRequest.objects.exists()


def test_an_offering_open_for_requests_needs_a_service_with_a_form(edition):
    # The form kind is the service's, the switch the offering's: the model's validation
    # (the admin's forms run it) refuses the pair, and such an offering takes no request.
    no_form = ServiceFactory(form_kind=Service.FormKind.NONE)
    offering = OfferingFactory.build(edition=edition, service=no_form, requests_open=True)

    with pytest.raises(ValidationError) as error:
        offering.full_clean()

    assert error.value.error_dict["requests_open"][0].code == "no_request_form"
    assert not offering.takes_requests


def test_database_refuses_a_second_offering_of_a_service_at_one_edition(kia):
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferingFactory(edition=kia.edition, service=kia.service)

    assert Offering.objects.count() == 1


def test_one_service_has_its_own_offering_at_each_edition(kia):
    """ "2016 shows BPPT, 2027 shows DPMPTSP": the same service, two offerings, each true of
    its edition; changing the later one leaves the earlier as it was."""
    later = edition_2027()
    offering_2027 = OfferingFactory(edition=later, service=kia.service, agency="DPMPTSP")
    RequirementFactory(offering=offering_2027, text="NIB")

    offering_2027.agency = "Dinas baru"
    offering_2027.save()

    kia.refresh_from_db()
    assert kia.agency == "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi"
    assert [r.text for r in kia.requirements.all()] == ["Pas foto anak 2 x 3"]
    assert [r.text for r in offering_2027.requirements.all()] == ["NIB"]


def test_database_refuses_a_request_without_nik_or_phone_until_erased(kia):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRequestFactory(offering=kia, nik="")

    assert not ServiceRequest.objects.exists()


def test_the_identity_card_document_is_named_ktp_el():
    assert Document.Kind.KTP.label == "KTP-el"
