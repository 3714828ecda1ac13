"""Slow work outside the request: enqueueing after the commit, and trying emails again.

Each app defines its tasks in its own `tasks.py` with django-tasks (the backport of Django 6's
tasks framework; settings.TASKS picks where they run) and enqueues them from its domain
functions with `enqueue_on_commit`, passing ids, never model instances: the task reads the
rows when it runs. django-tasks itself never runs a failed task again, so a task that talks to
the mail server calls `retry_later` when the server fails.
"""

import datetime
import functools
import logging
import smtplib

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# The wait before the 2nd, 3rd, 4th and 5th attempt. A mail server restarting is back within
# minutes; one down for an hour and a half still gets every email in the end.
RETRY_DELAYS = tuple(datetime.timedelta(minutes=m) for m in (1, 5, 15, 60))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

# What a mail server that is down, slow or busy raises: smtplib's errors, refused connections
# and timeouts are all OSErrors.
MAIL_ERRORS = (OSError,)


def enqueue_on_commit(task: Task, /, **kwargs) -> None:
    """Enqueue `task` with `kwargs` once the current transaction commits.

    Nothing is enqueued for a write that rolls back. Enqueueing is robust: should it fail
    (the database gone right after the commit), the failure is logged and the visitor still
    gets their page, since what they did is saved.
    """
    transaction.on_commit(functools.partial(task.enqueue, **kwargs), robust=True)


def retry_later(task: Task, *, attempt: int, error: Exception, what: str, **kwargs) -> str:
    """After attempt number `attempt` (1 for the first) failed with `error`, enqueue `task`
    again with `kwargs` and attempt + 1, to run after RETRY_DELAYS[attempt - 1].

    Logs one line per failure: a WARNING naming the next attempt, or an ERROR when giving up,
    after MAX_ATTEMPTS or at once when the backend runs tasks immediately (development) and
    so cannot wait. `what` names the work in the log without personal data (ids, codes).
    Returns what it did, which the task returns as its result.
    """
    reason = _describe(error)
    if attempt >= MAX_ATTEMPTS:
        logger.error("Gave up: %s failed %d times, the last with %s", what, attempt, reason)
        return "gave up"
    if not task.get_backend().supports_defer:
        logger.error("Not retried: %s failed with %s (tasks run immediately here)", what, reason)
        return "failed"
    run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
    task.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
    logger.warning(
        "Retry scheduled: %s failed (attempt %d of %d) with %s; next attempt at %s",
        what,
        attempt,
        MAX_ATTEMPTS,
        reason,
        run_after.isoformat(timespec="seconds"),
    )
    return f"retry at {run_after.isoformat(timespec='seconds')}"


def _describe(error: Exception) -> str:
    # A refused recipient's message carries the address: keep personal data out of the log.
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in error.recipients.values()})
        return f"SMTPRecipientsRefused {codes}"
    return f"{type(error).__name__}: {error}"
