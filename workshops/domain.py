"""The rules of workshop registration: seats, the waiting list, cancelling, check-in.

Every write goes through one of these functions (views, admin actions and commands call
them). Those that staff can trigger take `by`, the acting user (None for a visitor acting on
their own ticket), and record the change in the audit trail (festival.sitewide.audit) inside
their transaction, so the admin log is complete whichever screen the change came from. The seat rule holds under concurrency because each function that changes who holds
a seat first locks the workshop row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the
settings open every transaction with BEGIN IMMEDIATE, so writers queue), then counts.
"""

import dataclasses
import datetime

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from festival.models import Edition, ProgrammeItem
from festival.queries import accepts_forms
from festival.sitewide import audit, clock, ratelimit
from festival.sitewide.models import Kecamatan, Village
from festival.sitewide.tasks import enqueue_on_commit
from workshops import certificate_pdf, evaluation, queries, tasks
from workshops.models import (
    Attendance,
    Certificate,
    Evaluation,
    Registration,
    Workshop,
    WorkshopSession,
    format_certificate_number,
    mask_name,
    new_code,
)


class RegistrationRefused(Exception):
    """A change to a registration that the rules refuse.

    Each rule has its own subclass, so callers catch the refusal they can explain by its
    class; `code` names the rule (for logs and ValidationError codes), never for branching.
    """

    code = "refused"


class RegistrationNotOpen(RegistrationRefused):
    """Registering is not possible in the workshop's state now: not yet open, closed, or
    full without a waiting list (`state` says which)."""

    def __init__(self, state: Workshop.State):
        super().__init__(state.label)
        self.state = state
        self.code = state.value


class DuplicateRegistration(RegistrationRefused):
    """The phone or NIP already holds an active registration for this workshop; `field`
    is the form field it came from, `registration` the one that holds it. Whoever typed it
    is never told so (it would confirm a stranger's registration): see resend_ticket_link."""

    field: str

    def __init__(self, registration: Registration):
        super().__init__(self.code)
        self.registration = registration


class PhoneAlreadyRegistered(DuplicateRegistration):
    code = "duplicate_phone"
    field = "phone"


class NIPAlreadyRegistered(DuplicateRegistration):
    code = "duplicate_nip"
    field = "nip"


class OfficeCapReached(RegistrationRefused):
    """The registrant's office (their desa/kelurahan, else their kecamatan office) already
    holds `cap` active registrations for this workshop, the organisers' bound per office."""

    code = "office_cap"

    def __init__(self, *, cap: int):
        super().__init__(self.code)
        self.cap = cap


class NotAllowed(RegistrationRefused):
    """What was asked of a ticket is not allowed in its present state."""


class AlreadyCheckedIn(NotAllowed):
    """The ticket was checked in at `at`: it cannot be checked in again, nor cancelled."""

    code = "already_checked_in"

    def __init__(self, *, at: datetime.datetime):
        super().__init__(self.code)
        self.at = at


class FestivalOver(NotAllowed):
    """The workshop's festival edition is over: its tickets are a record now, not to be
    cancelled."""

    code = "festival_over"


class NoSessionNow(NotAllowed):
    """The workshop has sessions, but none today: there is nothing to check in for."""

    code = "no_session_now"


class RegistrationCancelled(NotAllowed):
    """The registration was cancelled: it holds no seat to check in."""

    code = Registration.Status.CANCELLED.value


class StillWaitlisted(NotAllowed):
    """The registration waits for a seat: it cannot be checked in yet."""

    code = Registration.Status.WAITLISTED.value


@dataclasses.dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool


def _locked_workshop(workshop_id: int) -> Workshop:
    # The workshop row only: its edition is read, never locked.
    return (
        Workshop.objects.select_for_update(of=("self",))
        .select_related("edition")
        .get(pk=workshop_id)
    )


def _confirmed_count(workshop: Workshop) -> int:
    return workshop.registrations.filter(status=Registration.Status.CONFIRMED).count()


