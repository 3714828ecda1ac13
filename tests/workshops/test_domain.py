import datetime

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from festival.sitewide import retention
from tests.festival.factories import EditionFactory
from tests.workshops.conftest import NOW
from tests.workshops.factories import RegistrationFactory, WorkshopFactory
from workshops import domain
from workshops.models import CODE_ALPHABET, Registration


def register(workshop, person, **changes):
    return domain.register_for_workshop(workshop=workshop, **{**person, **changes})


def test_register_gives_a_seat_with_a_short_code_and_a_separate_secret(workshop, person):
    result = register(workshop, person)

    registration = result.registration
    assert result.created
    assert registration.status == Registration.Status.CONFIRMED
    assert len(registration.code) == 6
    assert set(registration.code) <= set(CODE_ALPHABET)
    assert not set(registration.code) & set("0O1IL5S2Z8B")
    assert len(registration.secret) >= 32
    assert registration.code not in registration.secret


def test_register_when_full_joins_the_waiting_list_in_order(workshop, person):
    workshop.capacity = 1
    workshop.save()
    register(workshop, person)

    second = register(workshop, person, phone="+6281200000002").registration
    third = register(workshop, person, phone="+6281200000003").registration

    assert second.status == third.status == Registration.Status.WAITLISTED
    assert (second.waitlist_position(), third.waitlist_position()) == (1, 2)


def test_register_when_full_without_waiting_list_is_refused(workshop, person):
    workshop.capacity, workshop.waitlist_size = 1, 0
    workshop.save()
    register(workshop, person)

    with pytest.raises(domain.RegistrationNotOpen) as refusal:
        register(workshop, person, phone="+6281200000002")

    assert refusal.value.code == "full"
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (NOW - datetime.timedelta(days=5, seconds=1), "not_yet_open"),
        (NOW + datetime.timedelta(days=5), "closed"),
    ],
    ids=["a second before opening", "at closing"],
)
def test_register_outside_the_window_is_refused(workshop, person, frozen, moment, code):
    frozen.move_to(moment)

    with pytest.raises(domain.RegistrationNotOpen) as refusal:
        register(workshop, person)

    assert refusal.value.code == code
    assert not Registration.objects.exists()


def test_register_at_the_opening_moment_is_accepted(workshop, person, frozen):
    frozen.move_to(workshop.registration_opens)

    assert register(workshop, person).registration.status == "confirmed"


def test_register_same_phone_twice_is_refused_without_the_first_ticket(workshop, person):
    first = register(workshop, person).registration

    with pytest.raises(domain.DuplicateRegistration) as refusal:
        register(workshop, person, full_name="Orang Lain")

    assert refusal.value.field == "phone"
    assert refusal.value.registration == first  # for resend_ticket_link, never shown
    assert Registration.objects.count() == 1


def test_register_same_nip_twice_is_refused(workshop, person):
    register(workshop, person, nip="198609262015052001")

    with pytest.raises(domain.DuplicateRegistration) as refusal:
        register(workshop, person, nip="198609262015052001", phone="+6281200000009")

    assert refusal.value.field == "nip"


def test_register_again_after_cancelling_is_allowed(workshop, person):
    first = register(workshop, person).registration
    domain.cancel_registration(registration=first, by=None)

    again = register(workshop, person).registration

    assert again.status == "confirmed" and again.pk != first.pk


def test_register_same_phone_in_another_workshop_is_allowed(workshop, person, frozen):
    other = WorkshopFactory(registration_opens=workshop.registration_opens)
    register(workshop, person)

    assert register(other, person).created


def test_register_resubmitted_form_returns_the_first_registration(workshop, person):
    first = register(workshop, person, idempotency_key="form-1")

    second = register(workshop, person, idempotency_key="form-1")

    assert not second.created
    assert second.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1


def test_register_same_form_token_with_another_phone_never_returns_the_other_ticket(
    workshop, person
):
    first = register(workshop, person, idempotency_key="form-1").registration

    other = register(workshop, person, idempotency_key="form-1", phone="+6281299990000")

    assert other.created and other.registration.pk != first.pk


