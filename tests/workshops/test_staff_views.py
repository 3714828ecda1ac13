"""Staff see only what their job needs: door stewards names and check-in, organisers masked
numbers, only the explicit permission shows NIP, phone and email in full."""

import pytest
from django.urls import reverse

from festival.sitewide.groups import DOOR_STEWARDS
from tests.festival.factories import StaffFactory
from tests.workshops.factories import RegistrationFactory
from workshops.models import Registration

CHANGELIST = "/admin/workshops/registration/"
PHONE, NIP, EMAIL = "+6281234567890", "198609262015052001", "siti@example.id"
TRACES = ("7890", "2001", "0812", "siti@example.id", "19860926", "+62812")


@pytest.fixture
def steward(db, client):
    user = StaffFactory(username="pintu", group=DOOR_STEWARDS)
    client.force_login(user)
    return user


@pytest.fixture
def siti(workshop):
    return RegistrationFactory(
        workshop=workshop, full_name="Siti Aminah", phone=PHONE, nip=NIP, email=EMAIL
    )


def test_door_steward_sees_names_codes_and_status_but_no_number(client, siti, steward):
    page = client.get(CHANGELIST).text
    change = client.get(reverse("admin:workshops_registration_change", args=[siti.pk])).text
    ticket = client.get(siti.get_absolute_url()).text

    assert "Siti Aminah" in page and siti.code in page
    assert "Siti Aminah" in change and "Siti Aminah" in ticket
    for text in (page, change, ticket):
        assert not any(trace in text for trace in TRACES)


def test_door_steward_checks_in_from_the_ticket(client, siti, steward):
    response = client.post(reverse("workshops:check-in", args=[siti.secret]), follow=True)

    assert "Siti Aminah dicatat hadir." in response.text
    siti.refresh_from_db()
    assert siti.checked_in_by == steward


def test_door_steward_cannot_export_csv_nor_change(client, siti, steward):
    export = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [siti.pk]})
    change = client.post(
        reverse("admin:workshops_registration_change", args=[siti.pk]),
        {"full_name": "Lain", "position": "x", "office_kind": "other", "kecamatan": "1"},
    )

    assert "text/csv" not in export.get("Content-Type", "")
    assert change.status_code == 403
    assert Registration.objects.get().full_name == "Siti Aminah"


def test_organiser_sees_numbers_masked_everywhere(client, siti, organiser):
    page = client.get(CHANGELIST).text
    change = client.get(reverse("admin:workshops_registration_change", args=[siti.pk])).text
    ticket = client.get(siti.get_absolute_url()).text

    for text in (page, change, ticket):
        assert "0812-3456-7890" not in text and PHONE not in text
        assert NIP not in text and "19860926 201505" not in text
        assert EMAIL not in text
    assert "••••••••7890" in page


@pytest.mark.parametrize("term", ["7890", "3456", "0812", "2001", "2015052001", "198609"])
def test_organiser_cannot_find_a_registration_by_part_of_its_numbers(client, siti, organiser, term):
    page = client.get(CHANGELIST, {"q": term}).text

    assert "Siti Aminah" not in page


@pytest.mark.parametrize("term", ["0812-3456-7890", "+62 812 3456 7890", "19860926 201505 2 001"])
def test_secretariat_finds_a_registration_by_its_whole_number(client, siti, secretariat, term):
    RegistrationFactory(workshop=siti.workshop, full_name="Budi")

    page = client.get(CHANGELIST, {"q": term}).text

    assert "Siti Aminah" in page and "Budi" not in page


@pytest.mark.parametrize("term", ["7890", "0812-3456", "2015052001"])
def test_secretariat_cannot_find_by_part_of_a_number(client, siti, secretariat, term):
    page = client.get(CHANGELIST, {"q": term}).text

    assert "Siti Aminah" not in page


def test_organiser_cannot_find_by_a_whole_number_either(client, siti, organiser):
    page = client.get(CHANGELIST, {"q": "0812-3456-7890"}).text

    assert "Siti Aminah" not in page
