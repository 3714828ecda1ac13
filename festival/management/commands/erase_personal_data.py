from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from festival import tasks
from festival.queries import current_edition
from festival.sitewide import clock


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
        if days < 0:
            raise CommandError("--days cannot be negative.")
        edition = current_edition()
        if edition is None:
            raise CommandError("There is no published festival edition.")
        cutoff = tasks.personal_data_cutoff(edition=edition, days=days)
        if clock.now() < cutoff:
            self.stdout.write(
                f"Nothing erased: personal data is kept until {cutoff:%Y-%m-%d %H:%M %Z}."
            )
            return
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
        for label, erased in result.return_value.items():
            self.stdout.write(f"{label}: {erased} erased")
