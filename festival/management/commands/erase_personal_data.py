from django.core.management.base import BaseCommand, CommandError

from festival import domain


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
            if dry_run:
                cutoff = domain.due_personal_data_cutoff(days=days)
                self.stdout.write(f"Would erase personal data of records created before {cutoff}.")
                return
            erased = domain.erase_personal_data(days=days)
        except domain.PersonalDataStillKept as kept:
            self.stdout.write(f"Nothing erased: {kept}.")
            return
        except domain.ErasureRefused as refused:
            raise CommandError(str(refused)) from refused
        for label, count in erased.items():
            self.stdout.write(f"{label}: {count} erased")
