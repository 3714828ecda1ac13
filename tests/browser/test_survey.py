"""A resident on a phone answers the satisfaction survey from a card: types the code, meets
the error summary, answers, reads the thanks; axe-core on the questionnaire (also with its
errors) and the thank-you page, in both languages."""

import pytest

from festival.models import Edition
from services.models import Service
from services.survey import domain
from services.survey.models import Element, SurveyResponse
from tests.browser.conftest import PHONE, assert_accessible

LANGUAGES = [
    (
        "",
        "id",
        {
            "code": "Kode survei",
            "start": "Mulai survei",
            "send": "Kirim jawaban",
            "errors": "Ada yang perlu diperbaiki",
            "thanks": "Terima kasih",
            "service": "Kartu Identitas Anak (KIA)",
            "first": "1. Persyaratan",
            "answer": "d. Sangat sesuai",
            "age": "Usia",
            "age_group": "30–39 tahun",
        },
    ),
    (
        "/en",
        "en",
        {
            "code": "Survey code",
            "start": "Start the survey",
            "send": "Send answers",
            "errors": "There is a problem",
            "thanks": "Thank you",
            "service": "Child Identity Card (KIA)",
            "first": "1. Requirements",
            "answer": "d. Very appropriate",
            "age": "Age",
            "age_group": "30–39",
        },
    ),
]


@pytest.fixture
def card(site):
    """A survey card of the shipped edition's KIA service, handed over at the desk."""
    edition = Edition.objects.get(year=2016)
    kia = Service.objects.get(slug="kia")
    return domain.issue_card_codes(edition=edition, service=kia, count=1)[0]


@pytest.mark.parametrize(("prefix", "lang", "words"), LANGUAGES, ids=["id", "en"])
def test_resident_answers_the_survey_from_a_card_on_a_phone(
    site, card, new_page, prefix, lang, words
):
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}{prefix}/survei/")
    assert page.locator("html").get_attribute("lang") == lang

    # Typed as read from the card: lower case, with the dash.
    page.get_by_label(words["code"]).fill(card.display_code.lower())
    page.get_by_role("button", name=words["start"]).click()
    assert page.get_by_test_id("survey-service").inner_text() == words["service"]
    assert page.locator("fieldset.field").count() == 9
    assert_accessible(page, context=f"(questionnaire, {lang})")

    # Sent with one answer: the summary lists the eight missing, the answer given stays.
    first = page.get_by_role("group", name=words["first"])
    first.get_by_label(words["answer"]).check()
    page.get_by_role("button", name=words["send"]).click()
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("heading", name=words["errors"]).is_visible()
    assert summary.get_by_role("link").count() == 8
    assert page.get_by_role("group", name=words["first"]).get_by_label(words["answer"]).is_checked()
    assert_accessible(page, context=f"(questionnaire with errors, {lang})")

    # A link of the summary leads to its question.
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#id_u2_0")

    for element in list(Element)[1:]:
        # Each answer's whole box is its label: a tap anywhere on it chooses c.
        page.locator(f"#id_u{element.value}").locator("label").nth(2).click()
    page.get_by_label(words["age"], exact=False).and_(page.locator("select")).select_option(
        label=words["age_group"]
    )
    page.get_by_role("button", name=words["send"]).click()

    assert page.locator("h1").inner_text() == words["thanks"]
    assert_accessible(page, context=f"(thanks, {lang})")
    stored = SurveyResponse.objects.get()
    assert [stored.score(element) for element in Element] == [4] + [3] * 8
    assert stored.age_group == "30-39"

    # Opening the questionnaire again (the card's QR, the history) leads to the thanks.
    page.goto(f"{site.url}{prefix}/survei/{card.code}/")
    assert page.locator("h1").inner_text() == words["thanks"]
    assert SurveyResponse.objects.count() == 1
