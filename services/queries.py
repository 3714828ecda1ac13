"""Reads of the services app that views, the admin and other pages use."""

import dataclasses
import datetime
import secrets

from django.db.models import Count

from festival.models import Edition
from festival.queries import accepts_forms
from services.models import ComplaintChannel, Offering, ServiceRequest
from services.survey.models import SurveyCode
from services.survey.queries import edition_takes_answers


def offerings_of(edition: Edition):
    """What the desk offers (offered) at `edition`, as the public sees it, in the desk's order."""
    return (
        Offering.objects.published()
        .of_edition(edition)
        .select_related("service")
        .order_by("order", "service__order", "service__name", "pk")
    )


def offering_page(edition: Edition, slug: str) -> Offering | None:
    """The published offering of the service `slug` at `edition`, with its requirements and
    procedure steps; None when that edition did not offer it."""
    return (
        Offering.objects.published()
        .of_edition(edition)
        .with_requirements()
        .with_steps()
        .select_related("service", "edition", "booth")
        .filter(service__slug=slug)
        .first()
    )


def complaint_channels(edition: Edition) -> list[ComplaintChannel]:
    """The local channels for complaints, suggestions and feedback organisers entered for
    `edition`, in their order (the national one, SP4N-LAPOR!, is always shown besides)."""
    return list(ComplaintChannel.objects.of_edition(edition))


def request_days(offering: Offering, *, today: datetime.date) -> list[datetime.date]:
    """The days of the offering's edition a resident can still choose when requesting it.

    This is the one answer to "does this offering accept requests now?": empty when it takes
    no online requests (Offering.takes_requests), when its edition may offer no form (a past
    or draft edition, see festival.queries.accepts_forms) or when no day of it is left.
    """
    if not offering.takes_requests or not accepts_forms(offering.edition):
        return []
    return [day for day in offering.edition.days if day >= today]


def request_for_tracking(code: str, phone: str) -> ServiceRequest | None:
    """The request with this code and this (normalised, +628…) phone number, else None.

    Both a wrong code and a wrong number give None, so the page cannot tell which was
    wrong. Erased requests have no phone and are never found.
    """
    found = ServiceRequest.objects.with_history().filter(code=code, erased_at__isnull=True).first()
    stored = found.phone if found is not None else "+62"
    if found is None or not secrets.compare_digest(stored.encode(), phone.encode()):
        return None
    return found


@dataclasses.dataclass(frozen=True)
class SurveyInvitation:
    """What a done request's tracking page says about the survey: `code` to answer while it
    can (`answered` False), or thanks once it was answered."""

    code: str
    answered: bool


def survey_invitation(service_request: ServiceRequest) -> SurveyInvitation | None:
    """The survey invitation of a request's tracking page: the request's survey code while it
    can still answer (not voided, not answered, its edition still taking answers, see
    services.survey.queries.edition_takes_answers), thanks once it was answered, else None
    (not done, no code, voided, or the survey closed). One query."""
    if service_request.status != ServiceRequest.Status.DONE:
        return None
    survey_code = (
        SurveyCode.objects.filter(service_request=service_request)
        .select_related("edition", "response")
        .first()
    )
    if survey_code is None:
        return None
    answered = getattr(survey_code, "response", None) is not None
    if answered:
        return SurveyInvitation(code=survey_code.code, answered=True)
    if survey_code.voided_at is not None or not edition_takes_answers(survey_code.edition):
        return None
    return SurveyInvitation(code=survey_code.code, answered=False)


def request_by_tracking_secret(secret: str) -> ServiceRequest | None:
    """The request of a private tracking link, else None (also once its data is erased)."""
    return (
        ServiceRequest.objects.with_history()
        .filter(tracking_secret=secret, erased_at__isnull=True)
        .first()
    )


# An edition's results: what the desk did with the requests made ahead, counted from rows
# that outlive the applicants' data (the erasers blank fields and keep the rows).


@dataclasses.dataclass(frozen=True)
class ResultRow:
    offering: Offering
    total: int
    counts: list[int]  # in the order of EditionResults.statuses


@dataclasses.dataclass(frozen=True)
class EditionResults:
    statuses: list[tuple[str, str]]  # (value, label) of each status that occurred
    rows: list[ResultRow]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def edition_results(edition: Edition) -> EditionResults:
    """Requests made for each service at `edition` and how they ended (counts per status),
    for the services that had any; statuses no request has are left out. Two queries."""
    counted = (
        ServiceRequest.objects.filter(offering__edition=edition)
        .values("offering", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_offering: dict[int, dict[str, int]] = {}
    for row in counted:
        by_offering.setdefault(row["offering"], {})[row["status"]] = row["n"]
    if not by_offering:
        return EditionResults(statuses=[], rows=[])
    seen = {status for counts in by_offering.values() for status in counts}
    statuses = [(value, label) for value, label in ServiceRequest.Status.choices if value in seen]
    offerings = (
        Offering.objects.filter(pk__in=by_offering)
        .select_related("service")
        .order_by("order", "service__order", "service__name", "pk")
    )
    rows = [
        ResultRow(
            offering=offering,
            total=sum(by_offering[offering.pk].values()),
            counts=[by_offering[offering.pk].get(value, 0) for value, _label in statuses],
        )
        for offering in offerings
    ]
    return EditionResults(statuses=statuses, rows=rows)


def offerings_by_booth(edition: Edition) -> dict[int, list[Offering]]:
    """The published services the desk offers at `edition` at a booth of its plan, by booth
    id, in the desk's order (one query): what the map says is at each booth."""
    by_booth: dict[int, list[Offering]] = {}
    for offering in offerings_of(edition).filter(booth__isnull=False).select_related("edition"):
        by_booth.setdefault(offering.booth_id, []).append(offering)
    return by_booth
