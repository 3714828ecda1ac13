"""Survey test data: codes as the desk issues them, and responses with given scores.

Answering is another module's rule (services.survey.domain.answer_survey); the index tests
only need responses in the database, so `answered()` writes them as rows."""

import factory

from festival.sitewide import clock
from services.survey.models import ELEMENT_FIELDS, SurveyCode, SurveyResponse, new_survey_code
from tests.festival.factories import EditionFactory
from tests.services.factories import ServiceFactory


class SurveyCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyCode

    code = factory.LazyFunction(new_survey_code)
    edition = factory.SubFactory(EditionFactory)
    service = factory.SubFactory(ServiceFactory)
    source = SurveyCode.Source.CARD
    issued_at = factory.LazyFunction(clock.now)


def answered(scores, *, code=None, suggestion="", created_at=None, **code_fields):
    """A response with `scores` (nine values, None for an unanswered element) to `code`
    (a new card code made with `code_fields` when not given)."""
    code = code or SurveyCodeFactory(**code_fields)
    return SurveyResponse.objects.create(
        code=code,
        edition=code.edition,
        service=code.service,
        suggestion=suggestion,
        created_at=created_at or clock.now(),
        **dict(zip(ELEMENT_FIELDS.values(), scores, strict=True)),
    )


def unsaved(scores) -> SurveyResponse:
    """A response with `scores`, not saved: the index of a plain list."""
    return SurveyResponse(**dict(zip(ELEMENT_FIELDS.values(), scores, strict=True)))


# The hand-worked example of tests/survey/test_index.py: three respondents, one of whom left
# element 3 (waktu penyelesaian) unanswered. Converted IKM 2275/27 = 84,259… → 84,26, B.
EXAMPLE = [
    [4, 4, 3, 4, 3, 4, 4, 3, 4],
    [3, 3, 3, 2, 4, 4, 3, 3, 3],
    [4, 3, None, 4, 4, 3, 4, 2, 3],
]
