"""The venue's screens: /layar/antrian/ (numbers at each counter and next, never names) and
/layar/jadwal/ (now and next); shared, cached, 304 while unchanged, stale at once after a call."""

import datetime

import pytest
import time_machine

from festival.models import ProgrammeItem
from services.queue import domain
from services.queue.models import Ticket
from tests.festival.factories import ProgrammeItemFactory
from tests.queue.conftest import wib
from tests.queue.factories import DeskDayFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def nine_oclock():
    with time_machine.travel(wib(9, 0), tick=False) as traveller:
        yield traveller


def present(desk_day, number, *, name="Siti Aminah", slot=datetime.time(8, 30)):
    return TicketFactory(
        desk_day=desk_day,
        number=number,
        name=name,
        slot_start=slot,
        status=Ticket.Status.PRESENT,
        arrived_at=wib(8, number % 60),
    )


def test_queue_screen_shows_called_and_next_numbers_never_names(client, desk_day, nine_oclock):
    for number in range(1, 5):
        present(desk_day, number)
    domain.call_next(desk_day=desk_day, counter=1, by=None)

    page = client.get("/layar/antrian/").content.decode()

    assert "Kartu Identitas Anak" in page
    assert "Loket 1" in page and "Loket 2" in page
    called = page.split("Loket 1", 1)[1].split("Loket 2", 1)[0]
    assert "KIA-001" in called
    assert "Belum memanggil" in page  # counter 2
    assert [
        n for n in ("KIA-002", "KIA-003", "KIA-004") if n in page.split("Nomor berikutnya")[1]
    ] == ["KIA-002", "KIA-003", "KIA-004"]
    assert "Siti" not in page and "S. A." not in page


def test_queue_screen_shows_initials_only_when_the_desk_says_so(client, desk_day, nine_oclock):
    desk_day.desk.show_initials = True
    desk_day.desk.save()
    present(desk_day, 1, name="Siti Aminah")

    page = client.get("/layar/antrian/").content.decode()

    assert "KIA-001" in page and "S. A." in page
    assert "Siti" not in page and "Aminah" not in page


def test_queue_screen_without_desks_today_says_so_in_both_languages(client, desk_day):
    with time_machine.travel(wib(9, 0, day=15), tick=False):
        indonesian = client.get("/layar/antrian/").content.decode()
        english = client.get("/en/layar/antrian/").content.decode()

    assert "Antrean belum dibuka hari ini." in indonesian
    assert "The queue is not open today." in english
    assert 'lang="en"' in english


def test_queue_screen_in_english(client, desk_day, nine_oclock):
    present(desk_day, 1)

    page = client.get("/en/layar/antrian/").content.decode()

    assert "Counter 1" in page and "Next numbers" in page and "KIA-001" in page


def test_queue_screen_has_no_navigation_and_refreshes_itself(client, desk_day, nine_oclock):
    page = client.get("/layar/antrian/").content.decode()

    assert "site-header" not in page and "<nav" not in page
    assert '<noscript><meta http-equiv="refresh" content="15"></noscript>' in page
    assert "js/screen.js" in page and "<script>" not in page


def test_queue_screen_is_answered_304_from_the_cache_without_a_query(
    client, desk_day, nine_oclock, django_assert_num_queries
):
    present(desk_day, 1)
    first = client.get("/layar/antrian/")

    with django_assert_num_queries(0):
        again = client.get("/layar/antrian/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert (again.status_code, again.content) == (304, b"")


def test_queue_screen_is_stale_at_once_after_a_call(client, desk_day, nine_oclock):
    present(desk_day, 1)
    first = client.get("/layar/antrian/")

    domain.call_next(desk_day=desk_day, counter=2, by=None)
    after = client.get("/layar/antrian/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert after.status_code == 200
    assert after["X-Page-Cache"] == "miss"
    at_counter_2 = after.content.decode().split("Loket 2", 1)[1].split("Nomor berikutnya")[0]
    assert "KIA-001" in at_counter_2


def test_queue_screen_is_stale_at_once_after_an_arrival(client, desk_day, nine_oclock):
    ticket = TicketFactory(desk_day=desk_day, number=7, slot_start=datetime.time(9, 0))
    client.get("/layar/antrian/")

    domain.mark_present(ticket=ticket, by=None)

    assert "KIA-007" in client.get("/layar/antrian/").content.decode()


@pytest.mark.parametrize("tickets", [2, 12])
def test_queue_screen_queries_do_not_grow_with_desks_or_tickets(
    client, edition, nine_oclock, django_assert_num_queries, settings, tickets
):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(tickets // 4 + 1):
        day = DeskDayFactory(desk__offering__edition=edition)
        for n in range(1, tickets + 1):
            present(day, n)
        domain.call_next(desk_day=day, counter=1, by=None)

    # The current edition (cached once), the desk days, the tickets.
    client.get("/layar/antrian/")
    with django_assert_num_queries(2):
        page = client.get("/layar/antrian/")
    assert page.content.decode().count("screen-counter--called") == tickets // 4 + 1


def programme(edition):
    ProgrammeItemFactory(
        edition=edition,
        title="Pembukaan",
        start_time=datetime.time(8, 0),
        end_time=datetime.time(9, 0),
    )
    ProgrammeItemFactory(
        edition=edition,
        title="Talkshow inovasi",
        title_en="Innovation talk show",
        start_time=datetime.time(9, 0),
        end_time=datetime.time(10, 0),
    )
    ProgrammeItemFactory(
        edition=edition,
        title="Workshop desa digital",
        start_time=datetime.time(10, 30),
    )


@pytest.mark.parametrize(
    ("hour", "minute", "now", "next"),
    [
        (8, 30, "Pembukaan", "Talkshow inovasi"),
        (9, 15, "Talkshow inovasi", "Workshop desa digital"),
        (10, 15, None, "Workshop desa digital"),
    ],
)
def test_programme_screen_shows_now_and_next(client, edition, hour, minute, now, next):
    programme(edition)
    with time_machine.travel(wib(hour, minute), tick=False):
        page = client.get("/layar/jadwal/").content.decode()

    now_part, next_part = page.split("Berikutnya", 1)
    assert f"{hour:02d}.{minute:02d}" in now_part
    if now:
        assert now in now_part and now not in next_part
    else:
        assert "Tidak ada acara yang sedang berlangsung saat ini." in now_part
    assert next in next_part


def test_programme_screen_in_english(client, edition):
    programme(edition)
    with time_machine.travel(wib(9, 15), tick=False):
        page = client.get("/en/layar/jadwal/").content.decode()

    assert "Happening now" in page
    assert "Innovation talk show" in page


def test_programme_screen_outside_the_festival_says_so(client, edition):
    programme(edition)
    with time_machine.travel(wib(9, 0, day=1), tick=False):
        page = client.get("/layar/jadwal/").content.decode()

    assert "Tidak ada acara festival hari ini." in page
    assert ProgrammeItem.objects.count() == 3
