"""The workshop evaluation: who may answer and when (workshops.domain.answer_evaluation), the
form on the ticket page, and what the ticket says about it."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from tests.site.test_html_valid import html_problems
from tests.workshops.conftest import NOW
from tests.workshops.factories import RegistrationFactory
from workshops import domain, queries
from workshops.models import Attendance, Evaluation, Registration, WorkshopSession

# NOW is 20 November 2026, 17.00 WIB: the first session (08.00–12.00 that day) is over.
TODAY = datetime.date(2026, 11, 20)
ANSWERS = {"content": 4, "speakers": 3, "usefulness": 4, "organisation": 2}
FORM = {"content": "4", "speakers": "3", "usefulness": "4", "organisation": "2"}


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def session(workshop):
    return WorkshopSession.objects.create(
        workshop=workshop,
        date=TODAY,
        start_time=datetime.time(8, 0),
        end_time=datetime.time(12, 0),
    )


def attend(registration, session):
    moment = NOW - datetime.timedelta(hours=8)
    Attendance.objects.create(registration=registration, session=session, checked_in_at=moment)
    Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=moment
    )
    registration.refresh_from_db()
    return registration


@pytest.fixture
def attendee(workshop, session):
    return attend(RegistrationFactory(workshop=workshop), session)


def evaluation_url(registration, prefix=""):
    return f"{prefix}/workshop/tiket/{registration.secret}/evaluasi/"


# --- The rule -----------------------------------------------------------------------------------


def test_answer_evaluation_saves_the_scores_and_the_stripped_comment(attendee):
    answer = domain.answer_evaluation(
        registration=attendee, comment="  Materinya tepat guna.\n ", **ANSWERS
    )

    saved = Evaluation.objects.get(registration=attendee)
    assert saved.pk == answer.pk
    assert (saved.content, saved.speakers, saved.usefulness, saved.organisation) == (4, 3, 4, 2)
    assert saved.comment == "Materinya tepat guna."


def test_answer_evaluation_is_answered_once(attendee):
    domain.answer_evaluation(registration=attendee, comment="Pertama", **ANSWERS)

    with pytest.raises(domain.AlreadyEvaluated):
        domain.answer_evaluation(
            registration=attendee,
            comment="Kedua",
            content=1,
            speakers=1,
            usefulness=1,
            organisation=1,
        )

    saved = Evaluation.objects.get(registration=attendee)
    assert (saved.content, saved.comment) == (4, "Pertama")


def test_answer_evaluation_waits_for_the_last_session(workshop, attendee):
    WorkshopSession.objects.create(
        workshop=workshop, date=TODAY + datetime.timedelta(days=1), start_time=datetime.time(8)
    )

    with pytest.raises(domain.WorkshopNotOver):
        domain.answer_evaluation(registration=attendee, **ANSWERS)
    assert not Evaluation.objects.exists()


def test_answer_evaluation_refuses_who_did_not_come(workshop, session):
    absent = RegistrationFactory(workshop=workshop)

    with pytest.raises(domain.NotAttended):
        domain.answer_evaluation(registration=absent, **ANSWERS)
    assert not Evaluation.objects.exists()


def test_answer_evaluation_refuses_a_waitlisted_registration(workshop, session):
    waiting = RegistrationFactory(workshop=workshop, status=Registration.Status.WAITLISTED)

    with pytest.raises(domain.NotAttended):
        domain.answer_evaluation(registration=waiting, **ANSWERS)


def test_answer_evaluation_refuses_a_cancelled_registration(workshop, session):
    cancelled = RegistrationFactory(workshop=workshop, status=Registration.Status.CANCELLED)

    with pytest.raises(domain.RegistrationCancelled):
        domain.answer_evaluation(registration=cancelled, **ANSWERS)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("bad", [0, 5, "3", None, True])
def test_answer_evaluation_refuses_a_score_outside_1_to_4(attendee, bad):
    with pytest.raises(ValidationError) as refusal:
        domain.answer_evaluation(registration=attendee, **{**ANSWERS, "speakers": bad})

    assert "speakers" in refusal.value.message_dict
    assert not Evaluation.objects.exists()


def test_answer_evaluation_refuses_a_comment_too_long(attendee):
    with pytest.raises(ValidationError) as refusal:
        domain.answer_evaluation(registration=attendee, comment="x" * 1001, **ANSWERS)

    assert "comment" in refusal.value.message_dict
    assert not Evaluation.objects.exists()


def test_checked_in_at_a_workshop_without_sessions_counts_as_attending(workshop, frozen):
    workshop.date = TODAY - datetime.timedelta(days=1)
    workshop.save()
    registration = RegistrationFactory(
        workshop=workshop, checked_in_at=NOW - datetime.timedelta(days=1)
    )

    domain.answer_evaluation(registration=registration, **ANSWERS)

    assert Evaluation.objects.filter(registration=registration).exists()


def test_evaluation_state_follows_the_rule(workshop, session, attendee):
    absent = RegistrationFactory(workshop=workshop)

    assert queries.evaluation_state(attendee, NOW) is queries.EvaluationState.OPEN
    assert queries.evaluation_state(absent, NOW) is queries.EvaluationState.HIDDEN
    before_the_end = datetime.datetime(2026, 11, 20, 4, 0, tzinfo=datetime.UTC)  # 11.00 WIB
    assert queries.evaluation_state(attendee, before_the_end) is queries.EvaluationState.HIDDEN

    domain.answer_evaluation(registration=attendee, **ANSWERS)

    assert queries.evaluation_state(attendee, NOW) is queries.EvaluationState.ANSWERED


# --- The form -----------------------------------------------------------------------------------


def test_evaluation_form_asks_four_questions_with_worded_scales(client, attendee):
    response = client.get(evaluation_url(attendee))

    page = text(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert page.count("<legend") == 4
    for question in [
        "Bagaimana penilaian Anda tentang isi dan materi workshop ini?",
        "Bagaimana penilaian Anda tentang penyampaian materi oleh narasumber?",
        "Seberapa bermanfaat workshop ini bagi pekerjaan Anda?",
        "Bagaimana penilaian Anda tentang penyelenggaraan workshop ini",
    ]:
        assert question in page
    assert "1 – Kurang baik" in page and "4 – Sangat baik" in page
    assert "4 – Sangat bermanfaat" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Bedah Smart Kampung" in page


def test_evaluation_form_in_english(client, attendee):
    page = text(client.get(evaluation_url(attendee, "/en")))

    assert "Workshop evaluation" in page
    assert "How do you rate the content and material of this workshop?" in page
    assert "4 – Very good" in page
    assert "Dissecting Smart Kampung" in page


def test_evaluation_form_sent_incomplete_keeps_what_was_typed(client, attendee):
    response = client.post(
        evaluation_url(attendee), {"content": "3", "organisation": "9", "comment": "Ruang panas"}
    )

    page = text(response)
    assert response.status_code == 200
    assert "Ada yang perlu diperbaiki" in page
    assert page.count("Pilih salah satu nilai, 1 sampai 4.") >= 3  # speakers, usefulness, org.
    assert re.search(r'<input type="radio" name="content" value="3"[^>]*checked', page)
    assert "Ruang panas" in page
    assert not Evaluation.objects.exists()


def test_evaluation_form_saves_once_and_the_ticket_thanks(client, attendee):
    response = client.post(evaluation_url(attendee), {**FORM, "comment": "Terima kasih"})

    assert response.status_code == 302
    assert response["Location"] == attendee.get_absolute_url()
    ticket = text(client.get(attendee.get_absolute_url()))
    assert "Terima kasih: evaluasi Anda sudah tersimpan." in ticket
    assert "Terima kasih, evaluasi Anda sudah diisi." in ticket
    assert evaluation_url(attendee) not in ticket

    again = client.post(evaluation_url(attendee), {**FORM, "content": "1"})

    assert again.status_code == 409
    assert "Evaluasi untuk tiket ini sudah diisi." in text(again)
    assert Evaluation.objects.get().content == 4
    assert "Evaluasi untuk tiket ini sudah diisi." in text(client.get(evaluation_url(attendee)))


def test_evaluation_form_before_the_end_says_when_it_opens(client, workshop, attendee):
    WorkshopSession.objects.create(workshop=workshop, date=TODAY + datetime.timedelta(days=1))

    page = text(client.get(evaluation_url(attendee)))
    posted = client.post(evaluation_url(attendee), FORM)

    assert "Evaluasi dibuka setelah sesi terakhir workshop selesai." in page
    assert 'name="content"' not in page
    assert posted.status_code == 403
    assert not Evaluation.objects.exists()


def test_evaluation_form_for_someone_absent_says_so(client, workshop, session):
    absent = RegistrationFactory(workshop=workshop)

    page = text(client.get(evaluation_url(absent)))
    posted = client.post(evaluation_url(absent), FORM)

    assert "Evaluasi diisi oleh peserta yang hadir di workshop." in page
    assert posted.status_code == 403
    assert not Evaluation.objects.exists()


def test_evaluation_form_of_a_cancelled_ticket_says_so(client, workshop, session):
    cancelled = RegistrationFactory(workshop=workshop, status=Registration.Status.CANCELLED)

    page = text(client.get(evaluation_url(cancelled)))

    assert "Pendaftaran ini dibatalkan: tidak ada evaluasi untuk diisi." in page


def test_evaluation_post_is_rate_limited(client, attendee, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "workshop": (0, 600)}

    response = client.post(evaluation_url(attendee), {**FORM, "comment": "Disimpan?"})

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)
    assert "Disimpan?" in text(response)
    assert not Evaluation.objects.exists()


def test_evaluation_with_unknown_secret_is_not_found(client, db):
    assert client.get("/workshop/tiket/tidak-ada/evaluasi/").status_code == 404


# --- The ticket ---------------------------------------------------------------------------------


def test_ticket_invites_to_the_evaluation_after_the_last_session(client, attendee):
    page = text(client.get(attendee.get_absolute_url()))

    assert "Evaluasi workshop" in page
    assert evaluation_url(attendee) in page
    assert "wajib diisi untuk mendapat sertifikat" not in page


def test_ticket_says_when_the_evaluation_is_required(client, workshop, attendee):
    workshop.evaluation_required = True
    workshop.save()

    page = text(client.get(attendee.get_absolute_url()))

    assert "Evaluasi ini wajib diisi untuk mendapat sertifikat." in page


def test_ticket_says_nothing_of_the_evaluation_before_the_end(client, workshop, attendee):
    WorkshopSession.objects.create(workshop=workshop, date=TODAY + datetime.timedelta(days=1))

    page = text(client.get(attendee.get_absolute_url()))

    assert "Evaluasi workshop" not in page


def test_ticket_says_nothing_of_the_evaluation_to_someone_absent(client, workshop, session):
    absent = RegistrationFactory(workshop=workshop)

    page = text(client.get(absent.get_absolute_url()))

    assert "Evaluasi workshop" not in page


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_evaluation_form_is_valid_html_within_budget_with_and_without_errors(
    client, attendee, prefix
):
    url = evaluation_url(attendee, prefix)

    for response in [client.get(url), client.post(url, {"content": "2"})]:
        assert html_problems(response.content.decode()) == []
        assert len(response.content) < 50_000  # the page budget (DESIGN.md)
