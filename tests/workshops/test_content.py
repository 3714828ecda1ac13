import datetime

from django.core.management import call_command

from festival.sitewide import clock
from workshops.models import Workshop


def test_shipped_workshop_has_100_seats_and_a_window_before_the_festival(festival_content):
    from festival.models import Edition

    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    edition_start = Edition.objects.get().start_date

    assert workshop.capacity == 100
    assert "Smart Kampung" in workshop.description
    assert workshop.date is None and workshop.start_time is None  # not announced
    assert workshop.registration_opens.date() < workshop.registration_closes.date()
    assert workshop.registration_closes.date() < edition_start


def test_shipped_workshop_is_the_programmes_workshop_whose_day_is_not_yet_announced(
    client, festival_content
):
    workshop = Workshop.objects.select_related("programme_item").get()

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert workshop.programme_item.slug == "workshop-pelayanan-publik"
    assert workshop.day is None  # the programme item's date is only a placeholder
    assert "(hari dan jam menyusul)" in page


def test_shipped_workshop_window_moves_with_the_edition(db):
    from festival.content import load_content

    load_content(today=datetime.date(2030, 1, 10))

    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    assert workshop.registration_opens.year == workshop.registration_closes.year == 2030


def test_erase_personal_data_command_runs_the_workshop_eraser(festival_content, capsys):
    import time_machine

    from tests.workshops.factories import RegistrationFactory

    registration = RegistrationFactory(workshop=Workshop.objects.get(), full_name="Siti")
    with time_machine.travel(datetime.datetime(clock.today().year + 1, 6, 1, tzinfo=datetime.UTC)):
        call_command("erase_personal_data", "--days", "30")

    assert "workshops.registration: 1 erased" in capsys.readouterr().out
    registration.refresh_from_db()
    assert registration.full_name == "" and registration.status == "confirmed"


def test_a_workshop_added_after_loading_content_gets_a_new_key(festival_content):
    from tests.workshops.factories import WorkshopFactory

    added = WorkshopFactory()

    assert added.pk != Workshop.objects.get(slug="workshop-pelayanan-publik").pk
