"""Migrations 0009–0010 give every existing workshop its edition: its programme item's, else
the edition that starts last; then the slug is unique within an edition only."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from workshops.models import Workshop

BEFORE = ("workshops", "0008_registration_window_optional")
EDITIONS = ("festival", "0007_editions_by_year")


@pytest.mark.django_db(transaction=True)
def test_existing_workshops_get_their_programme_items_edition_else_the_latest():
    try:
        call_command("migrate", *BEFORE, verbosity=0)
        call_command("migrate", *EDITIONS, verbosity=0)  # the editions' table as it was then
        old_apps = MigrationExecutor(connection).loader.project_state([BEFORE, EDITIONS]).apps
        Edition = old_apps.get_model("festival", "Edition")
        Item = old_apps.get_model("festival", "ProgrammeItem")
        OldWorkshop = old_apps.get_model("workshops", "Workshop")

        def edition(year, month):
            return Edition.objects.create(
                year=year,
                name="Festival",
                slug=f"festival-{year}",
                start_date=datetime.date(year, month, 14),
                end_date=datetime.date(year, month, 16),
                organiser="Bagian Organisasi",
                about="Pameran.",
            )

        first = edition(2016, 12)
        edition(2027, 10)  # the latest start
        edition(2022, 10)  # created last, starts between: not "the latest"
        item = Item.objects.create(
            edition=first, kind="workshop", title="W", slug="w", date=first.start_date
        )
        OldWorkshop.objects.create(title="Linked", slug="linked", programme_item=item)
        OldWorkshop.objects.create(title="Alone", slug="alone")

        call_command("migrate", verbosity=0)

        editions = dict(Workshop.objects.values_list("slug", "edition__year"))
        assert editions == {"linked": 2016, "alone": 2027}
    finally:
        call_command("migrate", verbosity=0)
