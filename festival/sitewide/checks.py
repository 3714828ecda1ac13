"""System checks for production (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(deploy=True)
def tasks_leave_the_request(app_configs, **kwargs):
    """In production, emails and the erasure must run in the task worker: with the immediate
    backend a slow or failing mail server slows or fails the visitor's page again."""
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        return [
            checks.Warning(
                "Tasks run inside the visitor's request (the immediate task backend).",
                hint="Set TASKS_BACKEND=database and run the task worker (make worker).",
                id="sitewide.W001",
            )
        ]
    return []
