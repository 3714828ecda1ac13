"""Reads of the workshops app that count registrations (the admin's workshop page, an
edition's results) or depend on the edition a page is about."""

import dataclasses
import datetime
import enum
import math
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Lower
from django.utils import timezone

from festival.models import Edition
from festival.queries import accepts_forms
from workshops import evaluation
from workshops.models import (
    Attendance,
    Certificate,
    Evaluation,
    Registration,
    Workshop,
    WorkshopSession,
)


def status_counts(workshop: Workshop) -> dict[str, int]:
    """Registrations per status, every status present (one query)."""
    counts = dict(workshop.registrations.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in Registration.Status.values}


def kecamatan_counts(workshop: Workshop) -> list[dict]:
    """Active registrations per kecamatan, largest first (one query)."""
    return list(
        workshop.registrations.active()
        .values("kecamatan__name")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            total=Count("pk"),
        )
        .order_by("-total", "kecamatan__name")
    )


def registration_state(
    workshop: Workshop, *, now: datetime.datetime, takes_forms: bool | None = None
) -> Workshop.State:
    """The workshop's state as a page shows it and the registration rule applies it: CLOSED
    whenever its edition takes no forms (a past or draft edition, or one that is not the
    current one: festival.queries.accepts_forms), else Workshop.state by its window and
    counts (`confirmed_count`, `waitlisted_count`, see WorkshopQuerySet.with_counts).
    `takes_forms` is accepts_forms(workshop.edition), for a page that knows it already."""
    if takes_forms is None:
        takes_forms = accepts_forms(workshop.edition)
    if not takes_forms:
        return Workshop.State.CLOSED
    return workshop.state(
        now=now, confirmed=workshop.confirmed_count, waitlisted=workshop.waitlisted_count
    )


@dataclasses.dataclass(frozen=True)
class WorkshopResult:
    """What happened at one workshop of an edition, from its registrations: the counts stay
    when personal data is erased (the rows stay, blanked)."""

    workshop: Workshop
    confirmed: int
    waitlisted: int
    cancelled: int
    attended: int
    evaluations: int = 0
    # The mean of every score of every answer (four items each), 2 decimals; None without.
    evaluation_mean: Decimal | None = None

    @property
    def registrations(self) -> int:
        return self.confirmed + self.waitlisted + self.cancelled


def edition_results(edition: Edition) -> list[WorkshopResult]:
    """Every published workshop of `edition` with its registrations per status, how many
    came (checked in), and its evaluations (how many, the mean score), in the workshops'
    order (one query)."""
    Status = Registration.Status
    workshops = (
        Workshop.objects.published()
        .of_edition(edition)
        .annotate(
            n_confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            n_waitlisted=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            n_cancelled=Count("registrations", filter=Q(registrations__status=Status.CANCELLED)),
            n_attended=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
            # One evaluation per registration: the join adds no rows to count twice.
            n_evaluated=Count("registrations__evaluation"),
            evaluation_total=Sum(
                sum(
                    (F(f"registrations__evaluation__{field}") for field in evaluation.FIELDS),
                    start=Value(0),
                )
            ),
        )
        .order_by("registration_opens", "pk")
    )
    return [
        WorkshopResult(
            workshop=workshop,
            confirmed=workshop.n_confirmed,
            waitlisted=workshop.n_waitlisted,
            cancelled=workshop.n_cancelled,
            attended=workshop.n_attended,
            evaluations=workshop.n_evaluated,
            evaluation_mean=_mean(
                workshop.evaluation_total, workshop.n_evaluated * len(evaluation.FIELDS)
            ),
        )
        for workshop in workshops
    ]


def session_for_check_in(workshop: Workshop, *, now: datetime.datetime) -> WorkshopSession | None:
    """The session a door check-in at `now` is for: of the workshop's sessions today (in
    Banyuwangi), the one running, else the next to start, else the last one that began
    (latecomers after a session ended are still recorded for it); None when it has no
    session today (one query)."""
    return current_session(workshop.sessions.filter(date=timezone.localdate(now)), now=now)


