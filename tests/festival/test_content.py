import datetime

import pytest
import time_machine
from django.core.management import call_command

from festival.content import load_content
from festival.models import Edition, ProgrammeItem
from festival.sitewide.models import Kecamatan, Village


@pytest.mark.django_db
def test_load_content_keeps_the_editions_true_dates_whatever_the_day():
    with time_machine.travel("2029-12-20 08:00+07:00"):
        load_content()

    edition = Edition.objects.get()
    assert (edition.start_date, edition.end_date) == (
        datetime.date(2016, 12, 14),
        datetime.date(2016, 12, 16),
    )
    assert [day.strftime("%A") for day in edition.days] == ["Wednesday", "Thursday", "Friday"]
    dates = set(ProgrammeItem.objects.values_list("date", flat=True))
    assert dates <= set(edition.days)


@pytest.mark.django_db
def test_load_content_twice_gives_the_same_database_and_keeps_organisers_rows():
    load_content()
    Kecamatan.objects.create(code="99.99.99", name="Ditambah panitia")
    load_content()

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
