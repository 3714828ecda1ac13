"""The booking confirmation email (issue 14): one per booking with an address, in the booker's
language, with the number, the time to arrive, what to bring and the ticket link; none without
an address or for a ticket cancelled or erased since; a mail server that is down is tried
again later."""

import datetime

import icalendar
import pytest
from django.core import mail

from festival.sitewide import pagecache
from services.queue import domain
from services.queue.models import Ticket
from services.queue.notifications import send_booking_email
from tests.queue.factories import TicketFactory
from tests.tasks import database_tasks, mail_server_down, run_worker, waiting_tasks
from tests.text import page_text

pytestmark = pytest.mark.django_db

SITE = "https://festival.example.id"
BOOK = "/antrian/kia/2026-12-14/"
FORM = {
    "slot": "09:00",
    "name": "Siti Aminah",
    "phone": "0812-3456-7890",
    "email": "siti.aminah@contoh.id",
    "request_code": "",
}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_booking_with_an_address_emails_one_confirmation(
    frozen, client, desk_day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(BOOK, FORM)
    ticket = Ticket.objects.get()
    assert len([c for c in callbacks if not pagecache.is_bump(c)]) == 1
    assert ticket.email == "siti.aminah@contoh.id"

    (message,) = mail.outbox
    assert message.to == ["siti.aminah@contoh.id"]
    assert message.subject == (
        "Nomor antrean KIA-001: Kartu Identitas Anak, 14 Desember 2026, 09.00 WIB"
    )
    body = message.body
    assert "Yth. Siti Aminah," in body
    assert "Nomor antrean: KIA-001" in body
    assert "Layanan: Kartu Identitas Anak" in body
    assert "Tanggal: Senin, 14 Desember 2026" in body
    assert "Slot: 09.00–09.30 WIB" in body
    assert "Datang paling lambat: 08.30 WIB" in body
    assert "Apabila Anda datang setelah 09.15 WIB" in body
    assert "Yang perlu dibawa:\n- Kartu Keluarga asli\n" in body
    assert f"{SITE}/antrian/tiket/{ticket.secret}/" in body
    assert "&" not in body and "&#" not in body

    # The ticket page says where it went, masked (the page is no-store and noindex anyway).
    page = client.get(response["Location"])
    text = page_text(page)
    assert "Konfirmasi pemesanan ini dikirim ke email s•••@contoh.id." in text
    assert "siti.aminah@contoh.id" not in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_confirmation_carries_the_slot_as_a_calendar_file(frozen, desk_day):
    ticket = TicketFactory(
        desk_day=desk_day, slot_start=datetime.time(9, 0), email="siti@contoh.id"
    )
    assert send_booking_email(ticket.pk) == "sent"
    ((filename, content, mimetype),) = mail.outbox[0].attachments
    assert (filename, mimetype) == ("antrean.ics", "text/calendar; charset=utf-8; method=PUBLISH")
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith(f"{ticket.display_number} – Kartu Identitas Anak")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute, end.hour, end.minute) == (9, 0, 9, 30)
    assert str(start.tzinfo) == "Asia/Jakarta"
    assert "08.30 WIB" in str(event["DESCRIPTION"])


def test_sending_the_form_twice_sends_one_email(
    frozen, client, desk_day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(BOOK, FORM)
        again = client.post(BOOK, FORM)
    assert again["Location"] == first["Location"]
    assert Ticket.objects.count() == 1
    assert len(mail.outbox) == 1


def test_booking_without_an_address_sends_nothing(
    frozen, client, desk_day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(BOOK, {**FORM, "email": ""})
    assert [c for c in callbacks if not pagecache.is_bump(c)] == []
    assert mail.outbox == []
    assert Ticket.objects.get().email == ""
    text = page_text(client.get(response["Location"]))
    assert "Tidak ada email konfirmasi yang dikirim" in text


def test_bad_address_is_refused_and_what_was_typed_is_kept(frozen, client, desk_day):
    response = client.post(BOOK, {**FORM, "email": "siti@contoh"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tulis alamat email yang benar, misalnya nama@contoh.id." in page_text(response)
    assert 'value="siti@contoh"' in html and 'value="Siti Aminah"' in html
    assert Ticket.objects.count() == 0
    assert mail.outbox == []


def test_english_booking_gets_the_email_in_english(
    frozen, client, desk_day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + BOOK, FORM)
    ticket = Ticket.objects.get()
    assert ticket.language == "en"
    (message,) = mail.outbox
    assert message.subject.startswith("Queue number KIA-001:")
    assert "Date: Monday, 14 December 2026" in message.body
    assert "Arrive by: 08.30 WIB" in message.body
    assert "What to bring:" in message.body
    # The link opens the ticket in English.
    assert f"{SITE}/en/antrian/tiket/{ticket.secret}/" in message.body


def test_cancelled_or_erased_ticket_gets_no_email(frozen, desk_day):
    cancelled = TicketFactory(desk_day=desk_day, email="a@contoh.id")
    domain.cancel_ticket(ticket=cancelled, by=None)
    assert send_booking_email(cancelled.pk) == "skipped: cancelled"
    erased = TicketFactory(desk_day=desk_day, email="b@contoh.id")
    domain.erase_personal_data(datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC))
    assert send_booking_email(erased.pk) == "skipped: erased"
    assert mail.outbox == []


def test_walk_in_has_no_address_and_no_email(desk_day, desk_morning):
    ticket = domain.give_walk_in_number(desk_day=desk_day, by=None, name="Budi")
    assert ticket.email == ""
    assert send_booking_email(ticket.pk) == "skipped: no address"


# --- Database backend (production: TASKS_BACKEND=database and a worker) -----------------------


def book(desk_day, **changes):
    fields = {
        "desk_day": desk_day,
        "slot_start": datetime.time(9, 0),
        "name": "Siti Aminah",
        "phone": "+6281234567890",
        "email": "siti@contoh.id",
        **changes,
    }
    return domain.book_number(**fields)


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_booking_email_waits_for_the_worker_and_a_cancelled_ticket_gets_none(frozen, desk_day):
    ticket = book(desk_day)
    [queued] = waiting_tasks()
    assert queued.task_path == "services.queue.tasks.send_booking_email"
    assert queued.args_kwargs["kwargs"] == {"ticket_id": ticket.pk}
    domain.cancel_ticket(ticket=ticket, by=None)

    run_worker()

    assert mail.outbox == []
    queued.refresh_from_db()
    assert (queued.status, queued.return_value) == ("SUCCESSFUL", "skipped: cancelled")


@database_tasks
@mail_server_down
@pytest.mark.django_db(transaction=True)
def test_mail_server_down_tries_again_later(frozen, desk_day):
    ticket = book(desk_day)
    run_worker()
    [retry] = waiting_tasks()
    assert retry.args_kwargs["kwargs"] == {"ticket_id": ticket.pk, "attempt": 2}
    assert mail.outbox == []
