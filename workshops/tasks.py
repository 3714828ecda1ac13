"""The workshops' background work: emailing registrants, outside the visitor's request."""

from django_tasks import task

from festival.sitewide.tasks import MAIL_ERRORS, retry_later
from workshops import notifications


@task()
def send_registration_email(*, registration_id: int, kind: str, attempt: int = 1) -> str:
    """Email a registrant their ticket ("registered"), their new seat ("promoted") or their ticket
    link again ("resent", after someone tried to register with their number); when the
    mail server fails, try again later (festival.sitewide.tasks.retry_later)."""
    try:
        return notifications.send_registration_email(registration_id, kind=kind)
    except MAIL_ERRORS as error:
        return retry_later(
            send_registration_email,
            attempt=attempt,
            error=error,
            what=f"{kind} email for registration id {registration_id}",
            registration_id=registration_id,
            kind=kind,
        )


@task()
def send_certificate_email(*, registration_id: int, attempt: int = 1) -> str:
    """Email a participant the link to their certificate (their ticket page, where it is
    downloaded and its verification address is); tried again later when the mail server
    fails."""
    try:
        return notifications.send_certificate_email(registration_id)
    except MAIL_ERRORS as error:
        return retry_later(
            send_certificate_email,
            attempt=attempt,
            error=error,
            what=f"certificate email for registration id {registration_id}",
            registration_id=registration_id,
        )


@task()
def issue_certificates(*, workshop_id: int, user_id: int | None = None) -> str:
    """Issue the certificates of a workshop in bulk (workshops.domain.issue_certificates), for
    the admin's action: a hundred PDFs' worth of numbering runs outside the organiser's
    request. Returns the counts, which the task result keeps."""
    from django.contrib.auth import get_user_model

    from workshops import domain
    from workshops.models import Workshop

    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None:
        return "skipped: no such workshop"
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    result = domain.issue_certificates(workshop=workshop, by=user)
    return f"issued {result.issued}, refused {result.refused}"


@task()
def email_certificate_links(*, workshop_id: int) -> str:
    """Enqueue one certificate email per holder with an address (the admin's action)."""
    from workshops import domain
    from workshops.models import Workshop

    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None:
        return "skipped: no such workshop"
    return f"enqueued {domain.email_certificate_links(workshop=workshop)}"
