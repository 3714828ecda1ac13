"""Reads of the workshops app that count registrations (the admin's workshop page, an
edition's results) or depend on the edition a page is about."""

import dataclasses
import datetime

from django.db.models import Count, F, Q

from festival.models import Edition
from festival.queries import accepts_forms
from workshops.models import Certificate, Registration, Workshop


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
