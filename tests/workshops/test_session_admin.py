"""Sessions as organisers keep them: the inline on the workshop's admin page (dates inside
the edition, the end after the start), the certificate fields, the paper attendance list
per session (audit trail, refusals), the sessions on the ticket and the workshop page, the
ticket's Hadir button, and sessions copied into a new edition."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from festival import domain as festival_domain
from festival.sitewide.groups import DOOR_STEWARDS
from tests.festival import factories as festival_factories
from tests.festival.factories import StaffFactory
from tests.workshops.factories import (
    DAY_1,
    DAY_2,
    RegistrationFactory,
    WorkshopFactory,
    WorkshopSessionFactory,
    at,
    workshop_admin_form,
)
from workshops.models import Attendance, Workshop, WorkshopSession


@pytest.fixture
def after_the_festival(db):
    with time_machine.travel(at(datetime.date(2026, 12, 17), 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def workshop(db):
    workshop = WorkshopFactory(slug="bedah-smart-kampung", title="Bedah Smart Kampung")
    WorkshopSessionFactory(workshop=workshop, title="Materi", date=DAY_1)
    WorkshopSessionFactory(workshop=workshop, title="Praktik", date=DAY_2)
    return workshop


def session_rows(*rows) -> dict:
    """The sessions inline as the admin posts it, one dict of fields per new session."""
    data = {"sessions-TOTAL_FORMS": str(len(rows))}
    for n, row in enumerate(rows):
        data.update({f"sessions-{n}-{field}": value for field, value in row.items()})
    return data


# The inline ---------------------------------------------------------------------------------


def test_organisers_add_sessions_and_the_certificate_rule_on_the_workshop_page(
    after_the_festival, client, organiser
):
    workshop = WorkshopFactory()
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    form = client.get(url).text
    data = workshop_admin_form(
        workshop,
        certificate_min_percent="50",
        jp="8",
        **session_rows(
            {"date": "2026-12-14", "start_time": "08.00", "end_time": "12.00", "title": "Materi"},
            {"date": "2026-12-15", "title": "Praktik", "place": "Aula Rempeg Jogopati"},
        ),
    )

    response = client.post(url, data)

    assert "Jam pelajaran yang tertulis di sertifikat, diisi panitia" in form
    assert response.status_code == 302, response.context["errors"]
    workshop.refresh_from_db()
    assert (workshop.certificate_min_percent, workshop.jp) == (50, 8)
    sessions = list(workshop.sessions.values_list("title", "date", "start_time", "place"))
    assert sessions == [
        ("Materi", DAY_1, datetime.time(8, 0), ""),
        ("Praktik", DAY_2, None, "Aula Rempeg Jogopati"),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"date": "2026-12-20", "title": "Terlambat"},
            "Tanggal sesi harus di antara 14 Desember 2026 dan 16 Desember 2026, hari-hari "
            "festival edisi 2026.",
        ),
        (
            {"date": "2026-12-14", "start_time": "13.00", "end_time": "12.00"},
            "Jam selesai harus sesudah jam mulai.",
        ),
        ({"date": "2026-12-14", "end_time": "12.00"}, "Jam selesai harus sesudah jam mulai."),
    ],
)
def test_a_session_outside_the_festival_or_ending_before_it_starts_is_refused(
    after_the_festival, client, organiser, row, message
):
    workshop = WorkshopFactory()
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])

    response = client.post(url, workshop_admin_form(workshop, **session_rows(row)))

    assert response.status_code == 200
    assert message in response.text
    assert response.text.count(message) == 1
    assert not WorkshopSession.objects.exists()


def test_door_stewards_may_not_edit_sessions(after_the_festival, client, workshop):
    client.force_login(StaffFactory(username="pintu", group=DOOR_STEWARDS))

    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])

    assert client.get(url).status_code == 403


# The paper list ---------------------------------------------------------------------------


def paper_url(workshop, session):
    return reverse("admin:workshops_workshop_paper", args=[workshop.pk, session.pk])


def test_organisers_mark_a_signed_paper_list_afterwards(
    after_the_festival, client, organiser, workshop
):
    first, second = workshop.sessions.all()
    siti = RegistrationFactory(workshop=workshop, full_name="Siti Aminah")
    budi = RegistrationFactory(workshop=workshop, full_name="Budi")
    came = RegistrationFactory(workshop=workshop, full_name="Citra")
    Attendance.objects.create(registration=came, session=second, checked_in_at=at(DAY_2, 9))
    page = client.get(paper_url(workshop, second)).text

    response = client.post(
        paper_url(workshop, second), {"hadir": [siti.pk, budi.pk, came.pk]}, follow=True
    )

    assert "Praktik" in page and "1 dari 3 peserta terdaftar sudah hadir." in page
    assert f'value="{siti.pk}"' in page and f'value="{came.pk}"' not in page
    assert "2 peserta ditandai hadir dari daftar kertas." in response.text
    assert f"Sudah hadir sebelumnya, tidak diubah: {came.code}." in response.text
    marked = Attendance.objects.filter(session=second, source=Attendance.Source.PAPER)
    assert set(marked.values_list("registration__full_name", flat=True)) == {"Siti Aminah", "Budi"}
    assert set(marked.values_list("checked_in_by", flat=True)) == {organiser.pk}
    assert not Attendance.objects.filter(session=first).exists()
    log = LogEntry.objects.filter(object_id=str(siti.pk)).get()
    assert log.user == organiser
    assert log.change_message == "Dicatat hadir: Praktik (dari daftar hadir kertas)"
    assert log.object_repr == siti.code


def test_the_paper_list_refuses_cancelled_and_waiting_tickets(
    after_the_festival, client, organiser, workshop
):
    session = workshop.sessions.first()
    cancelled = RegistrationFactory(workshop=workshop, status="cancelled")
    waiting = RegistrationFactory(workshop=workshop, status="waitlisted")
    elsewhere = RegistrationFactory(workshop=WorkshopFactory(edition=workshop.edition))
    page = client.get(paper_url(workshop, session)).text

    response = client.post(
        paper_url(workshop, session),
        {"hadir": [cancelled.pk, waiting.pk, elsewhere.pk]},
        follow=True,
    )

    assert "Dibatalkan" in page and "Daftar tunggu" in page
    assert f'value="{cancelled.pk}"' not in page and f'value="{waiting.pk}"' not in page
    codes = ", ".join(r.code for r in (cancelled, waiting, elsewhere))
    assert (
        f"Tidak ditandai hadir (dibatalkan, daftar tunggu, atau workshop lain): {codes}."
        in response.text
    )
    assert not Attendance.objects.exists()
    assert not LogEntry.objects.exists()


def test_door_stewards_cannot_mark_a_paper_list(after_the_festival, client, workshop):
    client.force_login(StaffFactory(username="pintu", group=DOOR_STEWARDS))
    session = workshop.sessions.first()
    siti = RegistrationFactory(workshop=workshop)

    assert client.get(paper_url(workshop, session)).status_code == 403
    assert client.post(paper_url(workshop, session), {"hadir": [siti.pk]}).status_code == 403
    assert not Attendance.objects.exists()


def test_the_workshop_page_in_the_admin_counts_attendance_per_session(
    after_the_festival, client, organiser, workshop
):
    first, second = workshop.sessions.all()
    siti = RegistrationFactory(workshop=workshop)
    RegistrationFactory(workshop=workshop)
    Attendance.objects.create(registration=siti, session=first, checked_in_at=at(DAY_1, 9))

    page = client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk])).text

    assert "<td>1 / 2</td>" in page and "<td>0 / 2</td>" in page
    assert paper_url(workshop, second) in page


# The ticket and the workshop page -------------------------------------------------------


def test_the_ticket_shows_each_session_attended_or_not(client, workshop):
    first, second = workshop.sessions.all()
    siti = RegistrationFactory(workshop=workshop)
    Attendance.objects.create(registration=siti, session=first, checked_in_at=at(DAY_1, 9, 12))

    page = " ".join(client.get(siti.get_absolute_url()).text.split())

    assert "Materi: " in page and "<strong>hadir 09.12</strong>" in page
    assert "Praktik: " in page and "<strong>belum</strong>" in page


def test_the_tickets_hadir_button_checks_in_for_the_session_of_now(client, workshop):
    first, second = workshop.sessions.all()
    siti = RegistrationFactory(workshop=workshop, full_name="Siti Aminah")
    with time_machine.travel(at(DAY_2, 9, 5), tick=False):
        client.force_login(StaffFactory(username="pintu", group=DOOR_STEWARDS))
        before = client.get(siti.get_absolute_url()).text
        response = client.post(reverse("workshops:check-in", args=[siti.secret]), follow=True)

    assert "Sesi sekarang:" in before
    assert "Siti Aminah dicatat hadir." in response.text
    assert "Sudah dicatat hadir di sesi ini pukul 09.05" in response.text
    assert Attendance.objects.get(registration=siti).session == second


def test_the_tickets_hadir_button_says_when_there_is_no_session_today(client, workshop):
    siti = RegistrationFactory(workshop=workshop)
    with time_machine.travel(at(datetime.date(2026, 12, 16), 9), tick=False):
        client.force_login(StaffFactory(username="pintu", group=DOOR_STEWARDS))
        response = client.post(reverse("workshops:check-in", args=[siti.secret]), follow=True)

    assert "Tidak ada sesi workshop ini hari ini: kehadiran tidak dicatat." in response.text
    assert not Attendance.objects.exists()


def test_the_workshop_page_lists_its_sessions(client, workshop):
    with time_machine.travel(at(datetime.date(2026, 11, 20), 9), tick=False):
        page = " ".join(client.get(workshop.get_absolute_url()).text.split())

    assert '<h2 id="sessions-title">Sesi</h2>' in page
    assert 'Materi: <time datetime="2026-12-14">Senin, 14 Desember 2026</time>, 08.00–12.00' in page


# A new edition --------------------------------------------------------------------------


def test_copying_an_edition_copies_the_sessions_to_the_new_dates(db):
    source = festival_factories.edition_2016()
    workshop = WorkshopFactory(edition=source, slug="kelas", certificate_min_percent=50, jp=6)
    first = WorkshopSessionFactory(
        workshop=workshop, title="Materi", date=datetime.date(2016, 12, 14), place="Aula"
    )
    WorkshopSessionFactory(workshop=workshop, title="Praktik", date=datetime.date(2016, 12, 15))
    WorkshopSessionFactory(workshop=workshop, title="Penutup", date=datetime.date(2016, 12, 16))
    Attendance.objects.create(
        registration=RegistrationFactory(workshop=workshop),
        session=first,
        checked_in_at=at(datetime.date(2016, 12, 14), 9),
    )

    draft = festival_domain.copy_edition(
        source=source,
        year=2028,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 4),  # two days: day 3's session has no place
    )

    copy = Workshop.objects.get(edition=draft)
    assert (copy.certificate_min_percent, copy.jp) == (50, 6)
    sessions = list(copy.sessions.values_list("title", "date", "start_time", "place"))
    assert sessions == [
        ("Materi", datetime.date(2028, 10, 3), datetime.time(8, 0), "Aula"),
        ("Praktik", datetime.date(2028, 10, 4), datetime.time(8, 0), ""),
    ]
    assert not Attendance.objects.filter(session__workshop=copy).exists()
    assert workshop.sessions.count() == 3
