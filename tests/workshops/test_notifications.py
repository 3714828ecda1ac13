"""What workshops.notifications promises: who gets which email, with the ticket and the .ics."""

import datetime
import smtplib

import icalendar
import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from tests.festival.factories import EditionFactory
from tests.workshops.factories import RegistrationFactory
from workshops.notifications import send_registration_email

SITE = "https://festival.example.id"
pytestmark = pytest.mark.usefixtures("site_url")


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE


class BrokenMailServer(BaseEmailBackend):
    """A mail server that refuses every message (Django's backend API, not our code)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("down")


def attached_calendar(message) -> tuple[str, icalendar.Calendar, str]:
    ((filename, content, mimetype),) = message.attachments
    return filename, icalendar.Calendar.from_ical(content), mimetype


def test_registered_email_goes_to_the_person_with_ticket_and_calendar(workshop):
    workshop.date, workshop.start_time = datetime.date(2026, 12, 15), datetime.time(9)
    workshop.save()
    registration = RegistrationFactory(
        workshop=workshop, full_name="Siti Aminah", email="siti@example.id"
    )

    send_registration_email(registration.pk, kind="registered")

    (message,) = mail.outbox
    assert message.to == ["siti@example.id"]
    assert message.subject == f"Pendaftaran berhasil: Bedah Smart Kampung ({registration.code})"
    assert "Yth. Siti Aminah," in message.body
    assert "Pendaftaran Anda sudah terkonfirmasi." in message.body
    assert f"{SITE}/workshop/tiket/{registration.secret}/" in message.body
    assert "Waktu: Selasa, 15 Desember 2026, 09.00 WIB" in message.body
    filename, calendar, mimetype = attached_calendar(message)
    assert filename == "workshop.ics"
    assert mimetype == "text/calendar; charset=utf-8; method=PUBLISH"
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Bedah Smart Kampung"
    assert str(event["URL"]) == f"{SITE}/workshop/bedah-smart-kampung/"
    assert "DTEND" not in event


def test_waitlisted_email_says_the_place_in_line(workshop):
    RegistrationFactory(workshop=workshop, status="waitlisted")
    registration = RegistrationFactory(
        workshop=workshop, status="waitlisted", email="dwi@example.id"
    )

    send_registration_email(registration.pk, kind="registered")

    (message,) = mail.outbox
    assert message.subject.startswith("Anda di daftar tunggu: Bedah Smart Kampung")
    assert "Anda ada di daftar tunggu, urutan ke-2." in message.body


def test_promoted_email_says_the_seat_is_theirs(workshop):
    registration = RegistrationFactory(workshop=workshop, email="dwi@example.id")

    send_registration_email(registration.pk, kind="promoted")

    (message,) = mail.outbox
    assert message.subject.startswith("Anda mendapat kursi: Bedah Smart Kampung")
    assert "kursinya kini milik Anda" in message.body


def test_email_follows_the_language_of_the_registration(workshop):
    EditionFactory()
    registration = RegistrationFactory(workshop=workshop, email="a@example.id", language="en")

    send_registration_email(registration.pk, kind="registered")

    (message,) = mail.outbox
    assert message.subject.startswith("Registration confirmed: Dissecting Smart Kampung")
    assert f"{SITE}/en/workshop/tiket/{registration.secret}/" in message.body
    _filename, calendar, _mimetype = attached_calendar(message)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Dissecting Smart Kampung")
    assert str(event["URL"]) == f"{SITE}/en/workshop/bedah-smart-kampung/"


def test_no_email_without_an_address(workshop):
    registration = RegistrationFactory(workshop=workshop, email="")

    send_registration_email(registration.pk, kind="registered")

    assert mail.outbox == []


def test_no_email_to_a_registration_cancelled_since(workshop):
    registration = RegistrationFactory(workshop=workshop, email="a@example.id", status="cancelled")

    result = send_registration_email(registration.pk, kind="registered")

    assert result == "skipped: cancelled"
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND="tests.workshops.test_notifications.BrokenMailServer")
def test_a_failing_mail_server_raises_for_the_task_to_retry_and_the_registration_stands(
    workshop,
):
    # The task (workshops/tasks.py) logs the failure and tries again: tests/workshops/test_tasks.py.
    registration = RegistrationFactory(workshop=workshop, email="a@example.id")

    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_registration_email(registration.pk, kind="registered")

    registration.refresh_from_db()
    assert registration.status == "confirmed"
