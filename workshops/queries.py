"""Reads of the workshops app that count registrations (the admin's workshop page, an
edition's results) or depend on the edition a page is about."""

import dataclasses
import datetime
import math

from django.db.models import Count, F, Q
from django.utils import timezone

from festival.models import Edition
from festival.queries import accepts_forms
from workshops.models import Certificate, Registration, Workshop, WorkshopSession


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

    @property
    def registrations(self) -> int:
        return self.confirmed + self.waitlisted + self.cancelled


def edition_results(edition: Edition) -> list[WorkshopResult]:
    """Every published workshop of `edition` with its registrations per status and how many
    came (checked in), in the workshops' order (one query)."""
    Status = Registration.Status
    workshops = (
        Workshop.objects.published()
        .of_edition(edition)
        .annotate(
            n_confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            n_waitlisted=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            n_cancelled=Count("registrations", filter=Q(registrations__status=Status.CANCELLED)),
            n_attended=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
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
        )
        for workshop in workshops
    ]


def session_for_check_in(workshop: Workshop, *, now: datetime.datetime) -> WorkshopSession | None:
    """The session a door check-in at `now` is for: of the workshop's sessions today (in
    Banyuwangi), the one running, else the next to start, else the last one that began
    (latecomers after a session ended are still recorded for it); None when it has no
    session today (one query)."""
    today = timezone.localdate(now)
    sessions = list(workshop.sessions.filter(date=today))
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
