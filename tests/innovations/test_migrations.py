"""Migration 0006 (exhibits per edition): a booth filled on an innovation becomes its exhibit
at the edition with the latest start date; with nothing filled, or no edition, nothing is
made."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from innovations.models import Exhibit

BEFORE = [("innovations", "0005_formal_register_texts"), ("festival", "0007_editions_by_year")]


def _old_apps():
    call_command("migrate", "innovations", "0005_formal_register_texts", verbosity=0)
    # The editions' table as it was then (later migrations added columns).
    call_command("migrate", "festival", "0007_editions_by_year", verbosity=0)
    return MigrationExecutor(connection).loader.project_state(BEFORE).apps


def _innovation(apps, name, **fields):
    Agency = apps.get_model("innovations", "Agency")
    Theme = apps.get_model("innovations", "Theme")
    agency, _ = Agency.objects.get_or_create(name="Dinas", slug="dinas")
    theme, _ = Theme.objects.get_or_create(name="Tema", slug="tema")
    return apps.get_model("innovations", "Innovation").objects.create(
        name=name, slug=name.lower(), summary="Ringkasan.", agency=agency, theme=theme, **fields
    )


@pytest.mark.django_db(transaction=True)
def test_filled_booths_become_exhibits_of_the_latest_edition():
    try:
        apps = _old_apps()
        Edition = apps.get_model("festival", "Edition")
        for year in (2016, 2022):
            Edition.objects.create(
                year=year,
                name="Festival",
                slug=f"festival-{year}",
                start_date=datetime.date(year, 10, 5),
                end_date=datetime.date(year, 10, 8),
                venue_name="Halaman",
                organiser="Panitia",
                about="Tentang.",
            )
        _innovation(apps, "Berstan", booth="A-3", booth_en="A-3 (east)")
        _innovation(apps, "Inggris", booth="", booth_en="B-1")
        _innovation(apps, "Tanpa")

        call_command("migrate", verbosity=0)

        assert sorted(
            Exhibit.objects.values_list("edition__year", "innovation__name", "booth", "booth_en")
        ) == [(2022, "Berstan", "A-3", "A-3 (east)"), (2022, "Inggris", "", "B-1")]
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_without_an_edition_no_exhibit_is_made():
    try:
        apps = _old_apps()
        _innovation(apps, "Berstan", booth="A-3")

        call_command("migrate", verbosity=0)

        assert not Exhibit.objects.exists()
    finally:
        call_command("migrate", verbosity=0)
