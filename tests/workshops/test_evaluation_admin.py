"""The evaluation for organisers: results per workshop (numbers checked by hand), the CSV, the
printable report, read-only and anonymous rows, who may see them, and erasure."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group

from festival.sitewide.groups import DOOR_STEWARDS, ORGANISERS
from tests.festival.factories import StaffFactory
from tests.workshops.conftest import NOW
from tests.workshops.factories import RegistrationFactory
from tests.workshops.test_evaluation import attend
from workshops import domain, queries
from workshops.models import Evaluation, Registration, WorkshopSession

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def session(workshop):
    return WorkshopSession.objects.create(
        workshop=workshop, date=TODAY, start_time=datetime.time(8), end_time=datetime.time(12)
    )


@pytest.fixture
def answered(workshop, session):
    """Four attendees, three of whom answered; one absent, one cancelled.

    content 4, 3, 3 → 10/3 = 3.33; speakers 4, 4, 3 → 11/3 = 3.67; usefulness 2, 3, 4 → 3.00;
    organisation 1, 2, 2 → 5/3 = 1.67; response rate 3/4 = 75 %.
    """
    rows = [
        ("Ani Rahayu", (4, 4, 2, 1), "Materi sangat relevan."),
        ("Budi Santoso", (3, 4, 3, 2), ""),
        ("Citra Dewi", (3, 3, 4, 2), '=HYPERLINK("http://evil")'),
    ]
    for name, (content, speakers, usefulness, organisation), comment in rows:
        registration = attend(RegistrationFactory(workshop=workshop, full_name=name), session)
        domain.answer_evaluation(
            registration=registration,
            content=content,
            speakers=speakers,
            usefulness=usefulness,
            organisation=organisation,
            comment=comment,
        )
    attend(RegistrationFactory(workshop=workshop, full_name="Dian Lestari"), session)
    RegistrationFactory(workshop=workshop, full_name="Eko Absen")
    RegistrationFactory(workshop=workshop, status=Registration.Status.CANCELLED)
    return workshop


@pytest.fixture
def organiser(client, db):
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))
    return client


def read_csv(response) -> list[list[str]]:
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.reader(io.StringIO(raw[1:])))


def results_url(workshop, suffix=""):
    return f"/admin/workshops/evaluation/hasil/{workshop.pk}/{suffix}"


def test_evaluation_results_match_the_hand_computation(answered):
    results = queries.evaluation_results(answered)

    assert (results.answers, results.attendees, results.response_rate) == (3, 4, 75)
    by_field = {row.item.field: row for row in results.items}
    assert str(by_field["content"].mean) == "3.33"
    assert str(by_field["speakers"].mean) == "3.67"
    assert str(by_field["usefulness"].mean) == "3.00"
    assert str(by_field["organisation"].mean) == "1.67"
    assert by_field["content"].counts == (0, 0, 2, 1)
    assert by_field["organisation"].counts == (1, 2, 0, 0)
    assert results.comments == ["Materi sangat relevan.", '=HYPERLINK("http://evil")']


def test_evaluation_results_without_answers(workshop, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        results = queries.evaluation_results(workshop)

    assert (results.answers, results.attendees, results.response_rate) == (0, 0, None)
    assert all(row.mean is None and row.counts == (0, 0, 0, 0) for row in results.items)


def test_organisers_may_read_evaluations_and_stewards_may_not(db):
    organisers = set(
        Group.objects.get(name=ORGANISERS).permissions.values_list("codename", flat=True)
    )
    stewards = set(
        Group.objects.get(name=DOOR_STEWARDS).permissions.values_list("codename", flat=True)
    )

    assert "view_evaluation" in organisers
    assert not {"add_evaluation", "change_evaluation", "delete_evaluation"} & organisers
    assert "view_evaluation" not in stewards


def test_results_page_shows_the_numbers_and_no_names(organiser, answered):
    response = organiser.get(results_url(answered))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="evaluation-answers">3<' in page
    assert 'data-testid="evaluation-attendees">4<' in page
    assert 'data-testid="evaluation-rate">75%<' in page
    # The admin runs in Indonesian: a decimal comma.
    for mean in ["3,33", "3,67", "3,00", "1,67"]:
        assert f"<td>{mean}</td>" in page
    assert "Materi sangat relevan." in page
    for name in ["Ani Rahayu", "Budi Santoso", "Citra Dewi", "Dian Lestari"]:
        assert name not in page
    assert all(r.code not in page for r in Registration.objects.all())
    assert results_url(answered, "ekspor.csv") in page
    assert results_url(answered, "laporan/") in page


def test_csv_has_one_anonymous_row_per_answer(organiser, answered):
    response = organiser.get(results_url(answered, "ekspor.csv"))

    rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "evaluasi-2026-bedah-smart-kampung.csv" in response["Content-Disposition"]
    assert rows[0] == [
        "workshop",
        "edition",
        "answered_on",
        "content",
        "speakers",
        "usefulness",
        "organisation",
        "comment",
    ]
    assert [row[3:7] for row in rows[1:]] == [
        ["4", "4", "2", "1"],
        ["3", "4", "3", "2"],
        ["3", "3", "4", "2"],
    ]
    assert rows[1][:3] == ["Bedah Smart Kampung", "2026", "2026-11-20"]
    assert rows[3][7] == '\'=HYPERLINK("http://evil")'
    content = response.content.decode()
    assert "Ani Rahayu" not in content
    assert all(r.code not in content for r in Registration.objects.all())


def test_printable_report_shows_the_results_on_its_own_stylesheet(organiser, answered):
    response = organiser.get(results_url(answered, "laporan/"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Laporan Evaluasi Workshop: Bedah Smart Kampung" in page
    assert "css/evaluation_print.css" in page
    assert 'data-testid="evaluation-rate">75%<' in page
    assert "<td>3,33</td>" in page
    assert "Ani Rahayu" not in page


def test_door_stewards_see_no_evaluation(client, answered):
    client.force_login(StaffFactory(username="pintu", group=DOOR_STEWARDS))

    for url in [
        results_url(answered),
        results_url(answered, "ekspor.csv"),
        results_url(answered, "laporan/"),
        "/admin/workshops/evaluation/",
    ]:
        assert client.get(url).status_code == 403, url


def test_evaluation_rows_are_read_only_and_anonymous(organiser, answered):
    evaluation = Evaluation.objects.filter(comment="Materi sangat relevan.").get()

    changelist = organiser.get("/admin/workshops/evaluation/").content.decode()
    change = organiser.get(f"/admin/workshops/evaluation/{evaluation.pk}/change/")
    posted = organiser.post(
        f"/admin/workshops/evaluation/{evaluation.pk}/change/", {"content": "1"}
    )

    assert "Materi sangat relevan." in changelist
    assert "Ani Rahayu" not in changelist
    assert evaluation.registration.code not in changelist
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert "Ani Rahayu" not in change.content.decode()
    assert posted.status_code == 403
    assert organiser.get("/admin/workshops/evaluation/add/").status_code == 403
    evaluation.refresh_from_db()
    assert evaluation.content == 4


def test_workshop_admin_offers_evaluation_required_and_links_the_results(organiser, answered):
    page = organiser.get(f"/admin/workshops/workshop/{answered.pk}/change/").content.decode()

    assert 'name="evaluation_required"' in page
    assert "sertifikat hanya diberikan kepada peserta yang mengisi evaluasi" in page
    assert "3 jawaban dari 4 peserta hadir (75%)" in page
    assert results_url(answered) in page


def test_erasure_keeps_scores_and_comments_but_no_name(answered):
    before = queries.evaluation_results(answered)

    domain.erase_personal_data(NOW + datetime.timedelta(days=1))

    after = queries.evaluation_results(answered)
    assert after == before
    assert Evaluation.objects.count() == 3
    assert set(Registration.objects.values_list("full_name", flat=True)) == {""}
    assert "Materi sangat relevan." in after.comments


def test_edition_results_count_evaluations_with_their_mean(client, answered, frozen):
    # Twelve scores: 4+4+2+1 + 3+4+3+2 + 3+3+4+2 = 35; 35/12 = 2.9166… → 2.92.
    (result,) = queries.edition_results(answered.edition)

    assert (result.evaluations, str(result.evaluation_mean)) == (3, "2.92")
    assert (result.confirmed, result.attended) == (5, 4)

    frozen.move_to(datetime.datetime(2026, 12, 15, 3, 0, tzinfo=datetime.UTC))  # during
    page = client.get(f"/{answered.edition.year}/").content.decode()
    english = client.get(f"/en/{answered.edition.year}/").content.decode()

    assert "<td>3 jawaban, rata-rata 2,92</td>" in page
    assert "<td>3 answers, mean 2.92</td>" in english


def test_an_answer_refreshes_the_cached_edition_results(client, answered, frozen, settings):
    settings.PAGE_CACHE_SECONDS = 60
    frozen.move_to(datetime.datetime(2026, 12, 15, 3, 0, tzinfo=datetime.UTC))
    assert "3 jawaban" in client.get("/2026/").content.decode()
    late = Registration.objects.get(full_name="Dian Lestari")

    domain.answer_evaluation(registration=late, content=4, speakers=4, usefulness=4, organisation=4)

    assert "4 jawaban" in client.get("/2026/").content.decode()
