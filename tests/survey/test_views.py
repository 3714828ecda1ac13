"""The published results, /survei/hasil/ and /<year>/survei/hasil/, in both languages: the
numbers as a hand computation of the stored responses gives them."""

import datetime

import pytest
import time_machine

from services.survey.models import SurveyReport
from tests.festival.factories import EditionFactory
from tests.services.factories import ServiceFactory
from tests.survey.response_factories import EXAMPLE, SurveyCodeFactory, answered
from tests.text import page_text

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
