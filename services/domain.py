"""The rules of the service desk: submitting a request, moving it through the desk (a request
marked done gets its survey code), erasing it, and copying an edition's offering into the
next."""

import datetime
import logging
from collections.abc import Iterable, Mapping

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from festival.models import Edition
from festival.queries import accepts_forms
from festival.sitewide import audit, clock
from festival.sitewide.tasks import enqueue_on_commit
from services import tasks, uploads
from services.models import (
    ComplaintChannel,
    Document,
    Offering,
    ProcedureStep,
    Requirement,
    ServiceRequest,
    StatusChange,
    new_reference_code,
)
from services.survey.domain import issue_request_code

logger = logging.getLogger(__name__)

Status = ServiceRequest.Status


class RequestRefused(ValidationError):
    """A rule of the desk said no. A ValidationError, so forms and the admin show its
    message as they show any other; callers tell refusals apart by class, not by code."""


class RequestsClosed(RequestRefused):
    """The offering takes no online requests (or its edition no longer takes any)."""


class StatusChangeRefused(RequestRefused):
    """The desk may not move a request from its status to the one asked (see TRANSITIONS)."""


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
    offering: Offering,
    applicant_name: str,
    nik: str,
    phone: str,
    email: str = "",
    details: dict,
    preferred_day: datetime.date,
    documents: Mapping[str, File] | None = None,
    submission_key: str | None = None,
) -> ServiceRequest:
    """Save a request, its document photos and its first history entry, all or nothing.

    `documents` maps a Document.Kind to an already checked and cleaned image (see
    uploads.clean_document). If any part fails, nothing stays: no row, and no file in the
    private storage. With a `submission_key` already used, the earlier request is returned,
    so a check-answers page sent twice gives one request. Refuses (RequestsClosed) an
    offering that takes no online requests or whose edition may offer no form (a past or
    draft edition, see festival.queries.accepts_forms), and a day outside its edition.
    """
    if submission_key:
        existing = ServiceRequest.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    if not offering.takes_requests:
        raise RequestsClosed(
            _("Layanan ini tidak menerima permohonan daring."), code="requests_closed"
        )
    if not accepts_forms(offering.edition):
        raise RequestsClosed(
            _("Permohonan daring untuk festival %(year)s sudah ditutup."),
            code="edition_closed",
            params={"year": offering.edition.year},
        )
    if preferred_day not in offering.edition.days:
        raise RequestRefused(
            _("Pilih salah satu hari festival."),
            code="day_outside_edition",
        )
    now = clock.now()
    service_request = ServiceRequest(
        offering=offering,
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
    while ServiceRequest.objects.filter(code=service_request.code).exists():
        service_request.code = new_reference_code()
    service_request.full_clean(exclude=["code", "submission_key"])
    service_request.save()
    StatusChange.objects.create(
        service_request=service_request, from_status="", to_status=Status.SUBMITTED, at=now
    )

    stored: list[str] = []
    try:
        for kind, content in (documents or {}).items():
            with Image.open(content) as image:
                width, height = image.size
            content.seek(0)
            document = Document(
                service_request=service_request,
                kind=kind,
                created_at=now,
                width=width,
                height=height,
            )
            document.full_clean(exclude=["file", "service_request"])
            document.file.save("document.webp", content, save=False)
            stored.append(document.file.name)
            document.save()
    except (ValidationError, IntegrityError, OSError, UnidentifiedImageError):
        _delete_files(stored)
        raise
    return service_request


def release_held_uploads(*, names: Iterable[str]) -> None:
    """Delete these held document photos once the current transaction commits (at once
    outside one): a submitted request keeps its own copies, and an ID photo nobody needs
    must not stay. A name that is not a held photo's (see uploads.is_held_name) is ignored,
    so a name from a page cannot delete any other file; one already gone is no error."""
    held = [name for name in names if uploads.is_held_name(name)]
    if held:
        transaction.on_commit(lambda: uploads.release(held))


def _delete_files(names: list[str]) -> None:
    storage = Document._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete private file %s", name)


@transaction.atomic
def change_request_status(
    *,
    service_request: ServiceRequest,
    to_status: str,
    note: str = "",
    by: AbstractBaseUser | None = None,
) -> StatusChange:
    """Move a request to `to_status` if the desk may (see TRANSITIONS), record who did it and
    the note meant for the applicant (in the request's history, and in the staff audit trail
    without the note), and email the applicant once committed when they gave an address.
    A request marked done gets its survey code in the same transaction
    (services.survey.domain.issue_request_code), so the email and the tracking page can
    invite the applicant to the survey; if that fails, the status does not change either.
    Raises StatusChangeRefused for a move that makes no sense."""
    locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
    if to_status not in allowed_transitions(locked.status):
        raise StatusChangeRefused(
            _("Status tidak dapat diubah dari “%(from)s” ke “%(to)s”."),
            code="invalid_transition",
            params={
                "from": Status(locked.status).label,
                "to": Status(to_status).label if to_status in Status.values else to_status,
            },
        )
    now = clock.now()
    change = StatusChange.objects.create(
        service_request=locked,
        from_status=locked.status,
        to_status=to_status,
        note=note.strip(),
        changed_by=by,
        at=now,
    )
    locked.status = to_status
    locked.updated_at = now
    locked.save(update_fields=["status", "updated_at"])
    with translation.override("id"):
        message = f"Status: {Status(change.from_status).label} → {Status(to_status).label}"
    audit.record(user=by, objects=[locked], message=message + (" (dengan catatan)" if note else ""))
    service_request.status, service_request.updated_at = locked.status, locked.updated_at
    if to_status == Status.DONE:
        issue_request_code(service_request=locked, by=by)
    if locked.email:
        enqueue_on_commit(tasks.send_status_email, change_id=change.pk)
    return change


@transaction.atomic
def erase_personal_data(cutoff: datetime.datetime) -> int:
    """Blank the applicant's data and delete the document photos of every request created
    before `cutoff`; rows stay, so counts per service and status remain. Returns how many
    requests were erased."""
    to_erase = ServiceRequest.objects.filter(created_at__lt=cutoff, erased_at__isnull=True)
    ids = list(to_erase.values_list("pk", flat=True))
    documents = Document.objects.filter(service_request_id__in=ids)
    names = list(documents.values_list("file", flat=True))
    documents.delete()
    StatusChange.objects.filter(service_request_id__in=ids).update(note="")
    erased = ServiceRequest.objects.filter(pk__in=ids).update(
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


@transaction.atomic
def copy_offering(*, source: Edition, draft: Edition) -> int:
    """Copy the desk's offering at `source` into the new `draft` edition (registered with
    festival.domain.register_copier): every offering with its service standard (requirements,
    procedure steps, time, fee, product), online requests closed until organisers open them
    for the new edition, its booth on the plan not chosen yet. Offerings the draft already has are left as they are. Returns how
    many rows were made (offerings, requirements and steps)."""
    already = set(Offering.objects.filter(edition=draft).values_list("service_id", flat=True))
    made = 0
    for offering in (
        Offering.objects.filter(edition=source)
        .exclude(service_id__in=already)
        .with_requirements()
        .with_steps()
        .order_by("pk")
    ):
        requirements = list(offering.requirements.all())
        steps = list(offering.steps.all())
        offering.pk = None
        offering._state.adding = True
        offering.edition = draft
        offering.requests_open = False
        # The draft's plan has booths of its own (copied, to be moved): organisers choose
        # this service's booth for the new edition.
        offering.booth = None
        offering.save()
        for row in (*requirements, *steps):
            row.pk = None
            row._state.adding = True
            row.offering = offering
        Requirement.objects.bulk_create(requirements)
        ProcedureStep.objects.bulk_create(steps)
        made += 1 + len(requirements) + len(steps)
    return made


@transaction.atomic
def copy_complaint_channels(*, source: Edition, draft: Edition) -> int:
    """Copy the local complaint channels organisers entered for `source` into the new `draft`
    edition (registered with festival.domain.register_copier), for them to check: a channel
    the draft already has by name is left as it is. Returns how many were made."""
    already = set(ComplaintChannel.objects.filter(edition=draft).values_list("name", flat=True))
    channels = [
        channel
        for channel in ComplaintChannel.objects.of_edition(source)
        if channel.name not in already
    ]
    for channel in channels:
        channel.pk = None
        channel._state.adding = True
        channel.edition = draft
    ComplaintChannel.objects.bulk_create(channels)
    return len(channels)