def current_session(sessions, *, now: datetime.datetime) -> WorkshopSession | None:
    """session_for_check_in's rule over `sessions` already read (in their order), for a page
    that lists them anyway (the door kiosk): no query."""
    today = timezone.localdate(now)
    sessions = [session for session in sessions if session.date == today]
    if not sessions:
        return None
    running = [s for s in sessions if s.starts_at() <= now < s.ends_at()]
    if running:
        return running[0]
    upcoming = [s for s in sessions if s.starts_at() > now]
    if upcoming:
        return upcoming[0]
    return sessions[-1]


def workshop_over(workshop: Workshop, *, now: datetime.datetime) -> bool:
    """Whether the workshop's last sitting has ended at `now`: its last session's end; for a
    workshop without sessions, its own end time on its day, else the end of its day; never
    when its day is not known (one query at most; none when `sessions` are prefetched)."""
    sessions = list(workshop.sessions.all())
    if sessions:
        return now >= max(session.ends_at() for session in sessions)
    day = workshop.day
    if day is None:
        return False
    ending = WorkshopSession(date=day, start_time=workshop.starts, end_time=workshop.ends)
    return now >= ending.ends_at()


@dataclasses.dataclass(frozen=True)
class Standing:
    """Where a registration stands towards a certificate. A workshop without sessions is
    one sitting, attended when the ticket was checked in."""

    confirmed: bool
    erased: bool
    sessions: int
    attended: int
    required: int
    evaluation_required: bool
    evaluated: bool

    @property
    def attendance_met(self) -> bool:
        return self.attended >= self.required

    @property
    def evaluation_met(self) -> bool:
        return self.evaluated or not self.evaluation_required

    @property
    def eligible(self) -> bool:
        """Confirmed, personal data not erased, enough sessions attended, and the
        evaluation answered where organisers require it."""
        return self.confirmed and not self.erased and self.attendance_met and self.evaluation_met


def required_sessions(workshop: Workshop, sessions: int) -> int:
    """How many of `sessions` the certificate rule asks for: the organisers' share, rounded
    up, at least one."""
    return max(1, math.ceil(sessions * workshop.certificate_min_percent / 100))


def certificate_standing(registration: Registration) -> Standing:
    """The registration's standing towards a certificate of its workshop (three queries at
    most: sessions, attendances, evaluation)."""
    workshop = registration.workshop
    sessions = workshop.sessions.count()
    if sessions:
        attended = registration.attendances.count()
    else:
        sessions, attended = 1, int(registration.checked_in_at is not None)
    return Standing(
        confirmed=registration.status == Registration.Status.CONFIRMED,
        erased=registration.erased_at is not None,
        sessions=sessions,
        attended=attended,
        required=required_sessions(workshop, sessions),
        evaluation_required=workshop.evaluation_required,
        # RelatedObjectDoesNotExist is an AttributeError: hasattr is the documented test.
        evaluated=hasattr(registration, "evaluation"),
    )


def has_attended(registration: Registration) -> bool:
    """Whether the registration's holder came: present at a session, or checked in (a
    workshop without sessions checks in as one sitting; the first session check-in sets it
    too)."""
    return registration.checked_in_at is not None or registration.attendances.exists()


class EvaluationState(enum.Enum):
    """What the ticket page says about the workshop evaluation."""

    HIDDEN = "hidden"  # not (yet) for this registration: says nothing
    OPEN = "open"  # may answer now: the invitation
    ANSWERED = "answered"  # answered: the thanks


def evaluation_state(registration: Registration, now: datetime.datetime) -> EvaluationState:
    """OPEN for a confirmed registration that attended once the workshop's last session is
    over, ANSWERED once it has answered, else HIDDEN (the rule of
    domain.answer_evaluation, read)."""
    # RelatedObjectDoesNotExist is an AttributeError: no query when `evaluation` was selected
    # with the registration (Registration.objects.for_ticket).
    if hasattr(registration, "evaluation"):
        return EvaluationState.ANSWERED
    if (
        registration.status == Registration.Status.CONFIRMED
        and has_attended(registration)
        and workshop_over(registration.workshop, now=now)
    ):
        return EvaluationState.OPEN
    return EvaluationState.HIDDEN


