import datetime
import zoneinfo

from django.core.management import call_command

from workshops.models import Workshop


def test_shipped_workshop_has_100_seats_and_states_no_invented_registration_window(
    festival_content,
):
    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")

    assert workshop.capacity == 100
    assert "Smart Kampung" in workshop.description
    assert workshop.date is None and workshop.start_time is None  # not announced
    assert workshop.registration_opens is None and workshop.registration_closes is None


def test_shipped_workshop_registration_closes_when_the_2016_festival_starts(festival_content):
    workshop = Workshop.objects.select_related("programme_item__edition").get()

    assert workshop.closes_at == datetime.datetime(
        2016, 12, 14, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")
    )


def test_shipped_workshop_is_the_programmes_workshop_whose_day_is_not_yet_announced(
    client, festival_content
):
    workshop = Workshop.objects.select_related("programme_item").get()

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert workshop.programme_item.slug == "workshop-pelayanan-publik"
    assert workshop.day is None  # the programme item's date is only a placeholder
    assert "(hari dan jam menyusul)" in page


def test_erase_personal_data_command_runs_the_workshop_eraser(festival_content, capsys):
    import time_machine

    from tests.workshops.factories import RegistrationFactory

    # Registered in the run-up of the shipped 2016 edition, erased the next June.
    with time_machine.travel("2016-12-01 10:00+07:00"):
        registration = RegistrationFactory(workshop=Workshop.objects.get(), full_name="Siti")
    with time_machine.travel(datetime.datetime(2017, 6, 1, tzinfo=datetime.UTC)):
        call_command("erase_personal_data", "--days", "30")

    assert "workshops.registration: 1 erased" in capsys.readouterr().out
    registration.refresh_from_db()
    assert registration.full_name == "" and registration.status == "confirmed"


def test_a_workshop_added_after_loading_content_gets_a_new_key(festival_content):
    from tests.workshops.factories import WorkshopFactory

    added = WorkshopFactory()

    assert added.pk != Workshop.objects.get(slug="workshop-pelayanan-publik").pk
