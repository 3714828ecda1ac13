from django.core.management.base import BaseCommand

from services import uploads


class Command(BaseCommand):
    help = (
        "Delete the document photos held for check-answers pages that have expired (older "
        "than the answers token, two hours): ID photos nobody submitted must not stay. Run it "
        "every 15 minutes from cron."
    )

    def handle(self, *args, **options):
        deleted = uploads.release_expired()
        self.stdout.write(f"{deleted} expired held photo(s) deleted.")