# What the audit trail says of each change (LogEntry.change_message is stored text, read by
# organisers in the admin: plain Indonesian, no personal data).
CANCELLED_BY_STAFF = "Dibatalkan oleh panitia"
PROMOTED = "Dipindahkan dari daftar tunggu ke peserta"
PROMOTED_AFTER_CANCEL = "Dipindahkan dari daftar tunggu ke peserta (kursi dari pembatalan {code})"
PROMOTED_TO_NEW_SEAT = "Dipindahkan dari daftar tunggu ke peserta (kursi ditambah)"
CHECKED_IN = "Dicatat hadir"


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
    (RegistrationNotOpen, also when full without a waiting list, and always for a workshop
    of an edition that takes no forms: a past, draft or not current one) and without consent
    (ValidationError); refuses a phone or NIP that already holds an active registration
    for this workshop (PhoneAlreadyRegistered, NIPAlreadyRegistered); refuses once the
    person's office holds `office_cap` active registrations (OfficeCapReached) and once the
    waiting list holds `waitlist_size` people (RegistrationNotOpen, state FULL), both
    counted under the same lock as the seats;
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
    if not accepts_forms(locked.edition):
        raise RegistrationNotOpen(Workshop.State.CLOSED)
    if idempotency_key:
        earlier = locked.registrations.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.phone == phone:
                return RegistrationResult(registration=earlier, created=False)
            # The same form page sent with another person's number (a page kept open, a
            # shared computer): a new registration, never the earlier person's ticket.
            idempotency_key = ""

    confirmed = _confirmed_count(locked)
    waitlisted = locked.registrations.filter(status=Registration.Status.WAITLISTED).count()
    state = locked.state(now=clock.now(), confirmed=confirmed, waitlisted=waitlisted)
    if not state.accepts_registrations:
        raise RegistrationNotOpen(state)
    if office_kind == Registration.OfficeKind.KECAMATAN:
        village = None

    active = locked.registrations.active()
    if (holder := active.filter(phone=phone).first()) is not None:
        raise PhoneAlreadyRegistered(holder)
    if nip and (holder := active.filter(nip=nip).first()) is not None:
        raise NIPAlreadyRegistered(holder)
    # The office: the desa/kelurahan named, else the kecamatan office.
    office = (
        active.filter(village=village)
        if village is not None
        else active.filter(kecamatan=kecamatan, village__isnull=True)
    )
    if office.count() >= locked.office_cap:
        raise OfficeCapReached(cap=locked.office_cap)

    registration = Registration(
        workshop=locked,
        code=_unique_code(),
        full_name=full_name,
        nip=nip,
        position=position,
        office_kind=office_kind,
        kecamatan=kecamatan,
        village=village,
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


def resend_ticket_link(*, registration: Registration) -> None:
    """Email the ticket link again to the address given on `registration`, if it has one.

    For a registration attempt with a phone or NIP that already holds a seat: the real owner
    gets their ticket back, and the person at the form learns nothing (the page they see is
    the same whether an address exists, and whether the email leaves). At most
    RATE_LIMITS["workshop-resend"] emails per registration, so nobody can flood an inbox.
    """
    if not registration.email:
        return
    limit, window = settings.RATE_LIMITS["workshop-resend"]
    if not ratelimit.allow(key=f"workshop-resend|{registration.pk}", limit=limit, window=window):
        return
    enqueue_on_commit(tasks.send_registration_email, registration_id=registration.pk, kind="resent")


def _give_seat(registration: Registration) -> None:
    """Confirm a waiting registration (its workshop locked, a seat counted free by the
    caller) and email the person after the commit when an address was given."""
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    if registration.email:
        enqueue_on_commit(
            tasks.send_registration_email, registration_id=registration.pk, kind="promoted"
        )


@transaction.atomic
def promote_from_waitlist(
    *,
    workshop: Workshop,
    by: AbstractBaseUser | None,
    registration: Registration | None = None,
    message: str = PROMOTED,
) -> Registration | None:
    """Give a free seat to `registration` (or the first on the waiting list).

    Promises: promotes only while confirmed < capacity; returns the promoted registration,
    or None when no seat is free or nobody waits. The promoted person is emailed after the
    commit when an address was given. A promotion by staff (`by`) is recorded in the audit
    trail with `message`.
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
    _give_seat(chosen)
    audit.record(user=by, objects=[chosen], message=message)
    return chosen


@transaction.atomic
def fill_freed_seats(*, workshop: Workshop, by: AbstractBaseUser | None) -> list[Registration]:
    """Give every free seat of `workshop` to the waiting list, first come first served.

    For when organisers add seats (raise `capacity`). Promises: afterwards either no seat
    is free or nobody waits; never more confirmed registrations than `capacity`, also
    while people register at the same moment (the workshop row stays locked throughout);
    returns the promoted registrations in waiting-list order, each emailed after the
    commit when an address was given, each promotion by staff (`by`) recorded in the audit
    trail.
    """
    locked = _locked_workshop(workshop.pk)
    free = locked.capacity - _confirmed_count(locked)
    if free <= 0:
        return []
    promoted = list(locked.registrations.waitlist().select_for_update()[:free])
    for registration in promoted:
        _give_seat(registration)
    audit.record(user=by, objects=promoted, message=PROMOTED_TO_NEW_SEAT)
    return promoted


@transaction.atomic
def cancel_registration(
    *, registration: Registration, by: AbstractBaseUser | None
) -> Registration | None:
    """Cancel a registration; returns whoever got the freed seat (or None).

    Promises: a confirmed registration's seat goes, in the same transaction, to the first
    person on the waiting list; cancelling twice changes nothing; a ticket already checked
    in cannot be cancelled (AlreadyCheckedIn), nor one of an edition that is over
    (FestivalOver: its tickets are the record of who came and who did not). `by` is the
    staff member cancelling (the cancellation and the promotion it causes are recorded in
    the audit trail), or None for the ticket's holder cancelling their own (not recorded:
    not staff work).
    """
    locked_workshop = _locked_workshop(registration.workshop_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        return None
    if current.checked_in_at is not None:
        raise AlreadyCheckedIn(at=current.checked_in_at)
    if locked_workshop.edition.phase(clock.today()).is_after:
        raise FestivalOver
    held_seat = current.status == Registration.Status.CONFIRMED
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = clock.now()
    current.save(update_fields=["status", "cancelled_at", "updated_at"])
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    audit.record(user=by, objects=[current], message=CANCELLED_BY_STAFF)
    if held_seat:
        return promote_from_waitlist(
            workshop=locked_workshop,
            by=by,
            message=PROMOTED_AFTER_CANCEL.format(code=current.code),
        )
    return None


@transaction.atomic
def check_in(
    *,
    registration: Registration,
    by: AbstractBaseUser | None,
    session: WorkshopSession | None = None,
    source: str = Attendance.Source.DOOR,
) -> Registration:
    """Record that the holder of a confirmed ticket came in to a session, once per session,
    and who let them in.

    `session` None means the session of the registration's workshop running now or next
    today (queries.session_for_check_in); a workshop without sessions is one sitting and is
    checked in once (only `checked_in_at`). The first check-in sets `checked_in_at`, the
    first arrival.

    Promises: only a confirmed registration checks in (RegistrationCancelled,
    StillWaitlisted); a second check-in to the same session is refused with the first
    moment (AlreadyCheckedIn, `.at`); a workshop with sessions but none today refuses
    (NoSessionNow); a session of another workshop is a programming error (ValueError); a
    check-in by staff (`by`) is recorded in the audit trail, naming the session.
    """
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        raise RegistrationCancelled
    if current.status == Registration.Status.WAITLISTED:
        raise StillWaitlisted
    now = clock.now()
    if session is None:
        session = queries.session_for_check_in(current.workshop, now=now)
        if session is None and current.workshop.sessions.exists():
            raise NoSessionNow
    elif session.workshop_id != current.workshop_id:
        raise ValueError("the session belongs to another workshop")
    by_user = by if by is not None and by.is_authenticated else None
    if session is None:
        if current.checked_in_at is not None:
            raise AlreadyCheckedIn(at=current.checked_in_at)
        message = CHECKED_IN
    else:
        earlier = Attendance.objects.filter(registration=current, session=session).first()
        if earlier is not None:
            raise AlreadyCheckedIn(at=earlier.checked_in_at)
        Attendance.objects.create(
            registration=current,
            session=session,
            checked_in_at=now,
            checked_in_by=by_user,
            source=source,
        )
        message = f"{CHECKED_IN}: {session}"
        if source == Attendance.Source.PAPER:
            message += f" ({Attendance.Source.PAPER.label})"
    if current.checked_in_at is None:
        current.checked_in_at = now
        current.checked_in_by = by_user
        current.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    registration.checked_in_at = current.checked_in_at
    audit.record(user=by, objects=[current], message=str(message))
    return current


@dataclasses.dataclass(frozen=True)
class PaperResult:
    """What marking a paper list did: who was marked present now, who was already present
    at the session (left as they were), and who was refused (cancelled, waiting list, or of
    another workshop), each in the order given."""

    marked: list[Registration]
    already: list[Registration]
    refused: list[Registration]


@transaction.atomic
def mark_present_from_paper(
    *, session: WorkshopSession, registrations, by: AbstractBaseUser
) -> PaperResult:
    """Mark `registrations` present at `session` from its signed paper list, on the day or
    afterwards (organisers, in the admin).

    Promises: each confirmed registration of the session's workshop not yet present at the
    session gets its attendance, recorded as from the paper list (Attendance.Source.PAPER)
    with `by` and one audit entry each (check_in's rules, whatever the day); one already
    present stays as it was; a cancelled or waiting-list registration, or one of another
    workshop, is refused and nothing is written for it; all or nothing.
    """
    marked, already, refused = [], [], []
    for registration in registrations:
        if registration.workshop_id != session.workshop_id:
            refused.append(registration)
            continue
        try:
            check_in(
                registration=registration,
                by=by,
                session=session,
                source=Attendance.Source.PAPER,
            )
        except AlreadyCheckedIn:
            already.append(registration)
        except (RegistrationCancelled, StillWaitlisted):
            refused.append(registration)
        else:
            marked.append(registration)
    return PaperResult(marked=marked, already=already, refused=refused)


@transaction.atomic
def erase_personal_data(cutoff: datetime.datetime) -> int:
    """Blank who registered (name, NIP, position, phone, email) for registrations made before
    `cutoff`; rows, statuses, kecamatan and village stay so the counts remain.

    The admin log entries of every erased registration name it by its code afterwards:
    entries written while Registration's str() still held the person's name lose it here.
    """
    erased = Registration.objects.filter(created_at__lt=cutoff, erased_at__isnull=True).update(
        full_name="",
        nip="",
        position="",
        phone="",
        email="",
        idempotency_key="",
        certificate_name="",
        certificate_nip="",
        erased_at=clock.now(),
    )
    _relabel_log_entries(Registration.objects.filter(erased_at__isnull=False))
    return erased


def _relabel_log_entries(registrations) -> None:
    """Set object_repr of the admin log entries of `registrations` to their audit label."""
    ids = registrations.annotate(id_text=Cast("pk", output_field=CharField())).values("id_text")
    code = (
        Registration.objects.annotate(id_text=Cast("pk", output_field=CharField()))
        .filter(id_text=OuterRef("object_id"))
        .values("code")[:1]
    )
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration), object_id__in=ids
    ).update(object_repr=Subquery(code))


@transaction.atomic
def copy_workshops(*, source: Edition, draft: Edition) -> int:
    """Copy `source`'s workshops into the new `draft` edition (festival.domain.copy_edition
    calls this after copying the programme); returns how many it made.

    Promises: no registration (nor certificate) is copied; the registration window and the
    certificates' signatory are cleared (the draft's organisers set theirs, or registration
    closes when the draft's festival starts); a
    workshop linked to a programme item is linked to the draft's item of the same slug; a
    workshop's own date moves by the editions' start-date difference (day 2 stays day 2), and
    a date beyond the draft's last day is cleared with its hours (announced later). Sessions
    move the same way (titles, hours and places kept); a session that would fall after the
    draft's last day is not copied. No attendance is copied; the certificate rule and JP are.
    """
    shift = draft.start_date - source.start_date
    draft_items = {
        item.slug: item for item in ProgrammeItem.objects.filter(edition=draft).only("slug")
    }
    copies, sessions_of = [], []
    workshops = Workshop.objects.of_edition(source).select_related("programme_item")
    for workshop in workshops.prefetch_related("sessions"):
        item = workshop.programme_item
        sessions_of.append(list(workshop.sessions.all()))
        workshop.pk = None
        workshop.edition = draft
        workshop.registration_opens = workshop.registration_closes = None
        # Who signs the new edition's certificates is for its organisers to enter (the title,
        # number format, JP and attendance share carry over).
        workshop.certificate_signatory_name = workshop.certificate_signatory_position = ""
        workshop.programme_item = draft_items.get(item.slug) if item is not None else None
        if workshop.date is not None:
            workshop.date += shift
            if workshop.date > draft.end_date:
                workshop.date = workshop.start_time = workshop.end_time = None
        copies.append(workshop)
    Workshop.objects.bulk_create(copies)
    sessions = []
    for copy, originals in zip(copies, sessions_of, strict=True):
        for session in originals:
            session.pk = None
            session.workshop = copy
            session.date += shift
            if session.date <= draft.end_date:
                sessions.append(session)
    WorkshopSession.objects.bulk_create(sessions)
    return len(copies)


class EvaluationRefused(NotAllowed):
    """The evaluation cannot be answered now by this registration (the subclass says why)."""


class NotAttended(EvaluationRefused):
    """Only someone who came (at least one session, or checked in at a workshop without
    sessions) evaluates the workshop; a waitlisted registration never came."""

    code = "not_attended"


class WorkshopNotOver(EvaluationRefused):
    """The evaluation opens once the workshop's last session has ended."""

    code = "workshop_not_over"


