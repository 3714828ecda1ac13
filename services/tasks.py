"""The one-stop services' background work: emailing applicants, outside the desk's request, and
deleting the document photos of expired check-answers pages."""

from django_tasks import task

from festival.sitewide.tasks import MAIL_ERRORS, retry_later
from services import notifications, uploads


@task()
def send_status_email(*, change_id: int, attempt: int = 1) -> str:
    """Email an applicant that their request's status changed; when the mail server fails,
    try again later (festival.sitewide.tasks.retry_later)."""
    try:
        return notifications.send_status_email(change_id)
    except MAIL_ERRORS as error:
        return retry_later(
            send_status_email,
            attempt=attempt,
            error=error,
            what=f"status email for status change id {change_id}",
            change_id=change_id,
        )


@task()
def release_expired_uploads() -> int:
    """Delete the document photos held for check-answers pages that have expired
    (uploads.release_expired); `manage.py release_expired_uploads` enqueues it from cron.
    Returns how many were deleted."""
    return uploads.release_expired()
