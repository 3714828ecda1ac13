"""The registration admin form refuses bad input like the public form does: numbers are
normalised, junk is refused, a duplicate is a form error (never a 500)."""

import pytest
from django.urls import reverse

from tests.workshops.factories import RegistrationFactory
from workshops.models import Registration


def change_url(registration):
    return reverse("admin:workshops_registration_change", args=[registration.pk])


def form_data(registration, **changes):
    data = {
        "full_name": registration.full_name,
        "nip": registration.nip,
        "position": registration.position,
        "office_kind": registration.office_kind,
        "kecamatan": registration.kecamatan_id,
        "village": registration.village_id or "",
        "phone": registration.phone,
        "email": registration.email,
    }
    data.update(changes)
    return data


def test_admin_stores_a_typed_phone_and_nip_normalised(client, workshop, secretariat):
    registration = RegistrationFactory(workshop=workshop)

    response = client.post(
        change_url(registration),
        form_data(registration, phone="0812-3456-7890", nip="19860926 201505 2 001"),
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.phone == "+6281234567890"
    assert registration.nip == "198609262015052001"


def test_admin_refuses_what_is_not_a_phone(client, workshop, secretariat):
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")

    page = client.post(change_url(registration), form_data(registration, phone="not a phone <b>"))

    assert page.status_code == 200
    assert "Nomor HP hanya berisi angka" in page.text
    assert "not a phone <b>" not in page.text  # escaped when shown back
    registration.refresh_from_db()
    assert registration.phone == "+6281234567890"


def test_admin_refuses_another_active_registrants_phone_as_a_form_error(
    client, workshop, secretariat
):
    other = RegistrationFactory(workshop=workshop, phone="+6281234567890")
    registration = RegistrationFactory(workshop=workshop, phone="+6281299998888")

    page = client.post(change_url(registration), form_data(registration, phone="0812 3456 7890"))

    assert page.status_code == 200
    assert f"sudah dipakai pendaftaran aktif {other.code}" in page.text
    registration.refresh_from_db()
    assert registration.phone == "+6281299998888"


def test_admin_refuses_another_active_registrants_nip(client, workshop, secretariat):
    other = RegistrationFactory(workshop=workshop, nip="198609262015052001")
    registration = RegistrationFactory(workshop=workshop)

    page = client.post(
        change_url(registration), form_data(registration, nip="19860926 201505 2 001")
    )

    assert f"NIP ini sudah dipakai pendaftaran aktif {other.code}" in page.text
    registration.refresh_from_db()
    assert registration.nip == ""


def test_admin_allows_the_phone_of_a_cancelled_registration(client, workshop, secretariat):
    RegistrationFactory(workshop=workshop, phone="+6281234567890", status="cancelled")
    registration = RegistrationFactory(workshop=workshop)

    response = client.post(change_url(registration), form_data(registration, phone="081234567890"))

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.phone == "+6281234567890"


@pytest.mark.parametrize(
    "changes",
    [
        {"position": " \t "},
        {"nip": "1" * 500},
        {"kecamatan": "9999999"},
        {"kecamatan": "'; DROP TABLE"},
        {"village": "-1"},
        {"office_kind": "raja"},
        {"phone": "+" + "9" * 5000},
        {"full_name": "x" * 5000},
    ],
)
def test_admin_registration_form_answers_hostile_input_with_a_form_error(
    client, workshop, secretariat, changes
):
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")
    before = Registration.objects.values().get(pk=registration.pk)

    page = client.post(change_url(registration), form_data(registration, **changes))

    assert page.status_code == 200
    assert "errornote" in page.text
    assert Registration.objects.values().get(pk=registration.pk) == before


@pytest.mark.parametrize(
    "changes",
    [
        {"phone": "\x00"},
        {"phone": "0812\x003456"},
        {"full_name": "Siti\x00"},
        {"email": "a@b\x00.id"},
    ],
)
def test_admin_registration_form_with_a_nul_is_refused_before_the_form(
    client, workshop, secretariat, changes
):
    # No database stores a NUL: the site refuses the request before any view (a 400 page).
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")
    before = Registration.objects.values().get(pk=registration.pk)

    page = client.post(change_url(registration), form_data(registration, **changes))

    assert page.status_code == 400
    assert "Permintaan tidak valid" in page.text
    assert Registration.objects.values().get(pk=registration.pk) == before


def test_organiser_without_the_permission_edits_a_registration_without_its_numbers(
    client, workshop, organiser
):
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")
    data = form_data(registration, full_name="Siti  Aminah")
    del data["phone"], data["nip"], data["email"]

    response = client.post(change_url(registration), data)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.full_name == "Siti Aminah"
    assert registration.phone == "+6281234567890"
