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
