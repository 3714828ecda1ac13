"""Reads of the survey that views and the domain share: whether a code may answer."""

from festival.models import Edition
from festival.queries import current_edition
from services.survey.models import SurveyCode, normalize_survey_code


def edition_takes_answers(edition: Edition) -> bool:
    """Only the current edition's codes answer, and only once it is published: a past
    edition's index stays as it was published when a later edition becomes current, and a
    draft's cards cannot be used before it is announced. (The current edition stays current
    after its last day until the next one is published, so a request marked done after the
    festival can still be answered.)"""
    current = current_edition()
    return edition.is_published and current is not None and current.pk == edition.pk


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
