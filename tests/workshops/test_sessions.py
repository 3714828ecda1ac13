"""Sessions, per-session check-in and a registration's standing towards a certificate
(issue #15): the domain and query rules the door kiosk, the evaluation and the
certificates build on."""

import datetime
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.festival.factories import StaffFactory
from tests.workshops.factories import (
    DAY_1,
    DAY_2,
    RegistrationFactory,
    WorkshopFactory,
    WorkshopSessionFactory,
    at,
)
from workshops import domain, queries
from workshops.models import Attendance, Evaluation, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_day_workshop(db):
    workshop = WorkshopFactory()
    first = WorkshopSessionFactory(workshop=workshop, title="Materi", date=DAY_1)
    second = WorkshopSessionFactory(
        workshop=workshop,
        title="Praktik",
        date=DAY_2,
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 30),
    )
    return workshop, first, second


def test_check_in_records_the_session_running_now_and_the_first_arrival(two_day_workshop):
    workshop, first, second = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    steward = StaffFactory()

    with time_machine.travel(at(DAY_1, 9, 12), tick=False):
        domain.check_in(registration=registration, by=steward)

    attendance = Attendance.objects.get(registration=registration)
    assert attendance.session == first
    assert attendance.checked_in_by == steward
    assert attendance.source == Attendance.Source.DOOR
    registration.refresh_from_db()
    assert registration.checked_in_at == at(DAY_1, 9, 12)
    entry = LogEntry.objects.get(object_id=str(registration.pk))
    assert entry.change_message == "Dicatat hadir: Materi"
    assert entry.object_repr == registration.code


def test_second_day_check_in_adds_its_session_and_keeps_the_first_arrival(two_day_workshop):
    workshop, first, second = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    with time_machine.travel(at(DAY_1, 8, 0), tick=False):
        domain.check_in(registration=registration, by=None)
    # Before the afternoon session starts, the door checks in for it (the next one today).
    with time_machine.travel(at(DAY_2, 12, 40), tick=False):
        domain.check_in(registration=registration, by=None)

    assert list(
        Attendance.objects.filter(registration=registration).values_list("session", flat=True)
    ) == [first.pk, second.pk]
    registration.refresh_from_db()
    assert registration.checked_in_at == at(DAY_1, 8, 0)


def test_check_in_twice_to_one_session_is_refused_with_the_first_moment(two_day_workshop):
    workshop, first, _ = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    with time_machine.travel(at(DAY_1, 9, 12), tick=False):
        domain.check_in(registration=registration, by=None)
    with (
        time_machine.travel(at(DAY_1, 10, 0), tick=False),
        pytest.raises(domain.AlreadyCheckedIn) as refusal,
    ):
        domain.check_in(registration=registration, by=None)

    assert refusal.value.at == at(DAY_1, 9, 12)
    assert Attendance.objects.filter(registration=registration).count() == 1


def test_check_in_on_a_day_without_a_session_is_refused(two_day_workshop):
    workshop, *_ = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)

    with (
        time_machine.travel(at(datetime.date(2026, 12, 16), 9), tick=False),
        pytest.raises(domain.NoSessionNow),
    ):
        domain.check_in(registration=registration, by=None)

    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert not Attendance.objects.exists()


def test_a_chosen_session_is_recorded_as_from_the_paper_list(two_day_workshop):
    workshop, first, _ = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    organiser = StaffFactory()

    with time_machine.travel(at(DAY_2, 18), tick=False):
        domain.check_in(
            registration=registration,
            by=organiser,
            session=first,
            source=Attendance.Source.PAPER,
        )

    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.session, attendance.source) == (first, "paper")
    entry = LogEntry.objects.get(object_id=str(registration.pk))
    assert entry.change_message == "Dicatat hadir: Materi (dari daftar hadir kertas)"


def test_a_session_of_another_workshop_is_never_recorded(two_day_workshop):
    workshop, first, _ = two_day_workshop
    other = RegistrationFactory(workshop=WorkshopFactory())

    with pytest.raises(ValueError):
        domain.check_in(registration=other, by=None, session=first)

    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_tickets_without_a_seat_check_in_to_no_session(two_day_workshop, status):
    workshop, first, _ = two_day_workshop
    registration = RegistrationFactory(workshop=workshop, status=status)

    with pytest.raises(domain.NotAllowed):
        domain.check_in(registration=registration, by=None, session=first)

    assert not Attendance.objects.exists()


def test_the_database_keeps_one_attendance_per_session(two_day_workshop):
    workshop, first, _ = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    Attendance.objects.create(registration=registration, session=first, checked_in_at=at(DAY_1, 9))

    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            registration=registration, session=first, checked_in_at=at(DAY_1, 10)
        )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(DAY_1, 6, 0), "Pagi"),  # before any: the first to start
        (at(DAY_1, 9, 0), "Pagi"),  # running
        (at(DAY_1, 12, 30), "Siang"),  # between: the next
        (at(DAY_1, 14, 0), "Siang"),  # running
        (at(DAY_1, 20, 0), "Siang"),  # after all: the last that began (latecomers)
        (at(DAY_2, 9, 0), None),  # no session that day
    ],
)
def test_the_session_for_a_check_in_is_running_else_next_else_last(moment, expected):
    workshop = WorkshopFactory()
    WorkshopSessionFactory(
        workshop=workshop, title="Siang", start_time=datetime.time(13), end_time=datetime.time(15)
    )
    WorkshopSessionFactory(workshop=workshop, title="Pagi", end_time=datetime.time(11))
    WorkshopSessionFactory(workshop=WorkshopFactory(), title="Lain")

    session = queries.session_for_check_in(workshop, now=moment)

    assert (session.title if session else None) == expected


