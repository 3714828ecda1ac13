import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction

from festival.sitewide import retention
from services import domain, uploads
from services.models import CODE_ALPHABET, Document, ServiceRequest, StatusChange
from services.uploads import clean_document
from tests.services.factories import ServiceRequestFactory, image_bytes

pytestmark = pytest.mark.django_db


def photo():
    return clean_document(ContentFile(image_bytes(), name="x.jpg"))


def submit(offering, **changes):
    values = {
        "offering": offering,
        "applicant_name": "Siti Aminah",
        "nik": "3510164101900001",
        "phone": "+6281234567890",
        "email": "siti@example.id",
        "details": {"child_name": "Ahmad"},
        "preferred_day": datetime.date(2026, 12, 15),
    }
    return domain.submit_request(**{**values, **changes})


def private_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "services" / "documents"
    return list(root.glob("*")) if root.exists() else []


def test_submit_request_saves_request_documents_and_first_history(kia, frozen):
    service_request = submit(kia, documents={"ktp": photo(), "kk": photo()})

    assert len(service_request.code) == 8 and set(service_request.code) <= set(CODE_ALPHABET)
    assert service_request.status == ServiceRequest.Status.SUBMITTED
    assert sorted(service_request.documents.values_list("kind", flat=True)) == ["kk", "ktp"]
    assert service_request.documents.first().width == 120
    first = service_request.history.get()
    assert (first.from_status, first.to_status) == ("", "submitted")


def test_submit_request_saves_nothing_when_a_document_fails(kia, frozen):
    before = len(private_files())

    with pytest.raises(ValidationError):
        submit(kia, documents={"ktp": photo(), "passport": photo()})

    assert ServiceRequest.objects.count() == 0
    assert Document.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert len(private_files()) == before


def test_submit_request_refuses_a_service_closed_for_requests(kia, frozen):
    kia.requests_open = False
    kia.save()

    with pytest.raises(ValidationError):
        submit(kia)
    assert ServiceRequest.objects.count() == 0


def test_submit_request_refuses_invalid_data_at_the_model(kia, frozen):
    with pytest.raises(ValidationError):
        submit(kia, email="not-an-email")


def test_change_request_status_records_history_and_emails_the_applicant(
    kia, frozen, django_user_model, django_capture_on_commit_callbacks
):
    service_request = submit(kia)
    desk = django_user_model.objects.create_user("petugas")

    with django_capture_on_commit_callbacks(execute=True):
        domain.change_request_status(
            service_request=service_request,
            to_status="needs_correction",
            note="Bawa KK asli.",
            by=desk,
        )

    service_request.refresh_from_db()
    assert service_request.status == "needs_correction"
    change = service_request.history.last()
    assert (change.from_status, change.to_status, change.note, change.changed_by) == (
        "submitted",
        "needs_correction",
        "Bawa KK asli.",
        desk,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@example.id"]
    assert service_request.display_code in mail.outbox[0].subject
    assert "Perlu perbaikan" in mail.outbox[0].body and "Bawa KK asli." in mail.outbox[0].body
    assert "3510164101900001" not in mail.outbox[0].body
    assert "http://testserver/layanan/lacak/" in mail.outbox[0].body  # SITE_URL + page


def test_change_request_status_sends_no_email_without_an_address(
    kia, frozen, django_capture_on_commit_callbacks
):
    service_request = submit(kia, email="")

    with django_capture_on_commit_callbacks(execute=True):
        domain.change_request_status(service_request=service_request, to_status="in_process")

    assert mail.outbox == []


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["in_process", "ready", "done"], "in_process"),
        (["rejected"], "in_process"),
        ([], "done"),
        (["in_process"], "submitted"),
    ],
)
def test_change_request_status_refuses_moves_that_make_no_sense(kia, frozen, path, refused):
    service_request = submit(kia)
    for status in path:
        domain.change_request_status(service_request=service_request, to_status=status)

    with pytest.raises(ValidationError) as error:
        domain.change_request_status(service_request=service_request, to_status=refused)

    assert "tidak dapat diubah" in error.value.messages[0]
    assert service_request.history.count() == len(path) + 1


