"""The organisers' counts: per service, day and slot, with waiting times from arrival to call,
on hand-made tickets with known times; their admin page and CSV; the edition's archive."""

import csv
import datetime
import io
import itertools

import pytest
import time_machine

from services.queue import queries
from services.queue.models import Ticket
from tests.festival.factories import EditionFactory
from tests.queue.conftest import wib
from tests.queue.factories import DeskDayFactory, TicketFactory
from tests.services.factories import OfferingFactory

pytestmark = pytest.mark.django_db

BOOKED, WALK_IN = Ticket.Kind.BOOKED, Ticket.Kind.WALK_IN
S = Ticket.Status
EIGHT, HALF_PAST = datetime.time(8, 0), datetime.time(8, 30)
PHONES = (f"+6281{n:09d}" for n in itertools.count())


def ticket(day, *, kind=BOOKED, slot=EIGHT, status=S.BOOKED, arrived=None, called=None):
    return TicketFactory(
        desk_day=day,
        kind=kind,
        slot_start=slot,
        status=status,
        arrived_at=arrived,
        called_at=called,
        phone="" if kind == WALK_IN else next(PHONES),
    )


@pytest.fixture
def tickets(edition, desk_day):
    """KIA on 14 December: at 8.00 waits of 10, 20, 30 (no-show) and 40 (a walk-in) minutes,
    one cancelled, one never came; at 8.30 a wait of 5. On 15 December a walk-in still waiting.
    Another service (LB) waited 60 minutes; another edition's ticket is not counted."""
    ticket(desk_day, status=S.SERVED, arrived=wib(7, 50), called=wib(8, 0))
    ticket(desk_day, status=S.SERVED, arrived=wib(7, 55), called=wib(8, 15))
    ticket(desk_day, status=S.NO_SHOW, arrived=wib(7, 40), called=wib(8, 10))
    ticket(desk_day, status=S.CANCELLED)
    ticket(desk_day)
    ticket(desk_day, kind=WALK_IN, status=S.SERVED, arrived=wib(8, 5), called=wib(8, 45))
    ticket(desk_day, slot=HALF_PAST, status=S.SERVED, arrived=wib(8, 20), called=wib(8, 25))
    second_day = DeskDayFactory(desk=desk_day.desk, day=datetime.date(2026, 12, 15))
    ticket(second_day, kind=WALK_IN, status=S.PRESENT, arrived=wib(8, 0, day=15))
    other = DeskDayFactory(
        desk__offering=OfferingFactory(edition=edition, order=9, service__short_name="LB"),
        desk__prefix="LB",
    )
    ticket(other, status=S.SERVED, arrived=wib(9, 0), called=wib(10, 0))
    later = EditionFactory(
        slug="2027",
        start_date=datetime.date(2027, 12, 13),
        end_date=datetime.date(2027, 12, 15),
    )
    ticket(
        DeskDayFactory(desk__offering__edition=later, day=datetime.date(2027, 12, 13)),
        status=S.SERVED,
        arrived=wib(8, 0),
        called=wib(9, 0),
    )
    return desk_day


def counts_of(row):
    return [getattr(row, name) for name in queries.COUNT_FIELDS]


def test_percentile_is_the_nearest_rank():
    assert queries.percentile(list(range(1, 11)), 90) == 9
    assert queries.percentile([3, 1, 2, 4, 5], 90) == 5  # rank ⌈4.5⌉ = 5
    assert queries.percentile([7], 90) == 7
    assert queries.percentile([], 90) is None


def test_counts_per_service_day_and_slot_with_waiting_times(edition, tickets):
    counts = queries.queue_counts(edition)

    kia, lb = counts.services
    assert kia.offering == tickets.desk.offering
    # booked, present, served, no-show, walk-in, cancelled
    assert counts_of(kia) == [6, 4, 4, 1, 2, 1]
    assert sorted(kia.waits) == [5, 10, 20, 30, 40]
    assert (kia.median_wait, kia.p90_wait) == (20, 40)
    assert counts_of(lb) == [1, 1, 1, 0, 0, 0]
    assert (lb.median_wait, lb.p90_wait) == (60, 60)

    assert [(row.offering.pk, row.day.day) for row in counts.days] == [
        (kia.offering.pk, 14),
        (kia.offering.pk, 15),
        (lb.offering.pk, 14),
    ]
    first, second, _ = counts.days
    assert counts_of(first) == [6, 4, 4, 1, 1, 1]
    assert counts_of(second) == [0, 0, 0, 0, 1, 0]
    assert second.median_wait is None and second.p90_wait is None

    eight, half_past = counts.slots[:2]
    assert (eight.slot, half_past.slot) == (EIGHT, HALF_PAST)
    assert counts_of(eight) == [5, 3, 3, 1, 1, 1]
    # Median of an even number: the mean of the two middle values (20 and 30).
    assert (eight.median_wait, eight.p90_wait) == (25, 40)
    assert counts_of(half_past) == [1, 1, 1, 0, 0, 0] and half_past.median_wait == 5
    assert len(counts.slots) == 4


def test_an_edition_without_tickets_has_no_counts(edition):
    counts = queries.queue_counts(edition)
    assert (counts.services, counts.days, counts.slots) == ([], [], [])