class AlreadyEvaluated(EvaluationRefused):
    """The registration has answered the evaluation already: answers are given once."""

    code = "already_evaluated"


def _score(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in evaluation.SCORES:
        raise ValidationError(
            {name: ValidationError(_("Nilai harus 1 sampai 4."), code="score_range")}
        )
    return value


@transaction.atomic
def answer_evaluation(
    *,
    registration: Registration,
    content: int,
    speakers: int,
    usefulness: int,
    organisation: int,
    comment: str = "",
) -> Evaluation:
    """Save the attendee's evaluation of their workshop, once.

    Promises: only a confirmed registration that attended answers (RegistrationCancelled,
    NotAttended), only after the workshop's last session has ended (WorkshopNotOver), and only
    once (AlreadyEvaluated, also when two answers race: the one-to-one constraint decides);
    each score is 1–4 and the comment at most COMMENT_MAX_LENGTH characters, stripped
    (ValidationError). Nothing is saved when any of these refuses.
    """
    scores = {
        "content": _score("content", content),
        "speakers": _score("speakers", speakers),
        "usefulness": _score("usefulness", usefulness),
        "organisation": _score("organisation", organisation),
    }
    comment = (comment or "").strip()
    if len(comment) > evaluation.COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": ValidationError(
                    _("Saran atau komentar paling banyak %(limit)d karakter."),
                    code="comment_too_long",
                    params={"limit": evaluation.COMMENT_MAX_LENGTH},
                )
            }
        )
    # The row lock queues a second answer from the same ticket behind the first.
    current = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("workshop")
        .get(pk=registration.pk)
    )
    if Evaluation.objects.filter(registration=current).exists():
        raise AlreadyEvaluated(AlreadyEvaluated.code)
    if current.status == Registration.Status.CANCELLED:
        raise RegistrationCancelled(RegistrationCancelled.code)
    if current.status != Registration.Status.CONFIRMED or not queries.has_attended(current):
        raise NotAttended(NotAttended.code)
    if not queries.workshop_over(current.workshop, now=clock.now()):
        raise WorkshopNotOver(WorkshopNotOver.code)
    try:
        with transaction.atomic():
            answer = Evaluation.objects.create(registration=current, comment=comment, **scores)
    except IntegrityError as error:
        raise AlreadyEvaluated(AlreadyEvaluated.code) from error
    registration.evaluation = answer  # the caller's object knows it has answered
    return answer


