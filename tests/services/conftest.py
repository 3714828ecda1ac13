"""Fixtures of the services tests: the clock before the festival, a kecamatan, and one
service of each form kind as the desk offers it at the root conftest's `edition` (each
fixture is that Offering; its persistent Service is `.service`)."""

import datetime

import pytest
import time_machine

from festival.sitewide.models import Kecamatan
from services.models import Service
from tests.services.factories import OfferingFactory, RequirementFactory, ServiceFactory

BEFORE_FESTIVAL = datetime.datetime(
    2026, 12, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
)


@pytest.fixture
def frozen():
    with time_machine.travel(BEFORE_FESTIVAL, tick=False) as traveller:
        yield traveller


@pytest.fixture
def kecamatan(db):
    return Kecamatan.objects.create(code="35.10.16", name="Banyuwangi")


@pytest.fixture
def kia(edition):
    offering = OfferingFactory(
        edition=edition,
        service=ServiceFactory(
            name="Kartu Identitas Anak (KIA)",
            name_en="Child Identity Card (KIA)",
            short_name="KIA",
            slug="kia",
            form_kind=Service.FormKind.KIA,
        ),
    )
    RequirementFactory(
        offering=offering, group="Anak usia 5 sampai 17 tahun", text="Pas foto anak 2 x 3"
    )
    return offering


def _offering(edition, **service_fields):
    return OfferingFactory(edition=edition, service=ServiceFactory(**service_fields))


@pytest.fixture
def siup(edition):
    return _offering(edition, name="SIUP", short_name="SIUP", slug="siup", form_kind="siup")


@pytest.fixture
def pbb(edition):
    return _offering(edition, name="Bayar PBB", short_name="PBB", slug="pbb", form_kind="pbb")


@pytest.fixture
def levy(edition):
    return _offering(
        edition, name="Retribusi", short_name="Retribusi", slug="retribusi", form_kind="levy"
    )
