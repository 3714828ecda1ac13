import datetime

import pytest
import time_machine
from django.core.management import call_command

from festival.content import load_content, years_to_move
from festival.models import Edition
from festival.sitewide.models import Kecamatan, Village


@pytest.mark.parametrize(
    ("today", "years"),
    [
        ("2026-11-27", 0),
        ("2026-12-16", 0),  # the last day is still live
        ("2026-12-17", 1),
        ("2031-03-01", 5),
        ("2025-01-01", -1),
    ],
)
def test_years_to_move_reaches_the_next_festival_not_yet_ended(today, years):
    assert (
        years_to_move(
            datetime.date(2026, 12, 14),
            datetime.date(2026, 12, 16),
            datetime.date.fromisoformat(today),
        )
        == years
    )


@pytest.mark.django_db
def test_load_content_moves_the_edition_to_the_next_14_to_16_december():
    with time_machine.travel("2029-12-20 08:00+07:00"):
        load_content()

    edition = Edition.objects.get()
    assert (edition.start_date, edition.end_date) == (
        datetime.date(2030, 12, 14),
        datetime.date(2030, 12, 16),
    )


@pytest.mark.django_db
def test_load_content_twice_gives_the_same_database_and_keeps_organisers_rows():
    load_content(today=datetime.date(2026, 11, 27))
    Kecamatan.objects.create(code="99.99.99", name="Ditambah panitia")
    load_content(today=datetime.date(2026, 11, 27))

    assert Edition.objects.count() == 1
    assert Kecamatan.objects.count() == 26
    assert Village.objects.count() == 217


@pytest.mark.django_db
def test_shipped_wilayah_matches_the_kemendagri_list():
    load_content()

    assert Kecamatan.objects.count() == 25
    assert Village.objects.filter(kind="desa").count() == 189
    assert Village.objects.filter(kind="kelurahan").count() == 28
    singotrunan = Village.objects.select_related("kecamatan").get(code="35.10.16.1015")
    assert (singotrunan.name, singotrunan.kecamatan.name) == ("Singotrunan", "Banyuwangi")
    assert Kecamatan.objects.get(code="35.10.25").villages.count() == 10  # Blimbingsari


@pytest.mark.django_db
def test_load_festival_content_command_reports_what_it_loaded(capsys):
    call_command("load_festival_content")

    out = capsys.readouterr().out
    assert "festival.Edition: 1" in out
    assert "sitewide.Village: 217" in out
