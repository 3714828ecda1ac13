"""The survey in the admin: printing cards, voiding codes, reading answers with their live
index, the CSV, and the printable report."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from services.survey.models import SurveyCode, SurveyReport
from tests.festival.factories import StaffFactory
from tests.services.factories import ServiceFactory
from tests.survey.response_factories import EXAMPLE, SurveyCodeFactory, answered
from tests.text import page_text

WIB = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def during():
    with time_machine.travel(datetime.datetime(2026, 12, 15, 10, tzinfo=WIB), tick=False):
        yield


@pytest.fixture
def kia(db):
    return ServiceFactory(name="Kartu Identitas Anak", short_name="KIA")


def _print_cards(client, edition, service, count):
    return client.post(
        reverse("admin:survey_surveycode_add"),
        {"edition": edition.pk, "service": service.pk, "count": str(count)},
    )


def test_organiser_prints_a_sheet_of_cards(edition, kia, during, organiser_client):
    response = _print_cards(organiser_client, edition, kia, 12)

    codes = list(SurveyCode.objects.order_by("pk"))
    assert len(codes) == 12
    assert {(c.edition, c.service, c.source) for c in codes} == {(edition, kia, "card")}
    sheet = organiser_client.get(response["Location"])
    html = sheet.content.decode()
    assert html.count('class="survey-card"') == 12
    assert html.count('class="sheet"') == 2  # 10 on the first A4 page, 2 on the second
    assert all(code.display_code in html for code in codes)
    assert html.count('src="data:image/svg+xml') == 12
    assert "testserver/survei/" in page_text(sheet)
    assert "Kartu Identitas Anak" in html


def test_desk_staff_print_cards_too(edition, kia, during, desk_client):
    response = _print_cards(desk_client, edition, kia, 3)

    assert response.status_code == 302
    assert SurveyCode.objects.count() == 3


def test_card_count_outside_the_limits_is_refused_in_the_page(edition, kia, organiser_client):
    response = _print_cards(organiser_client, edition, kia, 500)

    assert response.status_code == 200
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 200" in page_text(response)
    assert SurveyCode.objects.count() == 0


def test_sheet_leaves_out_used_and_voided_codes(edition, kia, during, organiser_client):
    fresh = SurveyCodeFactory(edition=edition, service=kia)
    used = answered([4] * 9, edition=edition, service=kia).code
    voided = SurveyCodeFactory(edition=edition, service=kia, voided_at=datetime.datetime.now(WIB))
    url = reverse("admin:survey_surveycode_sheet") + f"?kode={fresh.pk},{used.pk},{voided.pk},x"

    html = organiser_client.get(url).content.decode()

    assert fresh.display_code in html
    assert used.display_code not in html and voided.display_code not in html
    assert "2 kode tidak dicetak" in html


def test_organiser_voids_unused_codes_only(edition, kia, during, organiser_client):
    unused = SurveyCodeFactory.create_batch(2, edition=edition, service=kia)
    used = answered([4] * 9, edition=edition, service=kia).code

    response = organiser_client.post(
        reverse("admin:survey_surveycode_changelist"),
        {"action": "void", "_selected_action": [c.pk for c in [*unused, used]]},
        follow=True,
    )

    assert "2 kode dibatalkan." in page_text(response)
    assert SurveyCode.objects.filter(voided_at__isnull=False).count() == 2
    used.refresh_from_db()
    assert used.voided_at is None


def test_desk_staff_cannot_void(edition, kia, during, desk_client):
    code = SurveyCodeFactory(edition=edition, service=kia)

    desk_client.post(
        reverse("admin:survey_surveycode_changelist"),
        {"action": "void", "_selected_action": [code.pk]},
    )

    code.refresh_from_db()
    assert code.voided_at is None


def test_responses_changelist_shows_the_live_index_of_the_filter(
    edition, kia, during, organiser_client
):
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia, suggestion="Kursi tunggu kurang.")
    other = ServiceFactory(name="PBB")
    answered([1] * 9, edition=edition, service=other)

    everything = page_text(organiser_client.get(reverse("admin:survey_surveyresponse_changelist")))
    kia_only = page_text(
        organiser_client.get(
            reverse("admin:survey_surveyresponse_changelist") + f"?service__id__exact={kia.pk}"
        )
    )

    # All four: sums 11+1, 10+1, 6+1 (3 answers), 10+1, 11+1, 11+1, 11+1, 8+1, 10+1 over 4.
    # Σ NRR = (12+11+11+12+12+12+9+11)/4 + 7/3 = 90/4 + 7/3 = 149/6; ×25/9 = 3725/54 = 68,98
    assert "IKM 68,98" in everything
    assert "IKM 84,26" in kia_only and "mutu B (Baik)" in kia_only
    assert "Kursi tunggu kurang." in kia_only  # suggestions are there to read


def test_csv_of_the_filtered_responses(edition, kia, during, organiser_client):
    answered(EXAMPLE[2], edition=edition, service=kia, suggestion="=HYPERLINK(1)")
    answered([1] * 9, edition=edition, service=ServiceFactory(name="PBB"))

    response = organiser_client.get(
        reverse("admin:survey_surveyresponse_csv") + f"?service__id__exact={kia.pk}"
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["code", "edition", "service", "answered_at"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["service"] == "Kartu Identitas Anak"
    assert row["edition"] == "2026"
    assert [row[f"u{i}"] for i in range(1, 10)] == ["4", "3", "", "4", "4", "3", "4", "2", "3"]
    assert row["suggestion"] == "'=HYPERLINK(1)"
    assert row["answered_at"].startswith("2026-12-15T10:00+07:00")


def test_desk_staff_cannot_read_answers(edition, kia, during, desk_client):
    answered([4] * 9, edition=edition, service=kia)

    assert desk_client.get(reverse("admin:survey_surveyresponse_changelist")).status_code == 403
    assert desk_client.get(reverse("admin:survey_surveyresponse_csv")).status_code == 403


def test_printable_report_has_the_figures_services_and_plan(edition, kia, during, organiser_client):
    for scores in EXAMPLE:
        answered(scores, edition=edition, service=kia, suggestion="Rahasia warga")
    SurveyReport.objects.create(edition=edition, follow_up_plan="Menambah petugas di loket KIA.")

    changelist = organiser_client.get(reverse("admin:survey_surveyreport_changelist"))
    url = reverse("admin:survey_surveyreport_print", args=[edition.year])
    text = page_text(organiser_client.get(url))

    assert url in changelist.content.decode()
    assert "Laporan Survei Kepuasan Masyarakat" in text
    assert "84,26" in text and "Baik" in text
    assert "U3 Waktu penyelesaian 3,00 2" in text
    assert "Kartu Identitas Anak 84,26 B (Baik) 3 3" in text
    assert "Menambah petugas di loket KIA." in text
    assert "Rahasia warga" not in text


def test_report_needs_the_permission(edition, client):
    client.force_login(StaffFactory(username="tanpa-izin"))

    response = client.get(reverse("admin:survey_surveyreport_print", args=[edition.year]))

    assert response.status_code == 403
