from django.core.management.base import BaseCommand

from festival.content import load_content


class Command(BaseCommand):
    help = (
        "Load the festival's shipped content from fixtures/, moved to the next 14–16 December. "
        "Safe to run again: shipped rows are reset to the fixtures, others are left alone."
    )

    def handle(self, *args, **options):
        counts = load_content()
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS("Festival content loaded."))