def test_a_workshop_is_over_when_its_last_session_ends(two_day_workshop):
    workshop, *_ = two_day_workshop

    assert not queries.workshop_over(workshop, now=at(DAY_2, 15, 29))
    assert queries.workshop_over(workshop, now=at(DAY_2, 15, 30))


def test_a_workshop_without_sessions_is_over_at_its_own_end_or_never_when_undated(db):
    dated = WorkshopFactory(date=DAY_1, start_time=datetime.time(8), end_time=datetime.time(12))
    undated = WorkshopFactory(date=None)

    assert not queries.workshop_over(dated, now=at(DAY_1, 11, 59))
    assert queries.workshop_over(dated, now=at(DAY_1, 12))
    assert not queries.workshop_over(undated, now=at(datetime.date(2030, 1, 1), 0))


def attend(registration, *sessions):
    for session in sessions:
        Attendance.objects.create(
            registration=registration, session=session, checked_in_at=at(session.date, 9)
        )


@pytest.mark.parametrize(
    ("percent", "sessions", "attended", "required", "met"),
    [
        (100, 3, 3, 3, True),
        (100, 3, 2, 3, False),
        (50, 3, 2, 2, True),  # 1.5 rounds up to 2
        (50, 3, 1, 2, False),
        (1, 3, 1, 1, True),
        (34, 3, 1, 2, False),  # 1.02 rounds up to 2
    ],
)
def test_standing_counts_sessions_attended_against_the_share_rounded_up(
    percent, sessions, attended, required, met
):
    workshop = WorkshopFactory(certificate_min_percent=percent)
    made = [
        WorkshopSessionFactory(workshop=workshop, date=DAY_1 + datetime.timedelta(days=n))
        for n in range(sessions)
    ]
    registration = RegistrationFactory(workshop=workshop)
    attend(registration, *made[:attended])

    standing = queries.certificate_standing(registration)

    assert (standing.sessions, standing.attended, standing.required) == (
        sessions,
        attended,
        required,
    )
    assert standing.attendance_met is met
    assert standing.eligible is met


def test_standing_asks_for_the_evaluation_only_where_organisers_require_it(two_day_workshop):
    workshop, first, second = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    attend(registration, first, second)
    workshop.evaluation_required = True
    workshop.save()

    before = queries.certificate_standing(Registration.objects.get(pk=registration.pk))
    Evaluation.objects.create(
        registration=registration, content=4, speakers=3, usefulness=4, organisation=2
    )
    after = queries.certificate_standing(Registration.objects.get(pk=registration.pk))

    assert (before.evaluation_required, before.evaluated, before.eligible) == (True, False, False)
    assert (after.evaluated, after.eligible) == (True, True)


def test_a_workshop_without_sessions_is_one_sitting_attended_at_check_in(db):
    workshop = WorkshopFactory(date=DAY_1)
    registration = RegistrationFactory(workshop=workshop)
    before = queries.certificate_standing(registration)

    domain.check_in(registration=registration, by=None)
    after = queries.certificate_standing(Registration.objects.get(pk=registration.pk))

    assert (before.sessions, before.attended, before.eligible) == (1, 0, False)
    assert (after.attended, after.eligible) == (1, True)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "change", [{"status": "cancelled"}, {"status": "waitlisted"}, {"erased": True}]
)
def test_only_a_confirmed_registration_with_its_data_stands_for_a_certificate(
    two_day_workshop, change
):
    workshop, first, second = two_day_workshop
    registration = RegistrationFactory(workshop=workshop)
    attend(registration, first, second)
    if change.get("erased"):
        registration.erased_at = at(DAY_2, 20)
    else:
        registration.status = change["status"]
    registration.save()

    assert not queries.certificate_standing(registration).eligible


@pytest.mark.parametrize("field", Evaluation.SCORE_FIELDS)
def test_the_database_keeps_evaluation_scores_between_1_and_4(db, field):
    registration = RegistrationFactory()
    scores = dict.fromkeys(Evaluation.SCORE_FIELDS, 3) | {field: 5}

    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(registration=registration, **scores)


def page_text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "14 Desember – 15 Desember 2026 (2 sesi, lihat di bawah)"),
        ("/en", "14 December – 15 December 2026 (2 sessions, see below)"),
    ],
)
def test_the_when_line_gives_the_sessions_days_not_days_to_follow(
    client, two_day_workshop, prefix, expected
):
    workshop, *_ = two_day_workshop
    workshop.date = None
    workshop.save()
    registration = RegistrationFactory(workshop=workshop)

    with translation.override("id"):
        paths = (workshop.get_absolute_url(), registration.get_absolute_url())
    detail, ticket = (page_text(client.get(f"{prefix}{path}")) for path in paths)

    for text in (detail, ticket):
        assert expected in text
        assert "menyusul" not in text and "to follow" not in text