# Certificates ------------------------------------------------------------------------------
# Issued once a participant meets the workshop's rule (queries.certificate_standing), numbered
# under the workshop's row lock like the seats, so two issued at once never share a number.

ISSUED = "Sertifikat diterbitkan"
REVOKED = "Sertifikat dicabut: {reason}"


class CertificateRefused(Exception):
    """A certificate that the rules do not allow issuing; `code` names the rule."""

    code = "refused"


class NotEligible(CertificateRefused):
    """The participant does not (yet) meet the workshop's rule: `standing` says what is
    missing (sessions attended, the evaluation)."""

    code = "not_eligible"

    def __init__(self, standing):
        super().__init__(self.code)
        self.standing = standing


class CertificateSettingsMissing(CertificateRefused):
    """The organisers have not entered the signatory's name and position yet."""

    code = "settings_missing"


class CertificateRevokedBefore(CertificateRefused):
    """The participant's certificate was revoked: only organisers issue another."""

    code = "revoked_before"


class NumberTaken(CertificateRefused):
    """The workshop's number format gives a number another certificate already holds (two
    workshops with the same format): organisers make the formats differ."""

    code = "number_taken"

    def __init__(self, number: str):
        super().__init__(number)
        self.number = number


def certificate_settings_complete(workshop: Workshop) -> bool:
    return bool(
        workshop.certificate_signatory_name.strip()
        and workshop.certificate_signatory_position.strip()
        and workshop.certificate_number_format.strip()
    )


