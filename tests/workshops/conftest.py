import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone

from festival.sitewide.groups import ORGANISERS
from tests.festival.factories import StaffFactory
from tests.workshops import factories

NOW = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    """A fixed moment inside the default registration window of the test workshops."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def workshop(db, frozen):
    return factories.WorkshopFactory(
        slug="bedah-smart-kampung",
        title="Bedah Smart Kampung",
        title_en="Dissecting Smart Kampung",
        registration_opens=NOW - datetime.timedelta(days=5),
        registration_closes=NOW + datetime.timedelta(days=5),
    )


@pytest.fixture
def pesanggaran(db):
    return factories.kecamatan()


@pytest.fixture
def sarongan(pesanggaran):
    return factories.village(kecamatan_obj=pesanggaran)


@pytest.fixture
def other_kecamatan_village(db):
    bangorejo = factories.kecamatan(code="35.10.02", name="Bangorejo")
    return factories.village(kecamatan_obj=bangorejo, code="35.10.02.2001", name="Sukorejo")


@pytest.fixture
def person(pesanggaran, sarongan):
    """What a desa staff member types, already cleaned (domain keyword arguments)."""
    return {
        "full_name": "Siti Aminah",
        "position": "Sekretaris Desa",
        "office_kind": "desa",
        "kecamatan": pesanggaran,
        "village": sarongan,
        "phone": "+6281234567890",
        "nip": "",
        "email": "",
        "consent": True,
    }


@pytest.fixture
def form_data(pesanggaran, sarongan):
    """What a desa staff member types into the form."""
    return {
        "full_name": "Siti Aminah",
        "nip": "19860926 201505 2 001",
        "position": "Sekretaris Desa",
        "office_kind": "desa",
        "kecamatan": str(pesanggaran.pk),
        "village": str(sarongan.pk),
        "phone": "0812-3456-7890",
        "email": "siti@example.id",
        "consent": "on",
        "token": "tok-123",
    }


__all__ = ["NOW", "timezone"]


@pytest.fixture
def secretariat(db, client):
    """An organiser who also holds the explicit permission to see personal data in full (the
    workshop secretariat's account), logged in on `client`."""
    user = StaffFactory(username="sekretariat", group=ORGANISERS)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="workshops", codename="view_personal_data")
    )
    client.force_login(user)
    return user
