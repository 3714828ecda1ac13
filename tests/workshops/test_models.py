"""The rules the workshops models own: the states that take registrations, the workplace
check, and what the database itself refuses."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.festival.factories import EditionFactory, ProgrammeItemFactory, edition_2027
from tests.workshops.factories import RegistrationFactory, WorkshopFactory
from workshops.forms import RegistrationForm
from workshops.models import Registration, Workshop


@pytest.mark.parametrize(
    ("state", "accepts"),
    [
        (Workshop.State.NOT_YET_OPEN, False),
        (Workshop.State.OPEN, True),
        (Workshop.State.WAITLIST, True),
        (Workshop.State.FULL, False),
        (Workshop.State.CLOSED, False),
    ],
)
def test_only_open_and_waitlist_states_accept_registrations(state, accepts):
    assert state.accepts_registrations is accepts


# --- The registration window: organisers' times, else open once published and closed when
# the festival starts --------------------------------------------------------------------------

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def wib(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (wib(2026, 1, 1, 0, 0), Workshop.State.OPEN),  # no opening time: open once published
        (wib(2026, 12, 13, 23, 59), Workshop.State.OPEN),
        (wib(2026, 12, 14, 0, 0), Workshop.State.CLOSED),  # the festival starts
        (wib(2026, 12, 15, 10, 0), Workshop.State.CLOSED),
    ],
)
def test_workshop_without_a_window_is_open_until_the_festival_starts(edition, moment, state):
    workshop = WorkshopFactory(registration_opens=None, registration_closes=None)

    assert workshop.closes_at == wib(2026, 12, 14, 0, 0)
    assert workshop.state(now=moment, confirmed=0, waitlisted=0) == state


def test_workshop_closes_when_its_own_edition_starts(edition):
    later = EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 10, 5),
        end_date=datetime.date(2027, 10, 8),
        is_published=False,
    )
    item = ProgrammeItemFactory(edition=later, slug="workshop-2027", date=later.start_date)
    linked = WorkshopFactory(
        edition=later, programme_item=item, registration_opens=None, registration_closes=None
    )
    unlinked = WorkshopFactory(edition=later, registration_opens=None, registration_closes=None)

    # Not the current edition's start (14 December 2026): each workshop's own.
    assert linked.closes_at == wib(2027, 10, 5, 0, 0)
    assert unlinked.closes_at == wib(2027, 10, 5, 0, 0)


def test_workshop_window_set_by_organisers_decides(edition):
    workshop = WorkshopFactory(
        registration_opens=wib(2026, 11, 1, 8, 0), registration_closes=wib(2026, 12, 10, 16, 0)
    )

    def state(moment):
        return workshop.state(now=moment, confirmed=0, waitlisted=0)

    assert workshop.closes_at == wib(2026, 12, 10, 16, 0)
    assert state(wib(2026, 11, 1, 7, 59)) == Workshop.State.NOT_YET_OPEN
    assert state(wib(2026, 11, 1, 8, 0)) == Workshop.State.OPEN
    assert state(wib(2026, 12, 10, 16, 0)) == Workshop.State.CLOSED


def test_workshop_with_only_an_opening_time_closes_when_the_festival_starts(edition):
    workshop = WorkshopFactory(registration_opens=wib(2026, 11, 1, 8, 0), registration_closes=None)

    assert workshop.state(now=wib(2026, 10, 31, 8, 0), confirmed=0, waitlisted=0) == (
        Workshop.State.NOT_YET_OPEN
    )
    assert workshop.state(now=wib(2026, 12, 13, 8, 0), confirmed=0, waitlisted=0) == (
        Workshop.State.OPEN
    )
    assert workshop.state(now=wib(2026, 12, 14, 8, 0), confirmed=0, waitlisted=0) == (
        Workshop.State.CLOSED
    )


# --- The edition: a workshop belongs to one, its slug is unique within it ---------------------


def test_workshop_slug_is_unique_within_an_edition_only(edition):
    later = edition_2027()
    WorkshopFactory(edition=edition, slug="bedah-smart-kampung")

    again = WorkshopFactory(edition=later, slug="bedah-smart-kampung")

    assert again.pk is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(edition=edition, slug="bedah-smart-kampung")


def test_workshop_slug_taken_in_its_edition_is_a_clear_form_error(edition):
    WorkshopFactory(edition=edition, slug="bedah-smart-kampung")
    twin = WorkshopFactory.build(edition=edition, slug="bedah-smart-kampung")

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    assert "Slug ini sudah dipakai workshop lain di edisi ini." in str(error.value)


def test_workshop_programme_item_must_be_of_its_edition(edition):
    later = edition_2027()
    other_item = ProgrammeItemFactory(edition=later, slug="workshop-2027", date=later.start_date)
    own_item = ProgrammeItemFactory(edition=edition, slug="workshop-2026")
    workshop = WorkshopFactory.build(edition=edition, programme_item=other_item)

    with pytest.raises(ValidationError) as error:
        workshop.full_clean()

    assert error.value.message_dict["programme_item"] == [
        "Pilih acara di jadwal edisi 2026, edisi workshop ini."
    ]
    workshop.programme_item = own_item
    workshop.full_clean()


def test_database_refuses_a_window_that_closes_before_it_opens(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(
            registration_opens=wib(2026, 12, 1, 8, 0), registration_closes=wib(2026, 11, 1, 8, 0)
        )


# --- The workplace: one check for the model (admin, domain) and the form ------------------


def registration_with(**fields) -> Registration:
    defaults = {
        "full_name": "Siti Aminah",
        "position": "Sekretaris Desa",
        "phone": "+6281234567890",
    }
    return Registration(**{**defaults, **fields})


def village_errors(registration: Registration) -> list[str]:
    with pytest.raises(ValidationError) as error:
        registration.clean()
    return error.value.message_dict["village"]


def test_model_refuses_a_village_of_another_kecamatan_as_the_form_does(
    form_data, pesanggaran, other_kecamatan_village
):
    registration = registration_with(
        office_kind="desa", kecamatan=pesanggaran, village=other_kecamatan_village
    )
    form = RegistrationForm({**form_data, "village": str(other_kecamatan_village.pk)})

    model_says = village_errors(registration)

    assert not form.is_valid()
    assert model_says == form.errors["village"]
    assert model_says == ["Desa Sukorejo tidak berada di Kecamatan Pesanggaran."]


@pytest.mark.parametrize("office_kind", ["other", "kecamatan"])
def test_model_refuses_a_village_of_another_kecamatan_for_any_office(
    office_kind, pesanggaran, other_kecamatan_village
):
    registration = registration_with(
        office_kind=office_kind, kecamatan=pesanggaran, village=other_kecamatan_village
    )

    assert village_errors(registration) == ["Desa Sukorejo tidak berada di Kecamatan Pesanggaran."]


def test_model_asks_desa_staff_for_their_village(pesanggaran):
    registration = registration_with(office_kind="desa", kecamatan=pesanggaran)

    assert village_errors(registration) == ["Pilih desa/kelurahan tempat Anda bertugas."]


def test_model_refuses_a_desa_for_kelurahan_staff(pesanggaran, sarongan):
    registration = registration_with(
        office_kind="kelurahan", kecamatan=pesanggaran, village=sarongan
    )

    assert village_errors(registration) == [
        "Desa Sarongan bukan kelurahan: periksa tempat tugas atau desa/kelurahan."
    ]


@pytest.mark.parametrize(
    ("office_kind", "with_village"),
    [("desa", True), ("kecamatan", False), ("other", False), ("other", True)],
)
def test_model_accepts_a_workplace_that_holds_together(
    office_kind, with_village, pesanggaran, sarongan
):
    registration = registration_with(
        office_kind=office_kind,
        kecamatan=pesanggaran,
        village=sarongan if with_village else None,
    )

    registration.clean()  # no ValidationError


def test_form_refuses_a_village_without_a_valid_kecamatan_only_for_the_kecamatan(
    form_data, sarongan
):
    form = RegistrationForm({**form_data, "kecamatan": "999999"})

    assert not form.is_valid()
    assert "kecamatan" in form.errors and "village" not in form.errors


# --- What the database refuses, whatever code writes the row -------------------------------


def test_database_refuses_an_unknown_status(workshop):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(workshop=workshop, status="lost")


@pytest.mark.parametrize("office_kind", ["desa", "kelurahan"])
def test_database_refuses_village_staff_without_a_village(workshop, office_kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(workshop=workshop, office_kind=office_kind, village=None)


def test_database_refuses_a_second_active_registration_for_a_nip(workshop):
    RegistrationFactory(workshop=workshop, nip="198609262015052001")

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(workshop=workshop, nip="198609262015052001")


def test_database_lets_a_cancelled_phone_register_again(workshop):
    RegistrationFactory(workshop=workshop, phone="+6281234567890", status="cancelled")

    RegistrationFactory(workshop=workshop, phone="+6281234567890")

    assert Registration.objects.filter(phone="+6281234567890").count() == 2


def test_duplicate_phone_is_named_by_the_database_rule_but_never_on_the_public_form(
    client, workshop, form_data
):
    client.post("/workshop/bedah-smart-kampung/daftar/", form_data)
    again = registration_with(
        workshop=workshop,
        office_kind="kecamatan",
        kecamatan=Registration.objects.get().kecamatan,
    )

    with pytest.raises(ValidationError) as error:
        again.validate_constraints()
    response = client.post(
        "/workshop/bedah-smart-kampung/daftar/",
        {**form_data, "token": "t2", "nip": ""},
        follow=True,
    )

    assert error.value.messages[0].startswith("Nomor HP ini sudah terdaftar di workshop ini.")
    assert error.value.messages[0] not in response.content.decode()
    assert "Periksa email Anda" in response.content.decode()
