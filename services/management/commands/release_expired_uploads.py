from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from services import tasks


class Command(BaseCommand):
    help = (
        "Delete the document photos held for check-answers pages that have expired (older "
        "than the answers token, two hours): ID photos nobody submitted must not stay. Run it "
        "every 15 minutes from cron; with the database task backend the worker does the "
        "deleting."
    )

    def handle(self, *args, **options):
        # Runs at once with the immediate backend; with the database backend the worker runs it.
        result = tasks.release_expired_uploads.enqueue()
        if not result.is_finished:
            self.stdout.write(f"Release queued as task {result.id}; the worker runs it.")
            return
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("Releasing the expired held photos failed (see the log).")
        self.stdout.write(f"{result.return_value} expired held photo(s) deleted.")