@dataclasses.dataclass(frozen=True)
class ItemResult:
    item: evaluation.Item
    mean: Decimal | None  # to 2 decimals, half up; None without answers
    counts: tuple[int, int, int, int]  # how many answered 1, 2, 3, 4


@dataclasses.dataclass(frozen=True)
class EvaluationResults:
    """A workshop's evaluation as organisers read it: never who answered what."""

    workshop: Workshop
    answers: int
    attendees: int
    items: list[ItemResult]
    comments: list[str]

    @property
    def response_rate(self) -> int | None:
        """Answers per attendee in whole percent (half up), None without attendees."""
        if not self.attendees:
            return None
        return int((Decimal(100 * self.answers) / self.attendees).quantize(0, ROUND_HALF_UP))


def _mean(total: int | None, n: int) -> Decimal | None:
    if not n:
        return None
    return (Decimal(total) / n).quantize(Decimal("0.01"), ROUND_HALF_UP)


def attendee_count(workshop: Workshop) -> int:
    """Confirmed registrations of `workshop` whose holder came (see has_attended)."""
    return (
        workshop.registrations.filter(status=Registration.Status.CONFIRMED)
        .filter(Q(checked_in_at__isnull=False) | Q(attendances__isnull=False))
        .distinct()
        .count()
    )


def evaluation_results(workshop: Workshop) -> EvaluationResults:
    """The answers, attendees, each item's mean and 1–4 counts, and the comments (blank ones
    left out, oldest first) of `workshop` (three queries)."""
    answers = Evaluation.objects.filter(registration__workshop=workshop)
    aggregates = {"n": Count("pk")}
    for field in evaluation.FIELDS:
        aggregates[f"{field}_sum"] = Sum(field)
        for score in evaluation.SCORES:
            aggregates[f"{field}_{score}"] = Count("pk", filter=Q(**{field: score}))
    row = answers.aggregate(**aggregates)
    items = [
        ItemResult(
            item=item,
            mean=_mean(row[f"{item.field}_sum"], row["n"]),
            counts=tuple(row[f"{item.field}_{score}"] for score in evaluation.SCORES),
        )
        for item in evaluation.ITEMS
    ]
    comments = list(
        answers.exclude(comment="").order_by("answered_at", "pk").values_list("comment", flat=True)
    )
    return EvaluationResults(
        workshop=workshop,
        answers=row["n"],
        attendees=attendee_count(workshop),
        items=items,
        comments=comments,
    )


# The door (workshops.door) and the ticket's sessions.


@dataclasses.dataclass(frozen=True)
class DoorCounts:
    confirmed: int
    present: int

    @property
    def expected(self) -> int:
        return self.confirmed - self.present


def door_counts(session: WorkshopSession) -> DoorCounts:
    """The session's confirmed registrations and how many of them are checked in (one query)."""
    present = Attendance.objects.filter(session=session, registration=OuterRef("pk")).values("pk")
    counts = Registration.objects.filter(
        workshop_id=session.workshop_id, status=Registration.Status.CONFIRMED
    ).aggregate(confirmed=Count("pk"), present=Count("pk", filter=Exists(present)))
    return DoorCounts(confirmed=counts["confirmed"], present=counts["present"])


def expected_at(session: WorkshopSession):
    """Confirmed registrations of the session's workshop not yet checked in at it, by name
    (then code), with their kecamatan and village."""
    return (
        Registration.objects.filter(
            workshop_id=session.workshop_id, status=Registration.Status.CONFIRMED
        )
        .exclude(attendances__session=session)
        .select_related("kecamatan", "village")
        .order_by(Lower("full_name"), "code")
    )