@transaction.atomic
def confirm_certificate_name(
    *, registration: Registration, full_name: str, nip: str = ""
) -> Certificate:
    """The participant confirms how their name (and NIP, if any: empty keeps the registered
    one) is spelt on their certificate, and gets it: returns the certificate issued now, or the one organisers issued
    already (whose name then stays as issued).

    Promises: only for a participant who meets the rule (NotEligible) of a workshop whose
    signatory is entered (CertificateSettingsMissing), never after a revoked certificate
    (CertificateRevokedBefore); the spelling is stored with the moment it was confirmed; the
    name contains only characters the certificate can print (ValueError otherwise: the form
    checks first, with a message).
    """
    if certificate_pdf.unprintable(full_name):
        raise ValueError("unprintable name")
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    existing = current.certificates.valid().first()
    if existing is not None:
        return existing
    _check_may_issue(current, by=None)
    current.certificate_name = full_name
    current.certificate_nip = nip or current.nip
    current.name_confirmed_at = clock.now()
    current.save(update_fields=["certificate_name", "certificate_nip", "name_confirmed_at"])
    registration.certificate_name, registration.certificate_nip = full_name, nip
    registration.name_confirmed_at = current.name_confirmed_at
    return issue_certificate(registration=current, by=None)


def _check_may_issue(registration: Registration, *, by) -> None:
    standing = queries.certificate_standing(registration)
    if not standing.eligible:
        raise NotEligible(standing)
    if not certificate_settings_complete(registration.workshop):
        raise CertificateSettingsMissing
    if by is None and registration.certificates.exists():
        raise CertificateRevokedBefore


