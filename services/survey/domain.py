"""The survey's rules that change data: issuing codes (a sheet of cards for walk-ins, one code
for a request made ahead), voiding cards. Answering is here too (answer_survey)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from festival.models import Edition
from festival.sitewide import audit, clock
from services.survey.models import SurveyCode, new_survey_code

# A sheet of cards holds this many at most: enough for a day at a counter, not a flood.
MAX_CARDS_PER_SHEET = 200


class SurveyRefused(ValidationError):
    """A rule of the survey said no; the message says why."""


def _new_code(**fields) -> SurveyCode:
    """A saved card code with a fresh random value; tries again on the (astronomically rare)
    collision with an existing code."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                return SurveyCode.objects.create(code=new_survey_code(), **fields)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def issue_card_codes(*, edition: Edition, service, count: int, by=None) -> list[SurveyCode]:
    """`count` new one-time codes for walk-in residents of `service` at `edition`, to print on
    a sheet of cards. Refuses a count outside 1..MAX_CARDS_PER_SHEET."""
    if not 1 <= count <= MAX_CARDS_PER_SHEET:
        raise SurveyRefused(
            _("Jumlah kartu harus antara 1 dan %(max)s."),
            code="card_count",
            params={"max": MAX_CARDS_PER_SHEET},
        )
    now = clock.now()
    issued = [
        _new_code(
            edition=edition,
            service=service,
            source=SurveyCode.Source.CARD,
            issued_at=now,
            issued_by=by,
        )
        for _ in range(count)
    ]
    audit.record(user=by, objects=issued, action="added", message="Survey card issued")
    return issued


@transaction.atomic
def void_codes(*, codes, by=None) -> int:
    """Void unused codes (lost or spoiled cards): they can no longer answer. Codes already
    answered keep their answer. Returns how many were voided."""
    now = clock.now()
    to_void = list(
        # of=self: PostgreSQL cannot lock the nullable side of the outer join to responses.
        SurveyCode.objects.select_for_update(of=("self",)).filter(
            pk__in=[c.pk for c in codes], voided_at__isnull=True, response__isnull=True
        )
    )
    SurveyCode.objects.filter(pk__in=[c.pk for c in to_void]).update(voided_at=now)
    audit.record(user=by, objects=to_void, message="Survey code voided")
    return len(to_void)
