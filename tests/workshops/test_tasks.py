"""Registration emails leave the visitor's request: they go after the commit, through the task
queue, and a mail server that is down neither fails the page nor loses the email."""

import datetime
import logging

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from festival.sitewide.tasks import MAX_ATTEMPTS
from tests.tasks import database_tasks, mail_server_down, run_worker, waiting_tasks
from tests.text import page_text
from workshops import domain
from workshops.models import Registration

REGISTER = "/workshop/bedah-smart-kampung/daftar/"


def register(workshop, person, **changes):
    return domain.register_for_workshop(workshop=workshop, **{**person, **changes}).registration


# --- Immediate backend (development, `make run`) ----------------------------------------------


def test_registration_email_goes_once_committed_with_the_immediate_backend(
    workshop, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(workshop, person, email="siti@example.id")
        assert mail.outbox == []

    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert registration.code in mail.outbox[0].subject


def test_registration_email_is_not_sent_when_the_registration_rolls_back(
    workshop, person, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        register(workshop, person, email="siti@example.id")
        raise RuntimeError("a later step of the same write failed")

    assert Registration.objects.count() == 0
    assert mail.outbox == []


@mail_server_down
def test_immediate_backend_logs_a_failed_email_once_and_does_not_retry(
    workshop, person, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(workshop, person, email="siti@example.id")

    assert Registration.objects.get().status == "confirmed"
    errors = [r.getMessage() for r in caplog.records if r.name == "festival.sitewide.tasks"]
    assert errors == [
        f"Not retried: registered email for registration id {registration.pk} failed with "
        "SMTPConnectError: (421, 'Service not available') (tasks run immediately here)"
    ]


# --- Database backend (production: TASKS_BACKEND=database and a worker) -----------------------


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_registration_waits_in_the_queue_until_the_worker_sends_it(workshop, person):
    registration = register(workshop, person, email="siti@example.id")

    [queued] = waiting_tasks()
    assert queued.task_path == "workshops.tasks.send_registration_email"
    assert queued.args_kwargs["kwargs"] == {
        "registration_id": registration.pk,
        "kind": "registered",
    }
    assert mail.outbox == []

    run_worker()

    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert f"/workshop/tiket/{registration.secret}/" in mail.outbox[0].body
    queued.refresh_from_db()
    assert (queued.status, queued.return_value) == ("SUCCESSFUL", "sent")
    assert waiting_tasks() == []


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_promotion_email_goes_through_the_worker(workshop, person):
    workshop.capacity = 1
    workshop.save()
    holder = register(workshop, person)
    waiting = register(workshop, person, phone="+6281200000002", email="a@example.id")
    run_worker()
    assert "daftar tunggu, urutan ke-1" in mail.outbox[0].body
    mail.outbox.clear()

    domain.cancel_registration(registration=holder, by=None)
    run_worker()

    assert [m.to for m in mail.outbox] == [["a@example.id"]]
    assert "kursinya kini milik Anda" in mail.outbox[0].body
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_registration_cancelled_before_the_worker_runs_gets_no_email(workshop, person):
    registration = register(workshop, person, email="siti@example.id")
    domain.cancel_registration(registration=registration, by=None)

    run_worker()

    assert mail.outbox == []
    assert Registration.objects.get().status == "cancelled"


@database_tasks
@mail_server_down
@pytest.mark.django_db(transaction=True)
def test_failed_email_is_tried_again_later_then_given_up_with_an_error(
    workshop, person, frozen, caplog
):
    registration = register(workshop, person, email="siti@example.id")
    delays = []

    for _attempt in range(MAX_ATTEMPTS):
        [queued] = waiting_tasks()
        if queued.run_after.year < 9999:  # a retry: wait until it is due
            frozen.move_to(queued.run_after)
        started = datetime.datetime.now(tz=datetime.UTC)
        run_worker()
        later = waiting_tasks()
        if later:
            delays.append(later[0].run_after - started)

    assert delays == [datetime.timedelta(minutes=m) for m in (1, 5, 15, 60)]
    assert waiting_tasks() == []
    assert mail.outbox == []
    assert Registration.objects.get().status == "confirmed"
    lines = [
        (r.levelno, r.getMessage()) for r in caplog.records if r.name == "festival.sitewide.tasks"
    ]
    assert [level for level, _ in lines] == [logging.WARNING] * 4 + [logging.ERROR]
    assert lines[0][1].startswith(
        f"Retry scheduled: registered email for registration id {registration.pk} failed "
        "(attempt 1 of 5) with SMTPConnectError: (421, 'Service not available'); next attempt at"
    )
    assert lines[-1][1] == (
        f"Gave up: registered email for registration id {registration.pk} failed 5 times, "
        "the last with SMTPConnectError: (421, 'Service not available')"
    )


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_email_goes_on_a_later_attempt_once_the_mail_server_is_back(workshop, person, frozen):
    register(workshop, person, email="siti@example.id")
    with mail_server_down:
        run_worker()
    [retry] = waiting_tasks()

    run_worker()  # a minute has not passed: the retry waits
    assert mail.outbox == []
    frozen.shift(datetime.timedelta(minutes=1))
    run_worker()

    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    retry.refresh_from_db()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert (retry.status, retry.return_value) == ("SUCCESSFUL", "sent")


@database_tasks
@override_settings(EMAIL_BACKEND="tests.tasks.RefusingEmailBackend")
@pytest.mark.django_db(transaction=True)
def test_a_refused_address_stays_out_of_the_log(workshop, person, caplog):
    register(workshop, person, email="siti@example.id")

    run_worker()

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "SMTPRecipientsRefused [550]" in logged
    assert "siti@example.id" not in logged


# --- What the visitor sees -------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["immediate", "database"])
@mail_server_down
@pytest.mark.django_db(transaction=True)
def test_visitor_gets_the_ticket_when_the_mail_server_is_down(client, workshop, form_data, backend):
    if backend == "database":
        with database_tasks:
            response = client.post(REGISTER, form_data, follow=True)
    else:
        response = client.post(REGISTER, form_data, follow=True)

    registration = Registration.objects.get()
    page = page_text(response)
    assert response.status_code == 200
    assert f"Kode {registration.code}" in page
    assert response.redirect_chain[-1][0] == registration.get_absolute_url()
    assert mail.outbox == []
