"""A resident on a phone answers the satisfaction survey from a card: types the code, meets
the error summary, answers, reads the thanks; axe-core on the questionnaire (also with its
errors) and the thank-you page, in both languages."""

import datetime
import re
import subprocess

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User

from festival.models import Edition
from services.models import Service
from services.survey import domain
from services.survey.models import Element, SurveyCode, SurveyReport, SurveyResponse
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.survey.response_factories import EXAMPLE, SurveyCodeFactory, answered

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


WIB = datetime.timezone(datetime.timedelta(hours=7))
PASSWORD = "sandi-petugas-uji-2026"


@pytest.fixture
def during_festival(site):
    edition = Edition.objects.get()
    moment = datetime.datetime.combine(edition.start_date, datetime.time(11), tzinfo=WIB)
    with time_machine.travel(moment, tick=True):
        yield edition


def test_results_page_is_accessible_in_both_languages(site, during_festival, new_page):
    edition = during_festival
    kia, pbb = Service.objects.get(slug="kia"), Service.objects.get(slug="pbb")
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia)
    answered([4] * 9, edition=edition, service=pbb)
    SurveyCodeFactory.create_batch(4, edition=edition, service=pbb)  # PBB: sample too small
    SurveyReport.objects.create(edition=edition, follow_up_plan="Menambah kursi tunggu.")

    for path, context in (
        ("/survei/hasil/", "(results, id)"),
        ("/en/survei/hasil/", "(results, en)"),
    ):
        page = new_page(viewport=PHONE)
        page.goto(site.url + path)
        assert page.locator("h1").count() == 1
        # At 360 px the charts fit the screen: nothing scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(page, context=context)
        page.get_by_text(
            "Lihat angka dalam tabel" if "/en/" not in path else "See the figures in a table"
        ).first.click()
        assert_accessible(page, context=f"{context} with the table open")


@pytest.fixture
def desk_user(site):
    """A desk account (the live-server tests empty the tables, groups included)."""
    group, _ = Group.objects.get_or_create(name="Petugas layanan")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="survey", codename__in=["view_surveycode", "add_surveycode"]
        )
    )
    user = User.objects.create_user("petugas", password=PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


def test_desk_prints_a_sheet_of_survey_cards_to_a4(
    site, during_festival, desk_user, new_page, tmp_path
):
    page = new_page(viewport=DESKTOP)
    page.goto(f"{site.url}/admin/login/?next=/admin/survey/surveycode/add/")
    page.fill("#id_username", "petugas")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.select_option("#id_service", label="Kartu Identitas Anak (KIA)")
    page.fill("#id_count", "13")
    page.click("input[type=submit]")
    page.wait_for_selector(".survey-card")

    pdf = tmp_path / "kartu.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    codes = list(SurveyCode.objects.filter(service__slug="kia"))
    assert len(codes) == 13
    assert re.search(r"^Pages:\s+2$", info, re.M)  # 10 cards on the first page, 3 on the second
    assert "(A4)" in info
    assert all(code.display_code in text for code in codes)
    assert text.count("Kartu Identitas Anak (KIA)") == 13
    assert "gunting di garis" not in text  # the toolbar is not printed
