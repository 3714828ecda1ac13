"""The rules of workshop registration: seats, the waiting list, cancelling, check-in.

Every write goes through one of these functions (views, admin actions and commands call
them). The seat rule holds under concurrency because each function that changes who holds
a seat first locks the workshop row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the
settings open every transaction with BEGIN IMMEDIATE, so writers queue), then counts.
"""

import dataclasses
import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from festival.sitewide import clock
from festival.sitewide.models import Kecamatan, Village
from festival.sitewide.tasks import enqueue_on_commit
from workshops import tasks
from workshops.models import Registration, Workshop, new_code


class RegistrationError(Exception):
    """A registration the rules refuse; `code` says which rule."""

    code = "refused"


class RegistrationNotOpen(RegistrationError):
    def __init__(self, state: Workshop.State):
        super().__init__(state.label)
        self.state = state
        self.code = state.value


class DuplicateRegistration(RegistrationError):
    """The phone or NIP already holds an active registration for this workshop."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field
        self.code = f"duplicate_{field}"


class NotAllowed(RegistrationError):
    def __init__(self, code: str, *, at: datetime.datetime | None = None):
        super().__init__(code)
        self.code = code
        self.at = at


@dataclasses.dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool


def _locked_workshop(workshop_id: int) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop_id)


def _confirmed_count(workshop: Workshop) -> int:
    return workshop.registrations.filter(status=Registration.Status.CONFIRMED).count()


def _unique_code() -> str:
    while True:
        code = new_code()
        if not Registration.objects.filter(code=code).exists():
            return code


@transaction.atomic
def register_for_workshop(
    *,
    workshop: Workshop,
    full_name: str,
    position: str,
    office_kind: str,
    kecamatan: Kecamatan,
    village: Village | None,
    phone: str,
    consent: bool,
    nip: str = "",
    email: str = "",
    language: str = "id",
    idempotency_key: str = "",
) -> RegistrationResult:
    """Register one person: a seat while seats are left, else a place on the waiting list.

    Promises: never more confirmed registrations than `capacity`, however many requests
    run at once on however many processes; refuses outside the registration window
    (RegistrationNotOpen, also when full without a waiting list) and without consent
    (ValidationError); refuses a phone or NIP
    that already holds an active registration for this workshop (DuplicateRegistration);
    a form submitted twice with the same `idempotency_key` returns the registration the
    first submission made (created=False) instead of making a second. The confirmation
    email leaves only after the transaction commits.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Centang persetujuan agar kami dapat mendaftarkan Anda.")},
            code="consent",
        )
    locked = _locked_workshop(workshop.pk)
    if idempotency_key:
        earlier = locked.registrations.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.phone == phone:
                return RegistrationResult(registration=earlier, created=False)
            # The same form page sent with another person's number (a page kept open, a
            # shared computer): a new registration, never the earlier person's ticket.
            idempotency_key = ""

    confirmed = _confirmed_count(locked)
    state = locked.state(now=clock.now(), confirmed=confirmed)
    if state not in (Workshop.State.OPEN, Workshop.State.WAITLIST):
        raise RegistrationNotOpen(state)

    active = locked.registrations.active()
    if active.filter(phone=phone).exists():
        raise DuplicateRegistration("phone")
    if nip and active.filter(nip=nip).exists():
        raise DuplicateRegistration("nip")

    registration = Registration(
        workshop=locked,
        code=_unique_code(),
        full_name=full_name,
        nip=nip,
        position=position,
        office_kind=office_kind,
        kecamatan=kecamatan,
        village=village if office_kind != Registration.OfficeKind.KECAMATAN else None,
        phone=phone,
        email=email,
        consent=consent,
        language=language,
        idempotency_key=idempotency_key,
        status=(
            Registration.Status.CONFIRMED
            if state == Workshop.State.OPEN
            else Registration.Status.WAITLISTED
        ),
    )
    # Uniqueness is settled above under the lock (and backed by the database's
    # constraints); skip the queries full_clean would repeat for it.
    registration.full_clean(validate_unique=False, validate_constraints=False)
    registration.save()
    if registration.email:
        enqueue_on_commit(
            tasks.send_registration_email, registration_id=registration.pk, kind="registered"
        )
    return RegistrationResult(registration=registration, created=True)


@transaction.atomic
def promote_from_waitlist(
    *, workshop: Workshop, registration: Registration | None = None
) -> Registration | None:
    """Give a free seat to `registration` (or the first on the waiting list).

    Promises: promotes only while confirmed < capacity; returns the promoted registration,
    or None when no seat is free or nobody waits. The promoted person is emailed after the
    commit when an address was given.
    """
    locked = _locked_workshop(workshop.pk)
    if _confirmed_count(locked) >= locked.capacity:
        return None
    waiting = locked.registrations.waitlist()
    if registration is not None:
        waiting = waiting.filter(pk=registration.pk)
    chosen = waiting.select_for_update().first()
    if chosen is None:
        return None
    chosen.status = Registration.Status.CONFIRMED
    chosen.save(update_fields=["status", "updated_at"])
    if chosen.email:
        enqueue_on_commit(tasks.send_registration_email, registration_id=chosen.pk, kind="promoted")
    return chosen


@transaction.atomic
def cancel_registration(*, registration: Registration) -> Registration | None:
    """Cancel a registration; returns whoever got the freed seat (or None).

    Promises: a confirmed registration's seat goes, in the same transaction, to the first
    person on the waiting list; cancelling twice changes nothing; a ticket already checked
    in cannot be cancelled (NotAllowed "checked_in").
    """
    locked_workshop = _locked_workshop(registration.workshop_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        return None
    if current.checked_in_at is not None:
        raise NotAllowed("checked_in", at=current.checked_in_at)
    held_seat = current.status == Registration.Status.CONFIRMED
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = clock.now()
    current.save(update_fields=["status", "cancelled_at", "updated_at"])
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    if held_seat:
        return promote_from_waitlist(workshop=locked_workshop)
    return None


@transaction.atomic
def check_in(*, registration: Registration, by: AbstractBaseUser | None = None) -> Registration:
    """Record that the holder of a confirmed ticket came in, once.

    Promises: only a confirmed registration checks in (NotAllowed "cancelled" or
    "waitlisted"); a second check-in is refused with the first moment (NotAllowed
    "already_checked_in", `.at`).
    """
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status != Registration.Status.CONFIRMED:
        raise NotAllowed(current.status)
    if current.checked_in_at is not None:
        raise NotAllowed("already_checked_in", at=current.checked_in_at)
    current.checked_in_at = clock.now()
    current.checked_in_by = by if by is not None and by.is_authenticated else None
    current.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    registration.checked_in_at = current.checked_in_at
    return current


@transaction.atomic
def erase_personal_data(cutoff: datetime.datetime) -> int:
    """Blank who registered (name, NIP, position, phone, email) for registrations made before
    `cutoff`; rows, statuses, kecamatan and village stay so the counts remain."""
    return Registration.objects.filter(created_at__lt=cutoff, erased_at__isnull=True).update(
        full_name="",
        nip="",
        position="",
        phone="",
        email="",
        idempotency_key="",
        erased_at=clock.now(),
    )
