"""Reads of the survey: whether a code may answer; the people served, and the index of an
edition and of each of its services (sums taken in the database, the arithmetic on them exact,
in services.survey.index)."""

from __future__ import annotations

import dataclasses
import datetime
import functools

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from festival.models import Edition
from festival.queries import is_current
from services.models import Service
from services.survey.index import Index, Tally, compute_index, tally_aggregates
from services.survey.models import SurveyCode, SurveyReport, SurveyResponse, normalize_survey_code


def edition_takes_answers(edition: Edition) -> bool:
    """Only the current edition's codes answer, and only once it is published: a past
    edition's index stays as it was published when a later edition becomes current, and a
    draft's cards cannot be used before it is announced. (The current edition stays current
    after its last day until the next one is published, so a request marked done after the
    festival can still be answered.)"""
    return edition.is_published and is_current(edition)


def usable_code(code: str) -> SurveyCode | None:
    """The code that may answer now (typed in any form normalize_survey_code accepts), or
    None: unknown, already answered, voided and closed codes alike, read by one query, so
    neither the answer nor its time tells them apart."""
    found = (
        SurveyCode.objects.filter(
            code=normalize_survey_code(code), voided_at__isnull=True, response__isnull=True
        )
        .select_related("edition", "service")
        .first()
    )
    if found is None or not edition_takes_answers(found.edition):
        return None
    return found


def served_codes(edition: Edition, service: Service | None = None):
    """The codes that stand for people served: every person served gets one, so the codes
    issued and not voided (lost or spoiled cards) are N, the population of the sample."""
    codes = SurveyCode.objects.filter(edition=edition, voided_at__isnull=True)
    if service is not None:
        codes = codes.filter(service=service)
    return codes


def served_count(edition: Edition, service: Service | None = None) -> int:
    return served_codes(edition, service).count()


def edition_index(edition: Edition, service: Service | None = None) -> Index | None:
    """The index of the whole edition (or of one `service` at it) in one query (the codes not
    voided, each joined to its answer, if any: N and the sums together), or None when no code
    was issued for it: the edition home's card, a service page's index."""
    row = (
        served_codes(edition, service)
        .order_by()
        .aggregate(served=Count("pk"), **tally_aggregates(prefix="response__"))
    )
    if not row["served"]:
        return None
    return compute_index(Tally.from_row(row), served=row["served"])


@dataclasses.dataclass(frozen=True)
class ServiceResult:
    service: Service
    index: Index


@dataclasses.dataclass(frozen=True)
class EditionResults:
    edition: Edition
    index: Index
    services: list[ServiceResult]
    first_day: datetime.date | None  # the period: the first and last answer (WIB)
    last_day: datetime.date | None
    report: SurveyReport | None

    @functools.cached_property
    def charted_services(self) -> list[ServiceResult]:
        """The services whose index is computed (the others have no bar to draw)."""
        return [result for result in self.services if result.index.computed]

    @property
    def follow_up_plan(self) -> SurveyReport | None:
        return self.report if self.report and self.report.follow_up_plan.strip() else None


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def edition_results(edition: Edition, responses=None) -> EditionResults:
    """The index of `edition` and of each service that served anyone at it, in three queries
    (services with the people served, the responses' sums per service, the report).
    `responses` narrows the answers counted (the admin's filtered list); N stays the
    edition's."""
    services = list(
        Service.objects.annotate(
            served=Count(
                "survey_codes",
                filter=Q(survey_codes__edition=edition, survey_codes__voided_at__isnull=True),
            )
        ).filter(served__gt=0)
    )
    if responses is None:
        responses = SurveyResponse.objects.all()
    rows = (
        responses.filter(edition=edition)
        .order_by()
        .values("service")
        .annotate(first=Min("created_at"), last=Max("created_at"), **tally_aggregates())
    )
    tallies, firsts, lasts = {}, [], []
    for row in rows:
        tallies[row["service"]] = Tally.from_row(row)
        firsts.append(row["first"])
        lasts.append(row["last"])
    total = sum(tallies.values(), Tally())
    results = [
        ServiceResult(
            service=service,
            index=compute_index(tallies.get(service.pk, Tally()), served=service.served),
        )
        for service in services
    ]
    return EditionResults(
        edition=edition,
        index=compute_index(total, served=sum(s.served for s in services)),
        services=results,
        first_day=_local_day(min(firsts)) if firsts else None,
        last_day=_local_day(max(lasts)) if lasts else None,
        report=SurveyReport.objects.filter(edition=edition).first(),
    )