def registration_by_reference(*, secret: str = "", code: str = "") -> Registration | None:
    """The registration of a ticket's secret (scanned) or of a registration code (typed, in
    capitals), with its workshop; None when there is none."""
    registrations = Registration.objects.select_related("workshop")
    if secret:
        return registrations.filter(secret=secret).first()
    if code:
        return registrations.filter(code=code).first()
    return None


@dataclasses.dataclass(frozen=True)
class TicketSession:
    session: WorkshopSession
    attended_at: datetime.datetime | None


def ticket_sessions(registration: Registration) -> list[TicketSession]:
    """The sessions of the registration's workshop, each with when the holder was checked in
    at it (None: not, or not yet); one query."""
    attendance = Attendance.objects.filter(registration=registration, session=OuterRef("pk"))
    sessions = WorkshopSession.objects.filter(workshop_id=registration.workshop_id).annotate(
        attended_at=Subquery(attendance.values("checked_in_at")[:1])
    )
    return [TicketSession(session=session, attended_at=session.attended_at) for session in sessions]


@dataclasses.dataclass(frozen=True)
class PaperRow:
    registration: Registration
    attended_at: datetime.datetime | None
    source: str | None

    @property
    def can_mark(self) -> bool:
        return (
            self.attended_at is None and self.registration.status == Registration.Status.CONFIRMED
        )

    @property
    def source_label(self) -> str:
        return Attendance.Source(self.source).label if self.source else ""


def paper_rows(session: WorkshopSession) -> list[PaperRow]:
    """Every registration of the session's workshop, by name, with when (and how) it was
    checked in at the session: what organisers tick from a signed paper list (one query)."""
    attendance = Attendance.objects.filter(session=session, registration=OuterRef("pk"))
    registrations = (
        Registration.objects.filter(workshop_id=session.workshop_id)
        .select_related("kecamatan", "village")
        .annotate(
            attended_at=Subquery(attendance.values("checked_in_at")[:1]),
            attended_source=Subquery(attendance.values("source")[:1]),
        )
        .order_by(Lower("full_name"), "code")
    )
    return [
        PaperRow(registration=r, attended_at=r.attended_at, source=r.attended_source)
        for r in registrations
    ]


def attendance_per_session(workshop: Workshop) -> list[tuple[WorkshopSession, DoorCounts]]:
    """Each session of `workshop` with its confirmed registrations and how many came (two
    queries)."""
    confirmed = workshop.registrations.filter(status=Registration.Status.CONFIRMED).count()
    sessions = workshop.sessions.annotate(
        present=Count(
            "attendances",
            filter=Q(attendances__registration__status=Registration.Status.CONFIRMED),
        )
    )
    return [
        (session, DoorCounts(confirmed=confirmed, present=session.present)) for session in sessions
    ]


def certificate_days(workshop: Workshop) -> tuple[datetime.date, datetime.date]:
    """The first and last day a certificate of `workshop` names: its sessions' days, else the
    workshop's own day, else its edition's dates (one query at most)."""
    days = sorted({session.date for session in workshop.sessions.all()})
    if days:
        return days[0], days[-1]
    if workshop.day is not None:
        return workshop.day, workshop.day
    return workshop.edition.start_date, workshop.edition.end_date


def certificate_of(registration: Registration) -> Certificate | None:
    """The registration's certificate for its ticket page: the valid one, else the latest
    revoked one (so the page can say it was revoked), else None."""
    return registration.certificates.order_by(
        F("revoked_at").asc(nulls_first=True), "-issued_at"
    ).first()


def certificate_for_verification(token: str) -> Certificate | None:
    """The certificate with `token`, with what its verification page shows (one query)."""
    return (
        Certificate.objects.select_related("workshop__edition", "workshop__programme_item")
        .filter(token=token)
        .first()
    )


def certificate_counts(workshop: Workshop) -> dict[str, int]:
    """The workshop's certificates: `valid` and `revoked` (one query)."""
    return workshop.certificates.aggregate(
        valid=Count("pk", filter=Q(revoked_at__isnull=True)),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
    )
