import datetime

import pytest
import time_machine
from django.contrib.auth.models import User

from services.models import ServiceRequest
from services.survey import domain
from services.survey.models import Element, SurveyCode, SurveyResponse
from tests.festival.factories import EditionFactory
from tests.services.factories import ServiceRequestFactory
from tests.survey.answering import all_scores, card_code

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Kode tidak dapat dipakai: periksa kembali kodenya. Setiap kode hanya dapat dipakai sekali."
)


def answer(code, **changes):
    arguments = {"code": code, "scores": all_scores(), "profile": {}, "suggestion": ""}
    arguments.update(changes)
    return domain.answer_survey(**arguments)


# --- Answering -------------------------------------------------------------------------------


def test_answer_is_stored_with_the_codes_edition_and_service(edition):
    survey_code = card_code(edition)
    scores = dict(zip(Element, [4, 3, 2, 1, 4, 3, 2, 1, 4], strict=True))

    answer(
        survey_code.code,
        scores=scores,
        profile={"sex": "p", "age_group": "30-39", "education": "sma", "occupation": "petani"},
        suggestion="  Antrean perlu nomor.  ",
    )

    stored = SurveyResponse.objects.get()
    assert stored.code == survey_code
    assert stored.edition == edition
    assert stored.service == survey_code.service
    assert [stored.score(element) for element in Element] == [4, 3, 2, 1, 4, 3, 2, 1, 4]
    assert (stored.sex, stored.age_group, stored.education, stored.occupation) == (
        "p",
        "30-39",
        "sma",
        "petani",
    )
    assert stored.suggestion == "Antrean perlu nomor."


def test_answer_accepts_the_code_as_typed_from_the_card(edition):
    survey_code = card_code(edition)
    typed = f" {survey_code.code[:4].lower()} – {survey_code.code[4:].lower()} "

    answer(typed)

    assert SurveyResponse.objects.get().code == survey_code


def test_answer_leaves_elements_left_out_empty(edition):
    survey_code = card_code(edition)

    answer(survey_code.code, scores={Element.REQUIREMENTS: 4, Element.COST: 1})

    stored = SurveyResponse.objects.get()
    assert [stored.score(element) for element in Element] == [4, None, None, 1] + [None] * 5
    assert (stored.sex, stored.suggestion) == ("", "")


def test_a_code_answers_once(edition):
    survey_code = card_code(edition)
    answer(survey_code.code, scores=all_scores(4))

    with pytest.raises(domain.SurveyRefused) as refused:
        answer(survey_code.code, scores=all_scores(1))

    assert refused.value.messages == [REFUSAL]
    assert SurveyResponse.objects.get().score(Element.REQUIREMENTS) == 4


def _unknown(edition):
    return "ACDEFHJK"


def _used(edition):
    survey_code = card_code(edition)
    answer(survey_code.code)
    return survey_code.code


def _voided(edition):
    survey_code = card_code(edition)
    domain.void_codes(codes=[survey_code])
    return survey_code.code


def _of_a_draft(edition):
    draft = EditionFactory(
        slug="draft-2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
        is_published=False,
    )
    return card_code(draft).code


@pytest.mark.parametrize("make", [_unknown, _used, _voided, _of_a_draft])
def test_unusable_codes_get_one_and_the_same_refusal(edition, make):
    code = make(edition)
    before = SurveyResponse.objects.count()

    with pytest.raises(domain.SurveyRefused) as refused:
        answer(code)

    assert refused.value.code == "code_unusable"
    assert refused.value.messages == [REFUSAL]
    assert SurveyResponse.objects.count() == before


def test_a_past_editions_code_is_refused_once_a_later_edition_is_current(edition):
    old_code = card_code(edition)
    EditionFactory(
        slug="edisi-2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )

    with time_machine.travel(datetime.date(2027, 1, 10)), pytest.raises(domain.SurveyRefused):
        answer(old_code.code)

    assert not SurveyResponse.objects.exists()


def test_the_current_edition_takes_answers_after_its_last_day(edition):
    survey_code = card_code(edition)

    with time_machine.travel(datetime.date(2026, 12, 20)):
        answer(survey_code.code)

    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("score", [0, 5, "3", True])
def test_a_score_off_the_scale_is_refused_and_nothing_stored(edition, score):
    survey_code = card_code(edition)

    with pytest.raises(domain.SurveyRefused) as refused:
        answer(survey_code.code, scores={**all_scores(), Element.TIME: score})

    assert refused.value.code == "score_off_scale"
    assert "Waktu penyelesaian" in refused.value.messages[0]
    assert not SurveyResponse.objects.exists()


def test_a_profile_outside_its_choices_is_refused(edition):
    survey_code = card_code(edition)

    with pytest.raises(domain.SurveyRefused):
        answer(survey_code.code, profile={"age_group": "12"})

    assert not SurveyResponse.objects.exists()


def test_a_suggestion_over_the_limit_is_refused(edition):
    survey_code = card_code(edition)

    with pytest.raises(domain.SurveyRefused) as refused:
        answer(survey_code.code, suggestion="x" * (domain.SUGGESTION_MAX_LENGTH + 1))

    assert refused.value.messages == ["Saran paling banyak 1000 karakter."]
    answer(survey_code.code, suggestion="x" * domain.SUGGESTION_MAX_LENGTH)
    assert len(SurveyResponse.objects.get().suggestion) == domain.SUGGESTION_MAX_LENGTH


# --- A request's code ------------------------------------------------------------------------


def test_a_request_marked_done_gets_one_code_of_its_service_and_edition(edition):
    EditionFactory(
        slug="edisi-2016",
        start_date=datetime.date(2016, 12, 14),
        end_date=datetime.date(2016, 12, 16),
    )
    done = ServiceRequestFactory(
        status=ServiceRequest.Status.DONE, preferred_day=datetime.date(2026, 12, 15)
    )
    desk = User.objects.create_user("petugas", is_staff=True)

    issued = domain.issue_request_code(service_request=done, by=desk)
    again = domain.issue_request_code(service_request=done, by=desk)

    assert again == issued
    assert SurveyCode.objects.get() == issued
    assert (issued.edition, issued.service, issued.service_request) == (edition, done.service, done)
    assert issued.source == SurveyCode.Source.REQUEST
    assert issued.issued_by == desk
    # And the resident answers with it.
    answer(issued.code)
    assert SurveyResponse.objects.get().service == done.service


def test_a_voided_request_code_is_not_replaced(edition):
    done = ServiceRequestFactory(status=ServiceRequest.Status.DONE)
    issued = domain.issue_request_code(service_request=done)
    domain.void_codes(codes=[issued])

    assert domain.issue_request_code(service_request=done) == issued
    assert SurveyCode.objects.count() == 1


@pytest.mark.parametrize("status", ["submitted", "in_process", "ready", "rejected"])
def test_a_request_not_done_gets_no_code(edition, status):
    pending = ServiceRequestFactory(status=status)

    with pytest.raises(domain.SurveyRefused) as refused:
        domain.issue_request_code(service_request=pending)

    assert refused.value.code == "request_not_done"
    assert not SurveyCode.objects.exists()
