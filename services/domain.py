"""The rules of service requests: submitting one, moving it through the desk, erasing it."""

import datetime
import logging
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from festival.sitewide import clock
from festival.sitewide.tasks import enqueue_on_commit
from services import tasks, uploads
from services.models import Document, Request, Service, StatusChange, new_reference_code

logger = logging.getLogger(__name__)

Status = Request.Status

# What the desk may do next from each status. A finished or rejected request stays so.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SUBMITTED: (Status.IN_PROCESS, Status.NEEDS_CORRECTION, Status.REJECTED),
    Status.NEEDS_CORRECTION: (Status.SUBMITTED, Status.IN_PROCESS, Status.REJECTED),
    Status.IN_PROCESS: (Status.READY, Status.NEEDS_CORRECTION, Status.REJECTED),
    Status.READY: (Status.DONE,),
    Status.DONE: (),
    Status.REJECTED: (),
}


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


@transaction.atomic
def submit_request(
    *,
    service: Service,
    applicant_name: str,
    nik: str,
    phone: str,
    email: str = "",
    details: dict,
    preferred_day: datetime.date,
    documents: Mapping[str, File] | None = None,
    submission_key: str | None = None,
) -> Request:
    """Save a request, its document photos and its first history entry, all or nothing.

    `documents` maps a Document.Kind to an already checked and cleaned image (see
    forms.clean_document). If any part fails, nothing stays: no row, and no file in the
    private storage. With a `submission_key` already used, the earlier request is returned,
    so a check-answers page sent twice gives one request.
    """
    if submission_key:
        existing = Request.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    if not service.takes_requests:
        raise ValidationError(
            _("Layanan ini tidak menerima permohonan daring."), code="requests_closed"
        )
    now = clock.now()
    request = Request(
        service=service,
        applicant_name=applicant_name,
        nik=nik,
        phone=phone,
        email=email,
        details=details,
        preferred_day=preferred_day,
        status=Status.SUBMITTED,
        submission_key=submission_key or None,
        created_at=now,
        updated_at=now,
        code=new_reference_code(),
    )
    while Request.objects.filter(code=request.code).exists():
        request.code = new_reference_code()
    request.full_clean(exclude=["code", "submission_key"])
    request.save()
    StatusChange.objects.create(request=request, from_status="", to_status=Status.SUBMITTED, at=now)

    stored: list[str] = []
    try:
        for kind, content in (documents or {}).items():
            with Image.open(content) as image:
                width, height = image.size
            content.seek(0)
            document = Document(
                request=request, kind=kind, created_at=now, width=width, height=height
            )
            document.full_clean(exclude=["file", "request"])
            document.file.save("document.webp", content, save=False)
            stored.append(document.file.name)
            document.save()
    except (ValidationError, IntegrityError, OSError, UnidentifiedImageError):
        _delete_files(stored)
        raise
    return request


def _delete_files(names: list[str]) -> None:
    storage = Document._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete private file %s", name)


@transaction.atomic
def change_request_status(
    *, request: Request, to_status: str, note: str = "", by=None
) -> StatusChange:
    """Move a request to `to_status` if the desk may (see TRANSITIONS), record who did it and
    the note meant for the applicant, and email the applicant once committed when they gave
    an address. Raises ValidationError for a move that makes no sense."""
    locked = Request.objects.select_for_update().get(pk=request.pk)
    if to_status not in allowed_transitions(locked.status):
        raise ValidationError(
            _("Status tidak bisa diubah dari “%(from)s” ke “%(to)s”."),
            code="invalid_transition",
            params={
                "from": Status(locked.status).label,
                "to": Status(to_status).label if to_status in Status.values else to_status,
            },
        )
    now = clock.now()
    change = StatusChange.objects.create(
        request=locked,
        from_status=locked.status,
        to_status=to_status,
        note=note.strip(),
        changed_by=by,
        at=now,
    )
    locked.status = to_status
    locked.updated_at = now
    locked.save(update_fields=["status", "updated_at"])
    request.status, request.updated_at = locked.status, locked.updated_at
    if locked.email:
        enqueue_on_commit(tasks.send_status_email, change_id=change.pk)
    return change


@transaction.atomic
def erase_personal_data(cutoff: datetime.datetime) -> int:
    """Blank the applicant's data and delete the document photos of every request created
    before `cutoff`; rows stay, so counts per service and status remain. Returns how many
    requests were erased."""
    requests = Request.objects.filter(created_at__lt=cutoff, erased_at__isnull=True)
    ids = list(requests.values_list("pk", flat=True))
    documents = Document.objects.filter(request_id__in=ids)
    names = list(documents.values_list("file", flat=True))
    documents.delete()
    StatusChange.objects.filter(request_id__in=ids).update(note="")
    erased = Request.objects.filter(pk__in=ids).update(
        applicant_name="",
        nik="",
        phone="",
        email="",
        details={},
        erased_at=clock.now(),
    )
    transaction.on_commit(lambda: _delete_files(names))
    # Photos held for a check-answers page that was never submitted.
    transaction.on_commit(lambda: uploads.delete_held_before(cutoff))
    return erased
