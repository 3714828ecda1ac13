import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from festival.queries import current_edition
from festival.sitewide import clock, retention


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
        last_day_end = datetime.datetime.combine(
            edition.end_date + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=timezone.get_default_timezone(),
        )
        cutoff = last_day_end + datetime.timedelta(days=days)
        if clock.now() < cutoff:
            self.stdout.write(
                f"Nothing erased: personal data is kept until {cutoff:%Y-%m-%d %H:%M %Z}."
            )
            return
        if dry_run:
            self.stdout.write(f"Would erase personal data of records created before {cutoff}.")
            return
        with transaction.atomic():
            for label, eraser in sorted(retention.erasers().items()):
                erased = eraser(cutoff)
                self.stdout.write(f"{label}: {erased} erased")
