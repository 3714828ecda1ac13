"""Status emails leave the desk's request: they go after the commit, through the task queue,
and a mail server that is down neither fails the desk's save nor loses the email."""

import datetime
import logging

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from services import domain
from services.models import ServiceRequest
from tests.services.factories import ServiceRequestFactory, status_change_form
from tests.tasks import database_tasks, mail_server_down, run_worker, waiting_tasks


def advance(service_request, **changes):
    return domain.change_request_status(
        service_request=service_request,
        **{"to_status": "in_process", "note": "Bawa KK asli.", **changes},
    )


# --- Immediate backend (development, `make run`) ----------------------------------------------


@pytest.mark.django_db
def test_status_email_goes_once_committed_with_the_immediate_backend(
    kia, django_capture_on_commit_callbacks
):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")

    with django_capture_on_commit_callbacks(execute=True):
        advance(service_request)
        assert mail.outbox == []

    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert "Bawa KK asli." in mail.outbox[0].body


@pytest.mark.django_db
def test_status_email_is_not_sent_when_the_change_rolls_back(
    kia, django_capture_on_commit_callbacks
):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        advance(service_request)
        raise RuntimeError("a later step of the same write failed")

    assert ServiceRequest.objects.get().status == "submitted"
    assert mail.outbox == []


# --- Database backend (production: TASKS_BACKEND=database and a worker) -----------------------


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_status_email_waits_in_the_queue_until_the_worker_sends_it(kia):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")
    change = advance(service_request)

    [queued] = waiting_tasks()
    assert queued.task_path == "services.tasks.send_status_email"
    assert queued.args_kwargs["kwargs"] == {"change_id": change.pk}
    assert mail.outbox == []

    run_worker()

    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert service_request.display_code in mail.outbox[0].subject
    assert "3510164101900001" not in mail.outbox[0].body


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_request_erased_before_the_worker_runs_gets_no_email(kia):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")
    advance(service_request)
    [queued] = waiting_tasks()

    domain.erase_personal_data(datetime.datetime.now(tz=datetime.UTC))
    run_worker()

    assert mail.outbox == []
    queued.refresh_from_db()
    assert (queued.status, queued.return_value) == ("SUCCESSFUL", "skipped: no address")


@database_tasks
@mail_server_down
@pytest.mark.django_db(transaction=True)
def test_failed_status_email_is_tried_again_a_minute_later(kia, caplog):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")
    change = advance(service_request)

    run_worker()

    [retry] = waiting_tasks()
    assert retry.task_path == "services.tasks.send_status_email"
    assert retry.args_kwargs["kwargs"] == {"change_id": change.pk, "attempt": 2}
    assert retry.run_after - retry.enqueued_at == pytest.approx(
        datetime.timedelta(minutes=1), abs=datetime.timedelta(seconds=5)
    )
    [line] = [r for r in caplog.records if r.name == "festival.sitewide.tasks"]
    assert line.levelno == logging.WARNING
    assert line.getMessage().startswith(
        f"Retry scheduled: status email for status change id {change.pk} failed (attempt 1 of 5)"
    )


@database_tasks
@mail_server_down
@pytest.mark.django_db(transaction=True)
def test_desk_saves_a_status_change_when_the_mail_server_is_down(admin_client, kia):
    service_request = ServiceRequestFactory(offering=kia, email="siti@example.id")
    url = reverse("admin:services_servicerequest_change", args=[service_request.pk])

    response = admin_client.post(
        url,
        status_change_form(new_status="in_process", note="Sedang disiapkan."),
        follow=True,
    )

    assert "berhasil diubah" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == "in_process"
    assert [t.task_path for t in waiting_tasks()] == ["services.tasks.send_status_email"]


# --- Held photos of expired check-answers pages -----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_release_expired_uploads_is_queued_for_the_worker_which_deletes_expired_photos():
    import io
    import os
    from pathlib import Path

    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from services import uploads
    from tests.services.factories import image_bytes

    expired = uploads.hold(uploads.clean_document(ContentFile(image_bytes(), name="k.jpg")))
    fresh = uploads.hold(uploads.clean_document(ContentFile(image_bytes(), name="k.jpg")))
    old = (
        datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=uploads.HELD_SECONDS + 60)
    ).timestamp()
    os.utime(Path(settings.PRIVATE_MEDIA_ROOT) / expired, (old, old))
    out = io.StringIO()
    try:
        with database_tasks:
            call_command("release_expired_uploads", stdout=out)
            assert "queued" in out.getvalue()
            assert uploads.is_still_held(expired)  # nothing deleted until the worker runs

            run_worker()

        assert not uploads.is_still_held(expired)
        assert uploads.is_still_held(fresh)
    finally:
        uploads.release([expired, fresh])