def test_database_refuses_a_second_active_registration_for_a_phone(workshop):
    RegistrationFactory(workshop=workshop, phone="+6281234567890")

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(workshop=workshop, phone="+6281234567890")


def test_database_refuses_a_checked_in_waitlisted_registration(workshop):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(workshop=workshop, status="waitlisted", checked_in_at=NOW)


def test_register_with_village_of_another_kecamatan_is_refused(
    workshop, person, other_kecamatan_village
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        register(workshop, person, village=other_kecamatan_village)

    assert "village" in error.value.message_dict


def test_register_kecamatan_staff_needs_no_village(workshop, person):
    registration = register(
        workshop, person, office_kind="kecamatan", village=person["village"]
    ).registration

    assert registration.village is None


def test_register_emails_after_commit(workshop, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register(workshop, person, email="siti@example.id")
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_cancel_promotes_the_first_waiting_person_and_emails_them(
    workshop, person, django_capture_on_commit_callbacks
):
    workshop.capacity = 1
    workshop.save()
    holder = register(workshop, person).registration
    first_waiting = register(workshop, person, phone="+6281200000002", email="a@example.id")
    register(workshop, person, phone="+6281200000003")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = domain.cancel_registration(registration=holder, by=None)

    assert promoted.pk == first_waiting.registration.pk
    assert Registration.objects.get(pk=promoted.pk).status == "confirmed"
    assert Registration.objects.get(pk=holder.pk).status == "cancelled"
    assert Registration.objects.filter(status="confirmed").count() == 1
    assert [m.to for m in mail.outbox] == [["a@example.id"]]
    assert "kursinya kini milik Anda" in mail.outbox[0].body


def test_cancel_a_waiting_registration_promotes_nobody(workshop, person):
    workshop.capacity = 1
    workshop.save()
    register(workshop, person)
    waiting = register(workshop, person, phone="+6281200000002").registration
    behind = register(workshop, person, phone="+6281200000003").registration

    assert domain.cancel_registration(registration=waiting, by=None) is None
    assert behind.waitlist_position() == 1


def test_cancel_twice_changes_nothing(workshop, person):
    registration = register(workshop, person).registration
    domain.cancel_registration(registration=registration, by=None)

    assert domain.cancel_registration(registration=registration, by=None) is None
    assert Registration.objects.get().status == "cancelled"


def test_cancel_after_check_in_is_refused(workshop, person):
    registration = register(workshop, person).registration
    domain.check_in(registration=registration, by=None)

    with pytest.raises(domain.NotAllowed):
        domain.cancel_registration(registration=registration, by=None)


def test_promote_never_exceeds_capacity(workshop, person):
    workshop.capacity = 1
    workshop.save()
    register(workshop, person)
    waiting = register(workshop, person, phone="+6281200000002").registration

    assert domain.promote_from_waitlist(workshop=workshop, registration=waiting, by=None) is None
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_promote_after_capacity_raised_gives_the_seat(workshop, person):
    workshop.capacity = 1
    workshop.save()
    register(workshop, person)
    waiting = register(workshop, person, phone="+6281200000002").registration
    workshop.capacity = 2
    workshop.save()

    assert domain.promote_from_waitlist(workshop=workshop, by=None).pk == waiting.pk


def test_check_in_once_then_says_when(workshop, person, frozen):
    registration = register(workshop, person).registration
    domain.check_in(registration=registration, by=None)
    frozen.shift(datetime.timedelta(minutes=5))

    with pytest.raises(domain.NotAllowed) as refusal:
        domain.check_in(registration=registration, by=None)

    assert refusal.value.code == "already_checked_in"
    assert refusal.value.at == NOW


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_check_in_refuses_tickets_without_a_seat(workshop, status):
    registration = RegistrationFactory(workshop=workshop, status=status)

    with pytest.raises(domain.NotAllowed) as refusal:
        domain.check_in(registration=registration, by=None)

    assert refusal.value.code == status
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_retention_eraser_blanks_people_and_keeps_counts(workshop, person):
    old = register(workshop, person, nip="198609262015052001", email="s@example.id").registration
    later = EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 3, 3),
    )
    with time_machine.travel(NOW + datetime.timedelta(days=60), tick=False):
        newer = register(
            WorkshopFactory(
                edition=later,
                registration_opens=NOW,
                registration_closes=NOW + datetime.timedelta(days=90),
            ),
            person,
        ).registration
        erased = retention.erasers()["workshops.registration"](NOW + datetime.timedelta(days=1))

    old.refresh_from_db()
    newer.refresh_from_db()
    assert erased == 1
    assert (old.full_name, old.nip, old.phone, old.email, old.position) == ("", "", "", "", "")
    assert old.status == "confirmed" and old.kecamatan_id == person["kecamatan"].pk
    assert newer.full_name == "Siti Aminah"


