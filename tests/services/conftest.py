import datetime

import pytest
import time_machine

from festival.models import Edition
from festival.queries import forget_current_edition
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
def edition(db):
    edition = Edition.objects.create(
        name="Festival Pelayanan Publik Banyuwangi",
        name_en="Banyuwangi Public Service Festival",
        slug="fpp",
        start_date=datetime.date(2026, 12, 14),
        end_date=datetime.date(2026, 12, 16),
        venue_name="Halaman Lounge Pelayanan Publik Pemkab Banyuwangi",
        organiser="Bagian Organisasi",
        about="Tentang festival.",
    )
    forget_current_edition()
    yield edition
    forget_current_edition()


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


APPLICANT = {
    "applicant_name": "Siti Aminah",
    "nik": "3510 1641 0190 0001",
    "phone": "0812-3456-7890",
    "email": "",
    "preferred_day": "2026-12-15",
}
KIA_DETAILS = {
    "child_name": "Ahmad Fauzi",
    "child_birth_date": "2019-05-20",
    "birth_certificate_number": "3510-LT-20052019-0001",
    "kk_number": "3510 1601 0120 0003",
}