@transaction.atomic
def issue_certificate(*, registration: Registration, by: AbstractBaseUser | None) -> Certificate:
    """Issue `registration`'s certificate, or return the valid one it has.

    Promises: only to a participant who meets the workshop's rule (NotEligible) once the
    organisers entered the signatory (CertificateSettingsMissing); numbers follow one another
    within the workshop (1, 2, 3 …, in the workshop's format) and never repeat, however many
    are issued at once (the workshop row is locked while counting); a number another workshop's
    certificate holds is refused (NumberTaken); the name printed is the one the participant
    confirmed, else the one they registered with. After a revocation only organisers (`by`)
    issue anew. Issuing by staff is recorded in the audit trail.
    """
    workshop = _locked_workshop(registration.workshop_id)
    registration = Registration.objects.select_related("kecamatan", "village").get(
        pk=registration.pk
    )
    existing = registration.certificates.valid().first()
    if existing is not None:
        return existing
    registration.workshop = workshop
    _check_may_issue(registration, by=by)
    last = workshop.certificates.order_by("-sequence").values_list("sequence", flat=True).first()
    sequence = (last or 0) + 1
    number = format_certificate_number(
        workshop.certificate_number_format,
        sequence=sequence,
        day=queries.certificate_days(workshop)[1],
    )
    if Certificate.objects.filter(number=number).exists():
        raise NumberTaken(number)
    certificate = Certificate.objects.create(
        registration=registration,
        workshop=workshop,
        sequence=sequence,
        number=number,
        name=registration.certificate_name or registration.full_name,
        nip=registration.certificate_nip if registration.name_confirmed_at else registration.nip,
        office=registration.office_label,
        issued_at=clock.now(),
        issued_by=by if by is not None and by.is_authenticated else None,
    )
    audit.record(user=by, objects=[certificate], message=ISSUED, action="added")
    return certificate


