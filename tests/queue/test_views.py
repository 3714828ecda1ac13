import datetime

import pytest
import time_machine
from django.urls import reverse

from services.queue.models import Ticket
from tests.festival.factories import EditionFactory
from tests.queue.conftest import wib
from tests.queue.factories import DeskDayFactory, TicketFactory
from tests.services.factories import ServiceRequestFactory
from tests.text import page_text

pytestmark = pytest.mark.django_db

START = "/antrian/"
BOOK = "/antrian/kia/2026-12-14/"
FORM = {"slot": "09:00", "name": "Siti Aminah", "phone": "0812-3456-7890", "request_code": ""}


def test_start_page_lists_days_with_places_left(frozen, client, desk_day):
    response = client.get(START)
    text = page_text(response)
    assert "Kartu Identitas Anak" in text
    assert "Senin, 14 Desember 2026 – 12 tempat lagi" in text
    assert "no-store" in response["Cache-Control"]


def test_start_page_says_booking_is_not_open_without_hours(frozen, client, desk_day):
    desk_day.opens_at = desk_day.closes_at = None
    desk_day.save()
    text = page_text(client.get(START))
    assert "Pemesanan nomor antrean belum dibuka" in text
    assert page_text(client.get(BOOK)).count("tidak dibuka") == 1


def test_booking_flow_gives_number_arrival_time_requirements_and_qr(frozen, client, desk_day):
    form_page = page_text(client.get(BOOK))
    assert "09.00–09.30 WIB (3 tempat lagi)" in form_page
    response = client.post(BOOK, FORM, follow=True)
    ticket = Ticket.objects.get()
    assert response.redirect_chain[-1][0] == f"/antrian/tiket/{ticket.secret}/"
    text = page_text(response)
    assert "KIA-001" in text
    assert "Datang paling lambat 08.30 WIB" in text
    assert "Kartu Keluarga asli" in text
    assert "Siti Aminah" in text and "+6281234567890" not in text
    assert b"data:image/svg+xml" in response.content
    assert "no-store" in response["Cache-Control"]
    assert (ticket.phone, ticket.slot_start) == ("+6281234567890", datetime.time(9, 0))


def test_booking_in_english(frozen, client, desk_day):
    text = page_text(client.post("/en" + BOOK, FORM, follow=True))
    assert "Queue number" in text and "Arrive by 08.30 WIB" in text


def test_bad_input_keeps_what_was_typed(frozen, client, desk_day):
    response = client.post(BOOK, {**FORM, "phone": "12345"})
    text = page_text(response)
    assert response.status_code == 200
    assert 'value="Siti Aminah"' in response.content.decode()
    assert "Nomor HP tidak valid: awali dengan 08" in text
    assert Ticket.objects.count() == 0


def test_wrong_request_code_is_refused_in_the_page(frozen, client, desk_day):
    ServiceRequestFactory(offering=desk_day.desk.offering, code="ACDE3479", phone="+628999")
    response = client.post(BOOK, {**FORM, "request_code": "acde-3479"})
    assert "Kode permohonan ini tidak cocok" in page_text(response)
    assert Ticket.objects.count() == 0
    ServiceRequestFactory(offering=desk_day.desk.offering, code="BCDE3479", phone="+6281234567890")
    client.post(BOOK, {**FORM, "request_code": "bcde-3479"})
    assert Ticket.objects.get().service_request.code == "BCDE3479"


def test_second_booking_with_one_phone_is_refused_but_a_resend_finds_the_ticket(
    frozen, client, desk_day
):
    first = client.post(BOOK, FORM)
    assert client.post(BOOK, FORM)["Location"] == first["Location"]
    other = client.__class__()
    text = page_text(other.post(BOOK, {**FORM, "slot": "09:30"}))
    assert "sudah memegang nomor antrean" in text
    assert Ticket.objects.count() == 1


def test_full_slot_is_not_offered(frozen, client, desk_day):
    for n in range(3):
        TicketFactory(desk_day=desk_day, slot_start=datetime.time(8, 0), number=n + 1)
    content = client.get(BOOK).content.decode()
    assert 'value="08:00"' not in content and 'value="08:30"' in content
    response = client.post(BOOK, {**FORM, "slot": "08:00"})
    assert "Slot ini sudah penuh" in page_text(response)


def test_past_edition_offers_no_booking_and_a_post_makes_nothing(client, desk_day):
    with time_machine.travel(wib(9, day=20), tick=False):
        assert "belum dibuka" in page_text(client.get(START))
        response = client.post(BOOK, FORM)
        assert "tidak dibuka" in page_text(response)
    assert Ticket.objects.count() == 0


def test_other_edition_desk_day_is_not_found(frozen, client, desk_day):
    later = EditionFactory(
        slug="lain", start_date=datetime.date(2027, 1, 4), end_date=datetime.date(2027, 1, 5)
    )
    DeskDayFactory(desk__offering__edition=later, day=datetime.date(2027, 1, 4))
    assert client.get("/antrian/kia/2026-12-15/").status_code == 404
    assert client.get("/antrian/kia/2026-02-30/").status_code == 404


