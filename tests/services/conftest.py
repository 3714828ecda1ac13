"""Fixtures of the services tests: the clock before the festival, a kecamatan, and one
service of each form kind. The edition is the root conftest's."""

import datetime

import pytest
import time_machine

from festival.sitewide.models import Kecamatan
from services.models import Service
from tests.services.factories import RequirementFactory, ServiceFactory

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
def kia(db):
    service = ServiceFactory(
        name="Kartu Identitas Anak (KIA)",
        name_en="Child Identity Card (KIA)",
        short_name="KIA",
        slug="kia",
        form_kind=Service.FormKind.KIA,
    )
    RequirementFactory(
        service=service, group="Anak usia 5 sampai 17 tahun", text="Pas foto anak 2 x 3"
    )
    return service


@pytest.fixture
def siup(db):
    return ServiceFactory(name="SIUP", short_name="SIUP", slug="siup", form_kind="siup")


@pytest.fixture
def pbb(db):
    return ServiceFactory(name="Bayar PBB", short_name="PBB", slug="pbb", form_kind="pbb")


@pytest.fixture
def levy(db):
    return ServiceFactory(
        name="Retribusi", short_name="Retribusi", slug="retribusi", form_kind="levy"
    )