def test_register_without_consent_is_refused(workshop, person):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        register(workshop, person, consent=False)

    assert not Registration.objects.exists()


def test_fill_freed_seats_gives_every_new_seat_to_the_waiting_list_in_order(
    workshop, person, django_capture_on_commit_callbacks
):
    workshop.capacity = 1
    workshop.save()
    register(workshop, person)
    first = register(workshop, person, phone="+6281200000002", email="a@example.id")
    second = register(workshop, person, phone="+6281200000003")
    third = register(workshop, person, phone="+6281200000004", email="c@example.id")
    workshop.capacity = 3
    workshop.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = domain.fill_freed_seats(workshop=workshop, by=None)

    assert [r.pk for r in promoted] == [first.registration.pk, second.registration.pk]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[first.registration.pk] == statuses[second.registration.pk] == "confirmed"
    assert statuses[third.registration.pk] == "waitlisted"
    assert Registration.objects.filter(status="confirmed").count() == 3
    assert [m.to for m in mail.outbox] == [["a@example.id"]]


def test_fill_freed_seats_without_a_free_seat_promotes_nobody(workshop, person):
    workshop.capacity = 1
    workshop.save()
    register(workshop, person)
    register(workshop, person, phone="+6281200000002")

    assert domain.fill_freed_seats(workshop=workshop, by=None) == []
    assert Registration.objects.filter(status="waitlisted").count() == 1


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({}, domain.PhoneAlreadyRegistered),
        ({"phone": "+6281200000009"}, domain.NIPAlreadyRegistered),
    ],
    ids=["phone", "nip"],
)
def test_register_duplicate_is_refused_with_its_own_class(workshop, person, changes, refusal):
    register(workshop, person, nip="198609262015052001")

    with pytest.raises(refusal):
        register(workshop, person, nip="198609262015052001", **changes)


def test_cancel_after_check_in_says_when_it_was(workshop, person):
    registration = register(workshop, person).registration
    domain.check_in(registration=registration, by=None)

    with pytest.raises(domain.AlreadyCheckedIn) as refusal:
        domain.cancel_registration(registration=registration, by=None)

    assert refusal.value.at == NOW
    assert Registration.objects.get().status == "confirmed"


@pytest.mark.parametrize(
    ("status", "refusal"),
    [("waitlisted", domain.StillWaitlisted), ("cancelled", domain.RegistrationCancelled)],
)
def test_check_in_without_a_seat_is_refused_with_its_own_class(workshop, status, refusal):
    registration = RegistrationFactory(workshop=workshop, status=status)

    with pytest.raises(refusal):
        domain.check_in(registration=registration, by=None)


def test_every_refusal_is_a_registration_refused():
    refusals = [
        domain.RegistrationNotOpen,
        domain.PhoneAlreadyRegistered,
        domain.NIPAlreadyRegistered,
        domain.AlreadyCheckedIn,
        domain.RegistrationCancelled,
        domain.StillWaitlisted,
    ]

    assert all(issubclass(r, domain.RegistrationRefused) for r in refusals)
