"""Seats are shared fairly: a bound per office and a bound on the waiting list, enforced in
workshops.domain.register_for_workshop, told to the person in their language."""

import pytest

from workshops import domain
from workshops.models import Registration, Workshop

REGISTER = "/workshop/bedah-smart-kampung/daftar/"


def register(workshop, person, n, **changes):
    phone = f"+6281300000{n:03d}"
    return domain.register_for_workshop(workshop=workshop, **{**person, "phone": phone, **changes})


def test_new_workshops_share_seats_by_default(db):
    workshop = Workshop()

    assert (workshop.office_cap, workshop.waitlist_size) == (3, 50)


def test_a_village_office_registers_up_to_its_cap(workshop, person):
    workshop.office_cap = 2
    workshop.save()
    register(workshop, person, 1)
    register(workshop, person, 2)

    with pytest.raises(domain.OfficeCapReached) as refusal:
        register(workshop, person, 3)

    assert refusal.value.cap == 2
    assert Registration.objects.count() == 2


def test_the_cap_counts_each_office_on_its_own(workshop, person, other_kecamatan_village):
    workshop.office_cap = 1
    workshop.save()
    register(workshop, person, 1)  # desa Sarongan

    kecamatan_office = register(workshop, person, 2, office_kind="kecamatan", village=None)
    other_village = register(
        workshop,
        person,
        3,
        kecamatan=other_kecamatan_village.kecamatan,
        village=other_kecamatan_village,
    )

    assert kecamatan_office.created and other_village.created
    with pytest.raises(domain.OfficeCapReached):
        register(workshop, person, 4, office_kind="other", village=None)  # kecamatan office


def test_a_cancelled_registration_frees_its_offices_place(workshop, person):
    workshop.office_cap = 1
    workshop.save()
    first = register(workshop, person, 1).registration
    domain.cancel_registration(registration=first, by=None)

    assert register(workshop, person, 2).created


def test_the_waiting_list_stops_at_its_bound(workshop, person):
    workshop.capacity, workshop.waitlist_size = 1, 2
    workshop.save()
    statuses = [register(workshop, person, n).registration.status for n in range(3)]

    with pytest.raises(domain.RegistrationNotOpen) as refusal:
        register(workshop, person, 9)

    assert statuses == ["confirmed", "waitlisted", "waitlisted"]
    assert refusal.value.state == Workshop.State.FULL


def test_person_over_the_cap_is_told_why_with_what_they_typed_kept(
    client, workshop, form_data, person
):
    workshop.office_cap = 1
    workshop.save()
    register(workshop, person, 1)  # someone from desa Sarongan already holds the place

    page = client.post(REGISTER, form_data).content.decode()

    assert "sudah mendaftarkan 1 orang di workshop ini, batas per kantor" in page
    assert 'value="Siti Aminah"' in page and 'value="0812-3456-7890"' in page
    assert Registration.objects.count() == 1


def test_person_over_the_cap_is_told_in_english_on_the_english_site(
    client, workshop, form_data, person
):
    workshop.office_cap = 2
    workshop.save()
    register(workshop, person, 1)
    register(workshop, person, 2)

    page = client.post("/en" + REGISTER, form_data).content.decode()

    assert "has already registered 2 people for this workshop" in page


def test_full_waiting_list_page_says_so(client, workshop, person):
    workshop.capacity, workshop.waitlist_size = 1, 1
    workshop.save()
    register(workshop, person, 1)
    register(workshop, person, 2)

    page = client.get(REGISTER).content.decode()

    assert "Semua kursi dan seluruh tempat di daftar tunggu sudah terisi." in page
    assert "<form" not in page.split("<main", 1)[1]
