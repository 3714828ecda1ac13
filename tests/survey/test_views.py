import re

import pytest
from django.conf import settings
from django.urls import reverse

from services.survey import domain
from services.survey.models import Element, SurveyResponse
from tests.survey.answering import card_code, filled_in

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Kode tidak dapat dipakai: periksa kembali kodenya. Setiap kode hanya dapat dipakai sekali."
)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def answer_url(code) -> str:
    return reverse("survey:answer", kwargs={"code": code})


@pytest.fixture
def survey_code(edition):
    return card_code(edition)


# --- Typing the code -------------------------------------------------------------------------


def test_start_page_asks_for_the_code_and_is_not_cached(client, edition):
    response = client.get("/survei/")

    assert "<h1>Survei kepuasan masyarakat</h1>" in text(response)
    assert 'name="code"' in text(response)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("typed", ["{a}-{b}", "{a} {b}", " {a}{b} ", "{a}–{b}"])
def test_typed_code_is_normalised_and_leads_to_the_questionnaire(client, survey_code, typed):
    code = survey_code.code
    typed = typed.format(a=code[:4].lower(), b=code[4:].lower())

    response = client.post("/survei/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/survei/{code}/"


def test_code_of_the_wrong_length_is_explained(client, edition):
    response = client.post("/survei/", {"code": "ACD-34"})

    assert "Kode survei terdiri atas 8 huruf dan angka, misalnya ACDE-3479." in text(response)
    assert 'href="#id_code"' in text(response)


def test_empty_code_is_explained(client, edition):
    response = client.post("/survei/", {"code": "  "})

    assert "Tulis kode survei Anda." in text(response)


def _unknown(edition):
    return "ACDEFHJK"


def _used(edition):
    survey_code = card_code(edition)
    domain.answer_survey(code=survey_code.code, scores={}, profile={}, suggestion="")
    return survey_code.code


def _voided(edition):
    survey_code = card_code(edition)
    domain.void_codes(codes=[survey_code])
    return survey_code.code


UNUSABLE = [_unknown, _used, _voided]


@pytest.mark.parametrize("make", UNUSABLE)
def test_unusable_code_typed_gets_the_one_refusal_keeping_what_was_typed(client, edition, make):
    code = make(edition)

    response = client.post("/survei/", {"code": code.lower()})

    assert response.status_code == 404
    assert REFUSAL in text(response)
    assert f'value="{code.lower()}"' in text(response)


@pytest.mark.parametrize("make", UNUSABLE)
def test_unusable_code_in_the_url_gets_the_one_refusal(client, edition, make):
    code = make(edition)

    response = client.get(answer_url(code))

    assert response.status_code == 404
    assert REFUSAL in text(response)
    assert "Kirim jawaban" not in text(response)


def test_unknown_used_and_voided_codes_are_told_apart_by_nothing(client, edition):
    """The same status and the same page, but for the code typed back into the form."""
    pages = []
    for make in UNUSABLE:
        code = make(edition)
        response = client.post("/survei/", {"code": code})
        page = text(response).replace(code, "CODE")
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        pages.append((response.status_code, page))

    assert pages[0] == pages[1] == pages[2]


def test_other_survey_paths_are_not_taken_for_codes(client, edition):
    assert client.get("/survei/terima-kasih/").status_code == 302
    # The published results (another part of the survey) live at /survei/hasil/.
    assert "Kode tidak dapat dipakai" not in text(client.get("/survei/hasil/"))


# --- The questionnaire -----------------------------------------------------------------------


def test_questionnaire_asks_nine_questions_with_four_lettered_answers(client, survey_code):
    response = client.get(answer_url(survey_code.code))
    page = text(response)

    assert response.status_code == 200
    assert "Kartu Identitas Anak (KIA)" in page
    assert survey_code.display_code in page
    assert page.count('<fieldset class="field"') == 9
    assert page.count('type="radio"') == 36
    assert '<legend class="field__label">1. Persyaratan</legend>' in page
    assert '<legend class="field__label">9. Sarana dan prasarana</legend>' in page
    assert (
        "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan (dokumen dan syarat "
        "yang diminta) dengan jenis pelayanannya?"
    ) in page
    assert re.search(r'value="1"[^>]*id="id_u1_0"> a\. Tidak sesuai</label>', page)
    assert re.search(r'value="4"[^>]*id="id_u4_3"> d\. Gratis</label>', page)
    assert "Setiap pertanyaan wajib dijawab" in page
    assert "no-store" in response["Cache-Control"]
    # The code in the URL goes to no other site: they get the origin only.
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_questionnaire_in_english(client, survey_code):
    response = client.get(f"/en/survei/{survey_code.code}/")
    page = text(response)

    assert "<h1>Public satisfaction survey</h1>" in page
    assert '<legend class="field__label">1. Requirements</legend>' in page
    assert "How polite and friendly were the staff who served you?" in page
    assert "a. Not appropriate</label>" in page
    assert "d. Free of charge</label>" in page
    assert f'action="/en/survei/{survey_code.code}/"' in page


def test_code_typed_into_the_address_bar_is_redirected_to_its_stored_form(client, survey_code):
    code = survey_code.code

    response = client.get(f"/survei/{code[:4].lower()}-{code[4:].lower()}/")

    assert response.status_code == 302
    assert response["Location"] == f"/survei/{code}/"


def test_answering_stores_the_response_and_shows_thanks(client, survey_code):
    data = filled_in(u1="4", u4="1", sex="l", occupation="wirausaha", suggestion="Terima kasih.")

    response = client.post(answer_url(survey_code.code), data)

    assert response.status_code == 302
    assert response["Location"] == "/survei/terima-kasih/"
    stored = SurveyResponse.objects.get()
    assert (stored.code, stored.edition, stored.service) == (
        survey_code,
        survey_code.edition,
        survey_code.service,
    )
    assert [stored.score(element) for element in Element] == [4, 3, 3, 1, 3, 3, 3, 3, 3]
    assert (stored.sex, stored.occupation, stored.age_group) == ("l", "wirausaha", "")
    assert stored.suggestion == "Terima kasih."

    thanks = client.get(response["Location"])
    assert "<h1>Terima kasih</h1>" in text(thanks)
    assert "no-store" in thanks["Cache-Control"]


def test_sending_the_answers_again_stores_nothing_more_and_shows_thanks(client, survey_code):
    client.post(answer_url(survey_code.code), filled_in())

    again = client.post(answer_url(survey_code.code), filled_in(u1="1"))
    back = client.get(answer_url(survey_code.code))

    assert again["Location"] == back["Location"] == "/survei/terima-kasih/"
    assert SurveyResponse.objects.get().u1 == 3


def test_another_browser_reusing_an_answered_code_gets_the_refusal(client, survey_code):
    client.post(answer_url(survey_code.code), filled_in())
    client.cookies.clear()

    response = client.post(answer_url(survey_code.code), filled_in(u1="1"))

    assert response.status_code == 404
    assert REFUSAL in text(response)
    assert SurveyResponse.objects.get().u1 == 3


def test_thanks_without_an_answer_leads_to_the_start(client, edition):
    response = client.get("/survei/terima-kasih/")

    assert response["Location"] == "/survei/"


def test_missing_answers_are_listed_at_the_top_and_the_given_ones_kept(client, survey_code):
    data = filled_in(u4="1", suggestion="Kursi kurang.", age_group="20-29")
    del data["u2"], data["u7"]

    response = client.post(answer_url(survey_code.code), data)
    page = text(response)

    assert response.status_code == 200
    assert "<title>Kesalahan:" in page
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_u2_0", "id_u7_0"]
    assert "2. Sistem, mekanisme, dan prosedur: Pilih salah satu jawaban, a sampai d." in summary
    assert "7. Perilaku pelaksana: Pilih salah satu jawaban, a sampai d." in summary
    assert 'id="id_u2_0"' in page and 'id="id_u7_0"' in page
    assert re.search(r'value="1"[^>]*id="id_u4_0" checked', page)
    assert re.search(r'value="3"[^>]*id="id_u9_2" checked', page)
    assert "Kursi kurang.</textarea>" in page
    assert '<option value="20-29" selected>' in page
    assert not SurveyResponse.objects.exists()


def test_answers_off_the_scale_are_refused_in_the_page(client, survey_code):
    response = client.post(answer_url(survey_code.code), filled_in(u3="5"))

    assert "3. Waktu penyelesaian: Pilih salah satu jawaban, a sampai d." in text(response)
    assert not SurveyResponse.objects.exists()


def test_a_long_suggestion_is_refused_in_the_page(client, survey_code):
    response = client.post(answer_url(survey_code.code), filled_in(suggestion="x" * 1001))

    assert "Saran paling banyak 1000 karakter (kini 1001)." in text(response)
    assert not SurveyResponse.objects.exists()


def test_questionnaire_page_uses_a_constant_number_of_queries(
    client, edition, django_assert_num_queries
):
    survey_code = card_code(edition)
    for _ in range(5):
        card_code(edition, survey_code.service)
    client.get(answer_url(survey_code.code))  # warm the edition cache

    with django_assert_num_queries(1):
        response = client.get(answer_url(survey_code.code))

    assert response.status_code == 200


# --- Rate limits -----------------------------------------------------------------------------


def test_failed_code_lookups_are_limited_per_address(client, survey_code):
    limit, _window = settings.RATE_LIMITS["survey-code"]
    for n in range(limit):
        assert client.post("/survei/", {"code": f"ACDE{n:04d}"}).status_code == 404

    refused = client.post("/survei/", {"code": survey_code.code})
    in_url = client.get(answer_url(survey_code.code))

    assert refused.status_code == in_url.status_code == 429
    assert "Terlalu banyak percobaan" in text(refused)
    other = client.post("/survei/", {"code": survey_code.code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_successful_lookups_do_not_count_against_the_limit(client, edition):
    limit, _window = settings.RATE_LIMITS["survey-code"]
    service = card_code(edition).service
    for _ in range(limit + 5):
        code = card_code(edition, service).code
        assert client.post("/survei/", {"code": code}).status_code == 302


def test_answers_are_limited_per_address_keeping_what_was_typed(client, edition, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey-answer": (2, 15 * 60)}
    service = card_code(edition).service
    for _ in range(2):
        code = card_code(edition, service).code
        assert client.post(answer_url(code), filled_in(u1="1")).status_code == 302
        client.cookies.clear()
    code = card_code(edition, service).code

    response = client.post(answer_url(code), filled_in(u1="1", suggestion="Sudah baik."))

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)
    assert re.search(r'value="1"[^>]*id="id_u1_0" checked', text(response))
    assert "Sudah baik.</textarea>" in text(response)
    assert SurveyResponse.objects.count() == 2