def test_booking_is_rate_limited(frozen, client, desk_day, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "queue": (1, 3600)}
    client.post(BOOK, {**FORM, "phone": "081300000001"})
    response = client.post(BOOK, {**FORM, "phone": "081300000002"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in page_text(response)
    assert 'value="Siti Aminah"' in response.content.decode()


def test_cancel_asks_then_frees_the_place(frozen, client, desk_day):
    ticket = TicketFactory(desk_day=desk_day)
    url = reverse("queue:cancel", args=[ticket.secret])
    assert "Ya, batalkan" in page_text(client.get(url))
    text = page_text(client.post(url, follow=True))
    assert "Nomor antrean Anda dibatalkan." in text
    assert "Batalkan nomor antrean" not in text
    assert Ticket.objects.get().status == "cancelled"


def test_unknown_ticket_is_not_found(client, db):
    assert client.get("/antrian/tiket/tidak-ada/").status_code == 404
    assert client.get("/antrian/tiket/" + "a" * 70 + "/").status_code == 404


def test_ticket_shows_hadir_only_to_desk_staff(desk_day, desk_morning, desk_client):
    ticket = TicketFactory(desk_day=desk_day, number=1)
    assert "Hadir" in page_text(desk_client.get(ticket.get_absolute_url()))
    response = desk_client.post(reverse("queue:present", args=[ticket.secret]), follow=True)
    assert "KIA-001 dicatat hadir." in page_text(response)
    assert Ticket.objects.get().status == "present"


def test_visitor_cannot_mark_present_or_open_desk_pages(frozen, client, desk_day):
    ticket = TicketFactory(desk_day=desk_day)
    assert "Petugas" not in page_text(client.get(ticket.get_absolute_url()))
    assert client.post(reverse("queue:present", args=[ticket.secret])).status_code == 403
    assert client.get(reverse("queue:desk", args=[desk_day.pk])).status_code == 403
    assert client.get(reverse("queue:desks")).status_code == 403
    assert Ticket.objects.get().status == "booked"


def test_organiser_without_desk_permission_cannot_call(frozen, organiser_client, desk_day):
    assert organiser_client.get(reverse("queue:desk", args=[desk_day.pk])).status_code == 403


def test_desk_day_typed_number_walk_in_slip_and_call(desk_day, desk_morning, desk_client):
    booked = TicketFactory(desk_day=desk_day, number=1)
    desk_day.last_number = 1
    desk_day.save()
    desk = reverse("queue:desk", args=[desk_day.pk])
    if True:
        assert "KIA – Kartu Identitas Anak" in page_text(desk_client.get(reverse("queue:desks")))
        text = page_text(
            desk_client.post(desk, {"action": "present", "number": "kia 1"}, follow=True)
        )
        assert "KIA-001 dicatat hadir." in text
        unknown = desk_client.post(desk, {"action": "present", "number": "KIA-099"})
        assert "Nomor ini tidak ada" in page_text(unknown)
        slip = desk_client.post(desk, {"action": "walk-in", "name": ""}, follow=True)
        assert "KIA-002" in page_text(slip) and "css/queue_slip.css" in slip.content.decode()
        called = desk_client.post(desk, {"action": "call", "counter": "2"}, follow=True)
        assert "KIA-001 dipanggil ke loket 2." in page_text(called)
        desk_client.post(desk, {"action": "served", "ticket": str(booked.pk)})
        assert desk_client.post(desk, {"action": "call", "counter": "9"}).status_code == 400
    assert Ticket.objects.get(pk=booked.pk).status == "served"


def test_desk_page_shows_no_names(desk_day, desk_client):
    TicketFactory(desk_day=desk_day, name="Rahasia Sekali")
    assert "Rahasia Sekali" not in page_text(
        desk_client.get(reverse("queue:desk", args=[desk_day.pk]))
    )


@pytest.mark.parametrize("days", [1, 3])
def test_start_page_queries_do_not_grow_with_days_and_tickets(
    frozen, client, edition, desk_day, days, django_assert_num_queries
):
    for n in range(days):
        other = DeskDayFactory(desk__offering__edition=edition, day=datetime.date(2026, 12, 15))
        for k in range(n * 5):
            TicketFactory(desk_day=other, number=k + 1)
    client.get(START)  # the session, the current edition: cached
    with django_assert_num_queries(2):
        client.get(START)


@pytest.mark.parametrize("tickets", [1, 20])
def test_desk_page_queries_do_not_grow_with_tickets(
    desk_day, desk_morning, desk_client, tickets, django_assert_num_queries
):
    if True:
        for n in range(tickets):
            TicketFactory(desk_day=desk_day, number=n + 1, status="present", arrived_at=wib(8))
        url = reverse("queue:desk", args=[desk_day.pk])
        desk_client.get(url)
        with django_assert_num_queries(8):
            desk_client.get(url)


def test_desk_page_shows_the_request_made_ahead_beside_the_number(
    desk_day, desk_morning, desk_client
):
    request = ServiceRequestFactory(offering=desk_day.desk.offering)
    TicketFactory(
        desk_day=desk_day,
        number=7,
        status="called",
        counter=1,
        arrived_at=wib(8),
        called_at=wib(8, 5),
        service_request=request,
    )
    TicketFactory(desk_day=desk_day, number=8, status="present", arrived_at=wib(8))

    html = desk_client.get(reverse("queue:desk", args=[desk_day.pk])).content.decode()

    serving = page_text_of(html, "Sedang dilayani")
    assert f"permohonan {request.display_code}" in serving
    assert f'href="/admin/services/servicerequest/{request.pk}/change/"' in html


def page_text_of(html: str, heading: str) -> str:
    """The visible text from `heading` to the end of its section."""
    import re

    start = html.index(heading)
    section = html[start : html.index("</section>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