def test_erase_personal_data_blanks_applicants_and_deletes_documents_keeping_counts(
    kia, pbb, frozen, django_capture_on_commit_callbacks
):
    old = submit(kia, documents={"ktp": photo()})
    domain.change_request_status(service_request=old, to_status="in_process", note="Atas nama Siti")
    ServiceRequestFactory(offering=pbb, status="done")
    path = Path(old.documents.get().file.path)
    frozen.shift(3600)
    cutoff = domain.clock.now()
    frozen.shift(60)
    recent = submit(kia)

    with django_capture_on_commit_callbacks(execute=True):
        erased = domain.erase_personal_data(cutoff)

    assert erased == 2
    old.refresh_from_db()
    assert (old.applicant_name, old.nik, old.phone, old.email, old.details) == ("", "", "", "", {})
    assert old.erased_at is not None
    assert not old.documents.exists() and not path.exists()
    assert set(old.history.values_list("note", flat=True)) == {""}
    recent.refresh_from_db()
    assert recent.nik == "3510164101900001"
    requests = ServiceRequest.objects.select_related("offering__service")
    counts = {(r.service.slug, r.status) for r in requests}
    assert counts == {("kia", "in_process"), ("pbb", "done"), ("kia", "submitted")}


def test_erase_personal_data_deletes_abandoned_held_photos(
    frozen, db, django_capture_on_commit_callbacks
):
    name = uploads.hold(photo())
    frozen.shift(60)

    with django_capture_on_commit_callbacks(execute=True):
        domain.erase_personal_data(domain.clock.now())

    assert uploads.open_held(name) is None


def test_retention_command_runs_the_services_eraser(kia, edition, frozen):
    submit(kia)
    assert "services.requests" in retention.erasers()
    frozen.move_to("2027-02-01 00:00+07:00")

    out = io.StringIO()
    call_command("erase_personal_data", "--days", "30", stdout=out)
    assert "services.requests: 1 erased" in out.getvalue()

    assert ServiceRequest.objects.get().nik == ""


# --- Refusals are told apart by their class ------------------------------------------------------


def test_submit_request_to_a_closed_service_is_a_requests_closed_refusal(kia, frozen):
    kia.requests_open = False
    kia.save()

    with pytest.raises(domain.RequestsClosed) as error:
        submit(kia)

    assert isinstance(error.value, domain.RequestRefused)
    assert error.value.messages == ["Layanan ini tidak menerima permohonan daring."]


def test_change_request_status_refusal_is_a_status_change_refused(kia, frozen):
    service_request = submit(kia)

    with pytest.raises(domain.StatusChangeRefused) as error:
        domain.change_request_status(service_request=service_request, to_status="done")

    assert error.value.messages == ["Status tidak dapat diubah dari “Diterima” ke “Selesai”."]


# --- Held uploads are released after the commit --------------------------------------------------


def test_release_held_uploads_deletes_the_held_photos_once_committed(
    db, django_capture_on_commit_callbacks
):
    names = [uploads.hold(photo()), uploads.hold(photo())]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        domain.release_held_uploads(names=names)
        # Not before the commit: a rollback must still find them.
        assert all(uploads.open_held(name) is not None for name in names)
    for callback in callbacks:
        callback()

    assert [uploads.open_held(name) for name in names] == [None, None]


def test_release_held_uploads_keeps_the_photos_when_the_transaction_rolls_back(db):
    name = uploads.hold(photo())

    with pytest.raises(RuntimeError), transaction.atomic():
        domain.release_held_uploads(names=[name])
        raise RuntimeError("the request was not saved")

    assert uploads.open_held(name) is not None
    uploads.release([name])


def test_release_held_uploads_never_deletes_a_request_document(
    kia, frozen, django_capture_on_commit_callbacks
):
    service_request = submit(kia, documents={"ktp": photo()})
    stored = service_request.documents.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        domain.release_held_uploads(names=[stored, "../../db.sqlite3"])

    assert service_request.documents.get().file.storage.exists(stored)