@pytest.mark.parametrize("size", [3, 40])
def test_counts_use_three_queries_whatever_the_number_of_tickets(
    edition, desk_day, size, django_assert_num_queries
):
    for n in range(size):
        ticket(
            desk_day,
            slot=[EIGHT, HALF_PAST][n % 2],
            status=S.SERVED,
            arrived=wib(8, 0),
            called=wib(8, n % 30),
        )
    # the counts (aggregated), the arrival and call times, the offerings
    with django_assert_num_queries(3):
        counts = queries.queue_counts(edition)
    assert counts.services[0].served == size


# --- The admin page and its CSV --------------------------------------------------------------


def test_organisers_read_the_counts_of_the_current_edition(tickets, organiser_client):
    page = organiser_client.get("/admin/queue/ticket/hitungan/").content.decode()

    assert "Hitungan antrean" in page and "Edisi 2026" in page
    assert '<option value="2026" selected>' in page and '<option value="2027">' in page
    # KIA per service: 6 booked … and the waits 20.0 (median), 40.0 (90th percentile).
    row = (
        "<td>6</td><td>4</td><td>4</td><td>1</td><td>2</td><td>1</td><td>5</td>"
        "<td>20,0</td><td>40,0</td>"
    )
    assert row in page
    assert "Siti Aminah" not in page


def test_the_counts_page_is_linked_from_the_queue_admin(organiser_client):
    for url in ["/admin/queue/ticket/", "/admin/queue/desk/"]:
        page = organiser_client.get(url).content.decode()
        assert 'href="/admin/queue/ticket/hitungan/"' in page


def test_an_edition_is_chosen_and_an_unknown_year_is_told(tickets, organiser_client):
    page = organiser_client.get("/admin/queue/ticket/hitungan/", {"edisi": "2027"})
    text = page.content.decode()
    assert "Edisi 2027" in text and "<td>60,0</td>" in text

    for typed in ["1999", "abc"]:
        response = organiser_client.get("/admin/queue/ticket/hitungan/", {"edisi": typed})
        assert response.status_code == 200
        assert f"Tidak ada edisi tahun {typed}" in response.content.decode()


def test_csv_has_the_counts_and_no_names_or_phones(tickets, organiser_client):
    response = organiser_client.get(
        "/admin/queue/ticket/hitungan/", {"edisi": "2026", "format": "csv"}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="antrean-2026.csv"' in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "tingkat",
        "layanan",
        "tanggal",
        "slot",
        "booked",
        "present",
        "served",
        "no_show",
        "walk_in",
        "cancelled",
        "dipanggil",
        "median_tunggu_menit",
        "p90_tunggu_menit",
    ]
    service = tickets.desk.offering.service.name
    assert [service, "", "", "6", "4", "4", "1", "2", "1", "5", "20.0", "40.0"] == rows[1][1:]
    assert [
        "slot",
        service,
        "2026-12-14",
        "08:00",
        "5",
        "3",
        "3",
        "1",
        "1",
        "1",
        "4",
        "25.0",
        "40.0",
    ] in rows
    assert ["hari", service, "2026-12-15", "", "0", "0", "0", "0", "1", "0", "0", "", ""] in rows
    assert len(rows) == 1 + 2 + 3 + 4
    assert "Siti Aminah" not in body and "+6281" not in body


def test_the_counts_page_needs_the_admin(client):
    response = client.get("/admin/queue/ticket/hitungan/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- The edition's archive -------------------------------------------------------------------


def test_the_archive_shows_served_counts_per_service_once_the_edition_began(tickets, client):
    with time_machine.travel(datetime.datetime(2027, 1, 10, 12, 0, tzinfo=wib(0).tzinfo)):
        page = client.get("/2026/").content.decode()

    assert "Hasil festival" in page and "Antrean meja layanan" in page
    # KIA: 7 numbers given (the cancelled one left out), 4 served; LB: 1 and 1.
    assert "<td>7</td><td>4</td>" in page and "<td>1</td><td>1</td>" in page


def test_the_archive_has_no_queue_results_before_the_edition_or_without_tickets(
    edition, desk_day, tickets, client
):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=wib(0).tzinfo)):
        assert "Antrean meja layanan" not in client.get("/2026/").content.decode()


def test_the_archive_has_no_queue_results_without_tickets(edition, desk_day, client):
    with time_machine.travel(datetime.datetime(2027, 1, 10, 12, 0, tzinfo=wib(0).tzinfo)):
        assert "Antrean meja layanan" not in client.get("/2026/").content.decode()


@pytest.mark.parametrize("size", [2, 30])
def test_the_archive_reads_the_queue_results_in_two_queries_whatever_the_size(
    edition, client, size, django_assert_num_queries
):
    for n in range(size):
        day = DeskDayFactory(
            desk__offering=OfferingFactory(edition=edition, order=n),
            desk__prefix=f"Q{chr(65 + n % 26)}",
        )
        ticket(day, status=S.SERVED, arrived=wib(8, 0), called=wib(8, 5))
    with time_machine.travel(datetime.datetime(2027, 1, 10, 12, 0, tzinfo=wib(0).tzinfo)):
        client.get("/2026/")
        with django_assert_num_queries(2):
            results = queries.edition_results(edition)
        page = client.get("/2026/").content.decode()

    assert len(results) == size
    assert page.count("<td>1</td><td>1</td>") == size
