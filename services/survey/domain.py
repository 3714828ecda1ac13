"""The survey's rules that change data: issuing codes (a sheet of cards for walk-ins, one code
for a request made ahead), voiding cards. Answering is here too (answer_survey)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from festival.models import Edition
from festival.sitewide import audit, clock
from services.models import Service, ServiceRequest
from services.survey import queries
from services.survey.models import (
    ELEMENT_FIELDS,
    Element,
    SurveyCode,
    SurveyResponse,
    new_survey_code,
)

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
    # Lock the codes only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer
    # join that "not answered" needs.
    to_void = list(
        SurveyCode.objects.select_for_update(of=("self",)).filter(
            pk__in=[c.pk for c in codes], voided_at__isnull=True, response__isnull=True
        )
    )
    SurveyCode.objects.filter(pk__in=[c.pk for c in to_void]).update(voided_at=now)
    audit.record(user=by, objects=to_void, message="Survey code voided")
    return len(to_void)


# ---------------------------------------------------------------------------------------------
# A request made ahead: one code, when the desk marks it done.


def subject_of_request(service_request: ServiceRequest) -> tuple[Edition, Service]:
    """The edition and the service a request's survey code is for: those of the edition's
    offering the request was made to."""
    offering = service_request.offering
    return offering.edition, offering.service


@transaction.atomic
def issue_request_code(*, service_request: ServiceRequest, by=None) -> SurveyCode:
    """The survey code of a request made ahead, issued once the desk has marked it done: the
    same code however often it is asked for (a voided one stays voided, never replaced), of
    the request's service and edition (subject_of_request). Refuses a request not done."""
    # Locking the request makes two callers at once wait for each other: one code, not two.
    locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
    existing = SurveyCode.objects.filter(service_request=locked).first()
    if existing is not None:
        return existing
    if locked.status != ServiceRequest.Status.DONE:
        raise SurveyRefused(
            _("Kode survei diberikan setelah permohonan selesai."), code="request_not_done"
        )
    edition, service = subject_of_request(locked)
    issued = _new_code(
        edition=edition,
        service=service,
        source=SurveyCode.Source.REQUEST,
        service_request=locked,
        issued_at=clock.now(),
        issued_by=by,
    )
    audit.record(user=by, objects=[issued], action="added", message="Survey code issued")
    return issued


# ---------------------------------------------------------------------------------------------
# Answering.

# A suggestion is a few sentences; the form says so and the domain holds to it.
SUGGESTION_MAX_LENGTH = 1000
PROFILE_FIELDS = ("sex", "age_group", "education", "occupation")


def refusal() -> SurveyRefused:
    """The one refusal of a code that cannot answer: unknown, already used, voided, or of an
    edition that no longer takes answers. One message for all, so that nobody learns from it
    which codes exist."""
    return SurveyRefused(
        _(
            "Kode tidak dapat dipakai: periksa kembali kodenya. "
            "Setiap kode hanya dapat dipakai sekali."
        ),
        code="code_unusable",
    )


@transaction.atomic
def answer_survey(
    *, code: str, scores: dict[Element, int], profile: dict, suggestion: str
) -> SurveyResponse:
    """Store one person's answers under their code: a score of 1–4 per element given (an
    element left out stays empty; the index says how that counts), the optional profile
    (PROFILE_FIELDS, each one of its choices or empty) and the optional suggestion. The
    response takes its edition and service from the code.

    A code answers once: the database holds one response per code, so of two submissions at
    the same moment one is stored and the other refused. Unknown, used, voided and closed
    codes get the same refusal (refusal()); answers off the scale or the profile's choices
    are refused with their own message and nothing is stored."""
    survey_code = queries.usable_code(code)
    if survey_code is None:
        raise refusal()
    unknown = set(scores) - set(Element)
    if unknown:
        raise ValueError(f"Not survey elements: {sorted(unknown)}")
    extra = set(profile) - set(PROFILE_FIELDS)
    if extra:
        raise ValueError(f"Not profile fields: {sorted(extra)}")
    suggestion = suggestion.strip()
    if len(suggestion) > SUGGESTION_MAX_LENGTH:
        raise SurveyRefused(
            _("Saran paling banyak %(max)s karakter."),
            code="suggestion_too_long",
            params={"max": SUGGESTION_MAX_LENGTH},
        )
    response = SurveyResponse(
        code=survey_code,
        edition=survey_code.edition,
        service=survey_code.service,
        suggestion=suggestion,
        created_at=clock.now(),
        **{ELEMENT_FIELDS[element]: score for element, score in scores.items()},
        **{field: profile.get(field) or "" for field in PROFILE_FIELDS},
    )
    for element, score in scores.items():
        if score is not None and (type(score) is not int or not 1 <= score <= 4):
            raise SurveyRefused(
                _("Jawaban untuk unsur %(element)s harus bernilai 1 sampai 4."),
                code="score_off_scale",
                params={"element": element.label},
            )
    try:
        # The profile's choices. The code, edition and service were just read; uniqueness is
        # the database's to say (below), not a query that a second submission could slip past.
        response.full_clean(
            exclude=["code", "edition", "service"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        raise SurveyRefused(error.messages[0], code="invalid") from error
    try:
        with transaction.atomic():
            response.save(force_insert=True)
    except IntegrityError:
        # The same code answered a moment ago, in another request.
        raise refusal() from None
    return response
