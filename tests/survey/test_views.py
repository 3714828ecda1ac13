import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from services.survey import domain
from services.survey.models import Element, SurveyReport, SurveyResponse
from tests.festival.factories import EditionFactory
from tests.services.factories import ServiceFactory
from tests.survey.answering import card_code, filled_in
from tests.survey.response_factories import EXAMPLE, SurveyCodeFactory, answered
from tests.text import page_text

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


WIB = datetime.timezone(datetime.timedelta(hours=7))
DURING_2026 = datetime.datetime(2026, 12, 15, 12, tzinfo=WIB)


@pytest.fixture
def during():
    with time_machine.travel(DURING_2026, tick=False):
        yield


@pytest.fixture
def kia(db):
    return ServiceFactory(name="Kartu Identitas Anak", name_en="Child Identity Card")


def test_results_show_the_index_grade_and_elements_in_indonesian(client, edition, kia, during):
    # EXAMPLE: converted IKM 2275/27 = 84,259… → 84,26 (B, Baik); U3 answered twice, 6/2 = 3.
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia, suggestion="Antrean terlalu panjang")
    SurveyReport.objects.create(edition=edition, follow_up_plan="Menambah kursi tunggu.")

    text = page_text(client.get("/survei/hasil/"))

    assert "Hasil survei kepuasan masyarakat" in text
    assert "84,26" in text
    assert "Baik" in text and "Sangat Baik" not in text.split("Mutu pelayanan")[1][:40]
    assert "3 dari 3 yang diperlukan (3 orang dilayani)" in text
    assert "U1 Persyaratan 3,67" in text  # 11/3
    assert "U3 Waktu penyelesaian 3,00" in text  # 6/2
    assert "U8 Penanganan pengaduan, saran, dan masukan 2,67" in text  # 8/3
    assert "Kartu Identitas Anak 84,26 B (Baik) 3 3" in text
    assert "Menambah kursi tunggu." in text
    assert "Sampel belum cukup" not in text
    assert "Antrean terlalu panjang" not in text  # suggestions are never published
    assert "15 Desember 2026" in text


def test_results_in_english_use_a_decimal_point(client, edition, kia, during):
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)

    text = page_text(client.get("/en/survei/hasil/"))

    assert "84.26" in text and "84,26" not in text
    assert "Good" in text
    assert "U1 Requirements 3.67" in text
    assert "Child Identity Card 84.26 B (Good)" in text
    assert "The organisers have not yet written a follow-up plan." in text


def test_small_sample_warns_and_withholds_the_grade(client, edition, kia, during):
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)
    SurveyCodeFactory.create_batch(7, edition=edition, service=kia)  # 10 served → 10 needed

    text = page_text(client.get("/survei/hasil/")).split("Survei mengikuti")[0]  # not the key

    assert "Sampel belum cukup." in text
    assert "Baru 3 orang menjawab, sedangkan 10 jawaban diperlukan" in text
    assert "84,26" in text  # the figure is shown, as provisional
    assert "Belum diumumkan" in text
    assert "B (Baik)" not in text
    assert "sampel belum cukup" in text  # the service's row


def test_no_answers_yet(client, edition, during):
    text = page_text(client.get("/survei/hasil/"))

    assert "Belum ada jawaban survei untuk edisi ini." in text
    assert "Panitia belum menulis rencana tindak lanjut." in text


def test_an_element_nobody_answered_is_named(client, edition, kia, during):
    answered([4, 4, 4, None, 4, 4, 4, 4, 4], edition=edition, service=kia)

    text = page_text(client.get("/survei/hasil/"))

    assert (
        "Indeks belum dapat dihitung karena belum ada jawaban untuk unsur berikut: Biaya/tarif."
        in text
    )


def test_archive_shows_the_past_edition_while_2027_is_current(client, kia):
    old = EditionFactory(
        slug="fpp-2016",
        start_date=datetime.date(2016, 12, 14),
        end_date=datetime.date(2016, 12, 16),
    )
    new = EditionFactory(
        slug="fpp-2027", start_date=datetime.date(2027, 10, 5), end_date=datetime.date(2027, 10, 8)
    )
    for scores in EXAMPLE:
        answered(scores, edition=old, service=kia)
    answered([4] * 9, edition=new, service=kia)

    with time_machine.travel(datetime.datetime(2027, 9, 1, 10, tzinfo=WIB), tick=False):
        archive = page_text(client.get("/2016/survei/hasil/"))
        current = page_text(client.get("/survei/hasil/"))
        english_archive = page_text(client.get("/en/2016/survei/hasil/"))
        edition_home = client.get("/2016/").content.decode()

    assert "2016" in archive and "84,26" in archive and "Arsip edisi 2016" in archive
    assert "100,00" in current and "84,26" not in current
    assert "84.26" in english_archive
    assert 'href="/2016/survei/hasil/"' in edition_home


def test_draft_edition_results_are_not_public(client, kia):
    draft = EditionFactory(
        slug="draf",
        is_published=False,
        start_date=datetime.date(2028, 10, 5),
        end_date=datetime.date(2028, 10, 6),
    )
    answered([4] * 9, edition=draft, service=kia)

    assert client.get("/2028/survei/hasil/").status_code == 404
    assert client.get("/2031/survei/hasil/").status_code == 404


def test_charts_are_svg_with_a_table_of_the_same_numbers(client, edition, kia, during):
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)

    page = client.get("/survei/hasil/").content.decode()

    assert page.count('<svg class="chart"') == 2
    assert 'role="img"' in page and "<title id=" in page
    assert "<table>" in page and "<caption>" in page
    assert " style=" not in page and "<script>" not in page
    # Attributes keep a decimal point on the Indonesian page; the text has the comma.
    assert 'width="3,' not in page and ">3,67<" in page


def test_edition_home_card_shows_the_published_grade(client, edition, kia, during):
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)

    text = page_text(client.get(f"/{edition.year}/"))

    assert "Hasil survei kepuasan masyarakat" in text
    assert "Indeks kepuasan 84,26: mutu B (Baik)." in text


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_results_page_with_charts_is_valid_html(client, edition, kia, during, prefix):
    from tests.site.test_html_valid import html_problems

    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)
    SurveyCodeFactory.create_batch(5, edition=edition, service=kia)

    response = client.get(f"{prefix}/survei/hasil/")

    assert html_problems(response.content.decode()) == []
    assert len(response.content) < 50_000
