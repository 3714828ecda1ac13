from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from festival import domain, tasks


class Command(BaseCommand):
    help = (
        "Erase the personal data (names, NIK, NIP, phones, emails, documents) of workshop "
        "registrations and service requests a given number of days after the festival ended. "
        "Rows stay, so counts per status remain."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=30, help="Days after the festival's last day (default 30)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say whether it would run, change nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        try:
            cutoff = domain.due_personal_data_cutoff(days=days)
        except domain.PersonalDataStillKept as kept:
            self.stdout.write(f"Nothing erased: {kept}.")
            return
        except domain.ErasureRefused as refused:
            raise CommandError(str(refused)) from refused
        if dry_run:
            self.stdout.write(f"Would erase personal data of records created before {cutoff}.")
            return
        # Runs at once with the immediate backend; with the database backend the worker runs it.
        result = tasks.erase_personal_data.enqueue(days=days)
        if not result.is_finished:
            self.stdout.write(f"Erasure queued as task {result.id}; the worker runs it.")
            return
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("The erasure failed and changed nothing (see the log).")
        for label, count in result.return_value.items():
            self.stdout.write(f"{label}: {count} erased")
