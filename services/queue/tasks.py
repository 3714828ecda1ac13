"""The queue's background work: emailing the booking confirmation, outside the visitor's
request."""

from django_tasks import task

from festival.sitewide.tasks import MAIL_ERRORS, retry_later
from services.queue import notifications


@task()
def send_booking_email(*, ticket_id: int, attempt: int = 1) -> str:
    """Email a booker the confirmation of their number; when the mail server fails, try again
    later (festival.sitewide.tasks.retry_later)."""
    try:
        return notifications.send_booking_email(ticket_id)
    except MAIL_ERRORS as error:
        return retry_later(
            send_booking_email,
            attempt=attempt,
            error=error,
            what=f"booking email for queue ticket id {ticket_id}",
            ticket_id=ticket_id,
        )
