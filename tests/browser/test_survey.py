"""The survey's pages in a real browser: the published results pass axe-core in both
languages, and a desk's sheet of survey cards prints to A4 PDF pages holding the codes."""

import datetime
import re
import subprocess

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User

from festival.models import Edition
from services.models import Service
from services.survey.models import SurveyCode, SurveyReport
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.survey.response_factories import EXAMPLE, SurveyCodeFactory, answered

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
