"""Reads of the workshops app that count registrations (the admin's workshop page, an
edition's results) or depend on the edition a page is about."""

import dataclasses
import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Lower

from festival.models import Edition
from festival.queries import accepts_forms
from workshops.models import Attendance, Registration, Workshop, WorkshopSession


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
    present = Attendance.objects.filter(
        session=session, registration=OuterRef("pk")
    ).values("pk")
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
    at it (None: not, or not yet); two queries."""
    attended = dict(registration.attendances.values_list("session_id", "checked_in_at"))
    return [
        TicketSession(session=session, attended_at=attended.get(session.pk))
        for session in WorkshopSession.objects.filter(workshop_id=registration.workshop_id)
    ]


@dataclasses.dataclass(frozen=True)
class PaperRow:
    registration: Registration
    attended_at: datetime.datetime | None
    source: str | None

    @property
    def can_mark(self) -> bool:
        return self.attended_at is None and self.registration.status == Registration.Status.CONFIRMED

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
