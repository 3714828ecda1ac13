"""Helpers for tests of background tasks: the production backend, its worker run once in the
test's process, and a mail server that is down."""

import signal
import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

# The production backend (TASKS_BACKEND=database): tasks wait in the database for the worker.
database_tasks = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)


class DownEmailBackend(BaseEmailBackend):
    """A mail server that is down: every send fails as smtplib fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that refuses the recipient (the error carries the address)."""

    def send_messages(self, email_messages):
        recipients = [a for m in email_messages for a in m.recipients()]
        raise smtplib.SMTPRecipientsRefused(
            {a: (550, b"No such user " + a.encode()) for a in recipients}
        )


mail_server_down = override_settings(EMAIL_BACKEND="tests.tasks.DownEmailBackend")


def run_worker() -> None:
    """What `manage.py db_worker --batch` does in production, once: run every task that is
    due, then stop. Keeps the test process's own signal handlers."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {s: signal.getsignal(s) for s in signals}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)


def waiting_tasks() -> list[DBTaskResult]:
    """Tasks stored and not yet run, soonest first."""
    return list(DBTaskResult.objects.filter(status="READY").order_by("run_after"))
