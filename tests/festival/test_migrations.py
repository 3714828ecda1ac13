"""Migration 0006 (links refuse backslashes) keeps the programme: a link the new constraint
refuses is emptied, the item and every other link stay."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from festival.models import ProgrammeItem

BEFORE = ("festival", "0005_wilayah_moved_to_sitewide")


@pytest.mark.django_db(transaction=True)
def test_links_to_another_host_are_emptied_and_the_items_kept():
    try:
        call_command("migrate", *BEFORE, verbosity=0)
        old_apps = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
        Edition = old_apps.get_model("festival", "Edition")
        Item = old_apps.get_model("festival", "ProgrammeItem")
        edition = Edition.objects.create(
            name="Festival",
            slug="festival",
            start_date=datetime.date(2026, 12, 14),
            end_date=datetime.date(2026, 12, 16),
        )
        day = datetime.date(2026, 12, 14)
        Item.objects.create(
            edition=edition, kind="other", title="A", slug="a", date=day, link_url="/\\evil.com"
        )
        Item.objects.create(
            edition=edition, kind="other", title="B", slug="b", date=day, link_url="/workshop/"
        )

        call_command("migrate", verbosity=0)

        links = dict(ProgrammeItem.objects.values_list("slug", "link_url"))
        assert links == {"a": "", "b": "/workshop/"}
    finally:
        call_command("migrate", verbosity=0)
