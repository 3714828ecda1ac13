"""The shipped programme (fixtures/20-programme.json): only what the festival's published
account of the 2016 edition says, no more (no invented hours, speakers or items)."""

import datetime

import pytest
import time_machine

from festival.content import load_content
from festival.models import Edition, ProgrammeItem

pytestmark = pytest.mark.django_db


def test_shipped_programme_has_the_opening_on_the_first_day_with_no_hour(festival_content):
    edition = Edition.objects.current()
    opening = ProgrammeItem.objects.get(kind="opening")

    assert opening.date == edition.start_date
    assert opening.start_time is None
    assert opening.untimed == ProgrammeItem.Untimed.TBA
    assert "Bupati Banyuwangi" in opening.title


def test_shipped_programme_has_the_exhibition_and_service_desk_every_day_hours_to_follow(
    festival_content,
):
    edition = Edition.objects.current()

    for kind in ("exhibition", "service_desk"):
        items = ProgrammeItem.objects.filter(kind=kind).order_by("date")
        assert [i.date for i in items] == edition.days
        # Their hours are not in the facts: "Waktu menyusul", never "Sepanjang hari".
        assert all(i.untimed == ProgrammeItem.Untimed.TBA for i in items)


def test_shipped_workshop_waits_for_organisers_to_give_its_day(festival_content):
    workshop = ProgrammeItem.objects.get(kind="workshop")

    assert workshop.day_tba
    assert workshop.start_time is None
    assert "100 staf desa dan kecamatan" in workshop.description
    assert "Smart Kampung" in workshop.description


def test_shipped_programme_invents_no_hour(festival_content):
    assert not ProgrammeItem.objects.filter(start_time__isnull=False).exists()
    assert not ProgrammeItem.objects.filter(end_time__isnull=False).exists()


def test_shipped_programme_is_dated_in_the_2016_edition_whatever_the_day(db):
    with time_machine.travel("2031-03-01 08:00+07:00"):
        load_content()

    edition = Edition.objects.current()
    assert edition.start_date == datetime.date(2016, 12, 14)
    assert {i.date.year for i in ProgrammeItem.objects.all()} == {2016}


def test_shipped_items_pass_their_own_validation(festival_content):
    for item in ProgrammeItem.objects.select_related("edition"):
        item.full_clean()
