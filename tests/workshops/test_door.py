"""The door kiosk (/workshop/<slug>/pintu/) and the list of who is still expected: what a
steward sees after each scan or typed code, in both languages, who may use them, and how
few queries a scan costs."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.admin.models import LogEntry

from festival.sitewide.groups import DESK_STAFF, DOOR_STEWARDS
from tests.festival.factories import StaffFactory
from tests.workshops.factories import (
    RegistrationFactory,
    WorkshopFactory,
    WorkshopSessionFactory,
)
from workshops.models import Attendance

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
DAY_1 = datetime.date(2026, 12, 14)
DAY_2 = datetime.date(2026, 12, 15)
KIOSK = "/workshop/bedah-smart-kampung/pintu/"
EXPECTED = "/workshop/bedah-smart-kampung/pintu/belum-hadir/"


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WIB)


@pytest.fixture
def morning(db):
    """09.00 WIB on the festival's first day, the clock standing still."""
    with time_machine.travel(at(DAY_1, 9), tick=False) as traveller:
        yield traveller


@pytest.fixture
def workshop(morning):
    workshop = WorkshopFactory(
        slug="bedah-smart-kampung",
        title="Bedah Smart Kampung",
        title_en="Dissecting Smart Kampung",
    )
    WorkshopSessionFactory(workshop=workshop, title="Materi", title_en="Talks", date=DAY_1)
    WorkshopSessionFactory(
        workshop=workshop,
        title="Praktik",
        title_en="Practice",
        date=DAY_1,
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
    )
    WorkshopSessionFactory(workshop=workshop, title="Hari kedua", date=DAY_2)
    return workshop


@pytest.fixture
def sessions(workshop):
    return list(workshop.sessions.all())


@pytest.fixture
def steward(morning, client):
    user = StaffFactory(username="pintu", group=DOOR_STEWARDS)
    client.force_login(user)
    return user


@pytest.fixture
def siti(workshop):
    return RegistrationFactory(
        workshop=workshop, full_name="Siti Aminah", phone="+6281234567890", code="KMP4XA"
    )


def scan(client, text, *, url=KIOSK, **extra):
    """POST what the scanner typed; follow the redirect; the page the steward sees."""
    response = client.post(url, {"ticket": text, **extra}, follow=True)
    assert response.redirect_chain, "the kiosk answers a POST with a redirect (PRG)"
    return response


def answer(response) -> str:
    """The answer block's text, whitespace collapsed."""
    html = response.content.decode()
    start = html.index('class="door-result')
    block = html[start : html.index("</div>\n</div>", start)]
    return " ".join(re.sub(r"<[^>]+>", " ", block.split(">", 1)[1]).split())


# What the scanner types -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "https://festival.example/workshop/tiket/{secret}/",
        "http://192.168.1.10:8000/en/workshop/tiket/{secret}/",
        "{secret}",
        "  {secret}\t",
        "KMP4XA",
        "kmp4xa",
        "kmp 4xa",
        "KMP-4XA",
    ],
)
def test_a_scan_or_a_typed_code_checks_in_for_the_current_session(
    client, steward, siti, sessions, typed
):
    response = scan(client, typed.format(secret=siti.secret))

    assert "door-result--ok" in response.text
    assert answer(response) == "Hadir Siti Aminah Dicatat hadir pukul 09.00 WIB."
    attendance = Attendance.objects.get(registration=siti)
    assert attendance.session == sessions[0]
    assert attendance.checked_in_by == steward
    assert attendance.source == Attendance.Source.DOOR
    assert LogEntry.objects.get(object_id=str(siti.pk)).change_message == "Dicatat hadir: Materi"


def test_after_a_scan_the_input_is_empty_and_focused_again(client, steward, siti, workshop):
    response = scan(client, siti.code)

    assert response.redirect_chain == [(KIOSK, 302)]
    assert 'name="ticket"' in response.text and "autofocus" in response.text
    assert siti.code not in response.text.split('name="ticket"')[1].split(">")[0]
    # The answer is shown once: a reload shows the input alone.
    assert "door-result" not in client.get(KIOSK).text


def test_a_second_scan_says_when_the_person_came(client, steward, siti, workshop, morning):
    scan(client, siti.code)
    morning.move_to(at(DAY_1, 9, 30))

    response = scan(client, siti.code)

    assert "door-result--refused" in response.text
    assert answer(response) == (
        "Tidak dicatat Siti Aminah Sudah dicatat hadir di sesi ini pukul 09.00 WIB."
    )
    assert Attendance.objects.filter(registration=siti).count() == 1


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("cancelled", "Pendaftaran ini dibatalkan."),
        ("waitlisted", "Masih di daftar tunggu: belum mendapat kursi."),
    ],
)
def test_a_ticket_without_a_seat_is_refused_with_the_reason(
    client, steward, workshop, status, reason
):
    budi = RegistrationFactory(workshop=workshop, full_name="Budi", status=status)

    response = scan(client, budi.get_absolute_url())

    assert answer(response) == f"Tidak dicatat Budi {reason}"
    assert not Attendance.objects.exists()