@dataclasses.dataclass(frozen=True)
class IssueResult:
    issued: int
    refused: int


def issue_certificates(*, workshop: Workshop, by: AbstractBaseUser | None) -> IssueResult:
    """Issue a certificate to every participant of `workshop` who meets the rule and has none
    yet (a revoked one counts: organisers reissue those one by one). Each is issued in its own
    transaction, so one refusal (a taken number) stops nothing else; returns the counts."""
    issued = refused = 0
    candidates = (
        workshop.registrations.filter(
            status=Registration.Status.CONFIRMED, erased_at__isnull=True, certificates=None
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    for registration in Registration.objects.filter(pk__in=list(candidates)).order_by(
        "created_at", "pk"
    ):
        if not queries.certificate_standing(registration).eligible:
            continue
        try:
            issue_certificate(registration=registration, by=by)
        except CertificateRefused:
            refused += 1
        else:
            issued += 1
    return IssueResult(issued=issued, refused=refused)


@transaction.atomic
def revoke_certificate(
    *, certificate: Certificate, by: AbstractBaseUser | None, reason: str
) -> None:
    """Revoke `certificate` for `reason` (required): its verification page says so from now
    on, its PDF is no longer offered, and its number is never given again. Revoking twice keeps
    the first revocation. Recorded in the audit trail."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"revoked_reason": _("Tulis alasan pencabutan.")}, code="revoke_reason"
        )
    current = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if current.revoked_at is not None:
        return
    current.revoked_at = clock.now()
    current.revoked_reason = reason
    current.revoked_by = by if by is not None and by.is_authenticated else None
    current.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    certificate.revoked_at, certificate.revoked_reason = current.revoked_at, reason
    audit.record(user=by, objects=[current], message=REVOKED.format(reason=reason))


def email_certificate_links(*, workshop: Workshop) -> int:
    """Email every holder of a valid certificate of `workshop` who gave an address a link to
    their ticket page, where the certificate is downloaded, in their language; returns how many
    emails were enqueued (each sent by a task, retried when the mail server fails)."""
    ids = list(
        workshop.certificates.valid()
        .filter(registration__erased_at__isnull=True)
        .exclude(registration__email="")
        .values_list("registration_id", flat=True)
    )
    for registration_id in ids:
        tasks.send_certificate_email.enqueue(registration_id=registration_id)
    return len(ids)


@transaction.atomic
def erase_certificate_personal_data(cutoff: datetime.datetime) -> int:
    """For certificates of registrations made before `cutoff`: keep only what the public
    verification page shows. The name becomes its masked form (mask_name: "Siti A****"), the
    NIP goes, the office keeps only the kecamatan. The number, workshop, dates and revocation
    stay, so verification of a printed certificate keeps working and says exactly what it said
    before. Returns how many certificates were erased."""
    erased = 0
    certificates = Certificate.objects.filter(
        registration__created_at__lt=cutoff, erased_at__isnull=True
    ).select_related("registration__kecamatan")
    now = clock.now()
    for certificate in certificates.iterator(chunk_size=500):
        certificate.name = mask_name(certificate.name)
        certificate.nip = ""
        certificate.office = f"Kecamatan {certificate.registration.kecamatan.name}"
        certificate.erased_at = now
        certificate.save(update_fields=["name", "nip", "office", "erased_at"])
        erased += 1
    return erased