def test_another_workshops_ticket_is_refused_with_its_title(client, steward, workshop):
    other = WorkshopFactory(title="Kelas SIAK", edition=workshop.edition)
    budi = RegistrationFactory(workshop=other, full_name="Budi")

    response = scan(client, f"https://x.example/workshop/tiket/{budi.secret}/")

    assert answer(response) == "Tidak dicatat Budi Tiket workshop lain: Kelas SIAK."
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("ZZZZZZ", "Tiket tidak ditemukan."),
        ("https://x.example/workshop/tiket/tidak-ada-tiket-seperti-ini/", "tidak ditemukan"),
        ("https://x.example/antrian/tiket/abc/", "Ini bukan tiket workshop"),
        ("", "Pindai kode QR tiket, atau ketik kode pendaftarannya."),
    ],
)
def test_what_is_not_a_ticket_is_answered_in_words(client, steward, workshop, typed, reason):
    response = scan(client, typed)

    assert "door-result--refused" in response.text
    assert reason in answer(response)


def test_the_kiosk_speaks_english_under_en(client, steward, siti, workshop):
    page = client.get(f"/en{KIOSK}").text
    response = scan(client, siti.code, url=f"/en{KIOSK}")
    again = scan(client, siti.code, url=f"/en{KIOSK}")

    assert "Dissecting Smart Kampung" in page and "Scan a ticket" in page
    assert answer(response) == "Present Siti Aminah Checked in at 09.00 WIB."
    assert "Already checked in at this session at 09.00 WIB." in answer(again)


# The session ---------------------------------------------------------------------------


def test_the_page_shows_the_current_session_and_its_counts(client, steward, siti, workshop):
    RegistrationFactory(workshop=workshop, status="waitlisted")
    RegistrationFactory(workshop=workshop)
    scan(client, siti.code)

    page = client.get(KIOSK).text

    assert "Materi: " in page and "08.00–12.00" in page
    assert "<strong>1</strong> hadir dari 2 terdaftar · <strong>1</strong> belum hadir" in page


def test_in_the_afternoon_the_next_session_is_the_current_one(
    client, steward, siti, sessions, morning
):
    morning.move_to(at(DAY_1, 12, 30))

    scan(client, siti.code)

    assert Attendance.objects.get(registration=siti).session == sessions[1]


def test_a_steward_may_choose_another_session_of_today(client, steward, siti, sessions):
    chosen = sessions[1]
    page = client.get(KIOSK, {"sesi": chosen.pk}).text
    response = scan(client, siti.code, sesi=chosen.pk)

    assert f'name="sesi" value="{chosen.pk}"' in page
    assert response.redirect_chain == [(f"{KIOSK}?sesi={chosen.pk}", 302)]
    assert Attendance.objects.get(registration=siti).session == chosen


def test_a_session_of_another_day_takes_no_check_in(client, steward, siti, sessions):
    page = client.get(KIOSK, {"sesi": sessions[2].pk}).text
    client.post(KIOSK, {"ticket": siti.code, "sesi": sessions[2].pk})

    assert "Sesi ini bukan hari ini" in page and 'name="ticket"' not in page
    assert not Attendance.objects.exists()


def test_without_a_session_today_the_page_says_so_and_takes_none(
    client, steward, siti, workshop, morning
):
    morning.move_to(at(datetime.date(2026, 12, 16), 9))

    page = client.get(KIOSK).text
    client.post(KIOSK, {"ticket": siti.code})

    assert "Tidak ada sesi workshop ini hari ini" in page
    assert 'name="ticket"' not in page
    assert not Attendance.objects.exists()


# Who may use it ------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, workshop, siti):
    get = client.get(KIOSK)
    post = client.post(KIOSK, {"ticket": siti.code})

    for response in (get, post):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
    assert not Attendance.objects.exists()


def test_staff_without_the_check_in_permission_are_refused(client, workshop, siti):
    client.force_login(StaffFactory(username="layanan", group=DESK_STAFF))

    assert client.get(KIOSK).status_code == 403
    assert client.get(EXPECTED).status_code == 403
    assert client.post(KIOSK, {"ticket": siti.code}).status_code == 403
    assert not Attendance.objects.exists()


def test_the_permission_without_staff_status_is_not_enough(client, workshop, siti):
    user = StaffFactory(username="bukan-staf", group=DOOR_STEWARDS, is_staff=False)
    client.force_login(user)

    assert client.post(KIOSK, {"ticket": siti.code}).status_code == 403


def test_organisers_use_the_kiosk_too(morning, client, workshop, siti, organiser):
    response = scan(client, siti.code)

    assert "door-result--ok" in response.text


def test_door_pages_are_never_stored_nor_indexed(client, steward, workshop):
    for url in (KIOSK, EXPECTED):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_the_kiosk_refuses_a_post_without_its_csrf_token(steward, siti, workshop):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(steward)

    assert strict.post(KIOSK, {"ticket": siti.code}).status_code == 403
    assert not Attendance.objects.exists()


def test_an_unknown_workshop_is_not_found(client, steward, workshop):
    assert client.get("/workshop/tidak-ada/pintu/").status_code == 404


# How fast a scan is ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 60])
def test_a_scan_costs_the_same_few_queries_however_many_registered(
    client, steward, workshop, size, django_assert_num_queries
):
    people = RegistrationFactory.create_batch(size, workshop=workshop)
    client.post(KIOSK, {"ticket": people[0].code})  # the current edition, the log's type: warm
    client.get(KIOSK)

    # Sign-in and rights 4, the workshop and its sessions 2, the ticket 1; the check-in 7
    # (the registration locked, any attendance at the session, the attendance, the first
    # arrival, the audit entry, in a savepoint); the answer kept in the session 3.
    with django_assert_num_queries(17):
        client.post(KIOSK, {"ticket": people[-1].code})
    # Sign-in and rights 4, the workshop and its sessions 2, the counts 1, the answer taken
    # from the session (1, 2 savepoints).
    with django_assert_num_queries(10):
        page = client.get(KIOSK).text

    assert f"<strong>2</strong> hadir dari {size} terdaftar" in page


# Who is still expected ---------------------------------------------------------------------


def test_the_expected_list_shows_who_has_not_come_by_name(client, steward, workshop, siti):
    RegistrationFactory(workshop=workshop, full_name="budi Santoso", code="ACD3EF")
    RegistrationFactory(workshop=workshop, full_name="Ahmad", status="waitlisted")
    RegistrationFactory(workshop=workshop, full_name="Dewi", status="cancelled")
    arrived = RegistrationFactory(workshop=workshop, full_name="Citra")
    scan(client, arrived.code)

    page = client.get(EXPECTED).text

    assert "<strong>2</strong> peserta terdaftar belum hadir (1 dari 3 sudah hadir)." in page
    assert page.index("budi Santoso") < page.index("Siti Aminah")
    assert "ACD3EF" in page and "Kecamatan Pesanggaran" in page
    for absent in ("Ahmad", "Dewi", "Citra", "7890", "+62812"):
        assert absent not in page


def test_the_expected_list_follows_the_chosen_session(client, steward, workshop, siti, sessions):
    scan(client, siti.code)

    morning = client.get(EXPECTED).text
    afternoon = client.get(EXPECTED, {"sesi": sessions[1].pk}).text

    assert "Siti Aminah" not in morning
    assert "Siti Aminah" in afternoon


@pytest.mark.parametrize("size", [3, 60])
def test_the_expected_list_queries_do_not_grow(
    client, steward, workshop, size, django_assert_num_queries
):
    RegistrationFactory.create_batch(size, workshop=workshop)
    client.get(EXPECTED)

    with django_assert_num_queries(8):  # sign-in 4, workshop, sessions, counts, the list
        page = client.get(EXPECTED).text

    assert page.count("<tr>") == size + 1


@pytest.mark.parametrize("language", ["", "/en"])
def test_door_pages_are_valid_and_light_html(client, steward, siti, sessions, language):
    from tests.site.test_html_valid import html_problems

    client.post(f"{language}{KIOSK}", {"ticket": "ZZZZZZ"})  # the next page shows the answer
    pages = {
        "kiosk with an answer": client.get(f"{language}{KIOSK}"),
        "kiosk": client.get(f"{language}{KIOSK}"),
        "kiosk, another day": client.get(f"{language}{KIOSK}", {"sesi": sessions[2].pk}),
        "expected": client.get(f"{language}{EXPECTED}"),
    }

    assert "door-result--refused" in pages["kiosk with an answer"].text
    for name, response in pages.items():
        html = response.content.decode()
        assert html_problems(html) == [], name
        assert len(response.content) < 50_000, name
