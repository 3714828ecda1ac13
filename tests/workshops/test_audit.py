"""Every change by staff to a registration is on record in the admin log (the audit trail),
whichever screen it came from, naming the registration by its code and never the person."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from festival.sitewide import retention
from tests.workshops.conftest import NOW
from tests.workshops.factories import RegistrationFactory, workshop_admin_form
from workshops import domain
from workshops.models import Registration, Workshop

CHANGELIST = "/admin/workshops/registration/"
AUDIT_TRAIL = "/admin/admin/logentry/"
NAME = "Siti Aminah"


def action(client, name, registrations):
    return client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [r.pk for r in registrations]},
        follow=True,
    )


def entries_for(registration) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id=str(registration.pk),
        ).order_by("pk")
    )


def assert_no_name_in_the_log(*names):
    for repr_, message in LogEntry.objects.values_list("object_repr", "change_message"):
        for name in names:
            assert name not in repr_
            assert name not in message


def assert_one_entry(registration, *, user, message):
    [entry] = entries_for(registration)
    assert entry.user == user
    assert entry.action_flag == CHANGE
    assert entry.object_repr == registration.code
    assert entry.get_change_message() == message
    return entry


@pytest.fixture
def siti(workshop):
    return RegistrationFactory(workshop=workshop, full_name=NAME)


def test_check_in_action_in_the_admin_is_on_record(client, siti, organiser):
    page = action(client, "check_in_selected", [siti])

    assert "1 pendaftaran dicatat hadir" in page.text
    assert_one_entry(siti, user=organiser, message="Dicatat hadir")
    assert LogEntry.objects.count() == 1
    assert_no_name_in_the_log(NAME)


def test_cancel_action_in_the_admin_is_on_record(client, siti, organiser):
    action(client, "cancel_selected", [siti])

    siti.refresh_from_db()
    assert siti.status == Registration.Status.CANCELLED
    assert_one_entry(siti, user=organiser, message="Dibatalkan oleh panitia")
    assert LogEntry.objects.count() == 1
    assert_no_name_in_the_log(NAME)


def test_cancel_action_records_who_got_the_freed_seat_too(client, workshop, organiser):
    workshop.capacity = 1
    workshop.save()
    holder = RegistrationFactory(workshop=workshop, full_name=NAME)
    waiting = RegistrationFactory(workshop=workshop, full_name="Dwi Noviyanti", status="waitlisted")

    action(client, "cancel_selected", [holder])

    assert_one_entry(holder, user=organiser, message="Dibatalkan oleh panitia")
    assert_one_entry(
        waiting,
        user=organiser,
        message=f"Dipindahkan dari daftar tunggu ke peserta (kursi dari pembatalan {holder.code})",
    )
    assert_no_name_in_the_log(NAME, "Dwi Noviyanti")


def test_promote_action_in_the_admin_is_on_record(client, workshop, organiser):
    waiting = RegistrationFactory(workshop=workshop, full_name=NAME, status="waitlisted")

    action(client, "promote_selected", [waiting])

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert_one_entry(waiting, user=organiser, message="Dipindahkan dari daftar tunggu ke peserta")
    assert LogEntry.objects.count() == 1
    assert_no_name_in_the_log(NAME)


def test_refused_admin_actions_leave_no_record(client, workshop, organiser):
    cancelled = RegistrationFactory(workshop=workshop, full_name=NAME, status="cancelled")
    confirmed = RegistrationFactory(workshop=workshop)

    action(client, "check_in_selected", [cancelled])
    action(client, "cancel_selected", [cancelled])
    action(client, "promote_selected", [confirmed])

    assert not LogEntry.objects.exists()


def test_raising_capacity_in_the_admin_records_each_promotion(client, workshop, organiser):
    workshop.capacity = 1
    workshop.save()
    RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, full_name=NAME, status="waitlisted")
    data = workshop_admin_form(workshop, capacity=2)

    client.post(reverse("admin:workshops_workshop_change", args=[workshop.pk]), data)

    assert_one_entry(
        waiting,
        user=organiser,
        message="Dipindahkan dari daftar tunggu ke peserta (kursi ditambah)",
    )
    # The admin logs the edit of the workshop itself.
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Workshop), object_id=str(workshop.pk)
    ).exists()
    assert_no_name_in_the_log(NAME)


def test_editing_a_registration_in_the_admin_logs_its_code_not_the_name(client, siti, organiser):
    data = {
        "full_name": "Siti Aminah Rahayu",
        "position": siti.position,
        "office_kind": siti.office_kind,
        "kecamatan": siti.kecamatan_id,
        "village": "",
    }

    response = client.post(reverse("admin:workshops_registration_change", args=[siti.pk]), data)

    assert response.status_code == 302
    siti.refresh_from_db()
    assert siti.full_name == "Siti Aminah Rahayu"
    [entry] = entries_for(siti)
    assert entry.user == organiser
    assert entry.object_repr == siti.code
    assert_no_name_in_the_log(NAME)


def test_staff_check_in_on_the_ticket_page_is_on_record(client, siti, organiser):
    page = client.post(reverse("workshops:check-in", args=[siti.secret]), follow=True)

    assert f"{NAME} dicatat hadir." in page.text  # the screen still names the person
    assert_one_entry(siti, user=organiser, message="Dicatat hadir")
    assert_no_name_in_the_log(NAME)


def test_visitor_cancelling_their_own_ticket_leaves_no_record(client, workshop):
    workshop.capacity = 1
    workshop.save()
    siti = RegistrationFactory(workshop=workshop, full_name=NAME)
    waiting = RegistrationFactory(workshop=workshop, status="waitlisted")

    page = client.post(reverse("workshops:cancel", args=[siti.secret]), follow=True)

    assert "Pendaftaran Anda dibatalkan." in page.text
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert not LogEntry.objects.exists()


def test_a_rolled_back_change_leaves_no_record(siti, organiser):
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), transaction.atomic():
        domain.cancel_registration(registration=siti, by=organiser)
        raise Interrupted

    siti.refresh_from_db()
    assert siti.status == Registration.Status.CONFIRMED
    assert not LogEntry.objects.exists()


def test_organiser_reads_the_audit_trail_in_the_admin(client, siti, organiser):
    action(client, "check_in_selected", [siti])

    page = client.get(AUDIT_TRAIL)

    assert page.status_code == 200
    assert siti.code in page.text
    assert "Dicatat hadir" in page.text
    assert organiser.username in page.text
    assert NAME not in page.text


def old_entry(registration, *, user) -> LogEntry:
    """An entry written while Registration's str() still held the person's name."""
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(registration.pk),
        object_repr=f"{registration.code} {registration.full_name}",
        action_flag=ADDITION,
        change_message="",
    )


def test_erasure_takes_the_names_out_of_older_log_entries(workshop, organiser):
    erased = RegistrationFactory(workshop=workshop, full_name=NAME)
    old_entry(erased, user=organiser)
    with time_machine.travel(NOW + datetime.timedelta(days=60), tick=False):
        kept = RegistrationFactory(workshop=workshop, full_name="Dwi Noviyanti")
        old_entry(kept, user=organiser)
        # Another kind of object with the same id is not a registration: left alone.
        other = LogEntry.objects.create(
            user=organiser,
            content_type=ContentType.objects.get_for_model(Workshop),
            object_id=str(erased.pk),
            object_repr="Bedah Smart Kampung",
            action_flag=CHANGE,
        )
        count = retention.erasers()["workshops.registration"](NOW + datetime.timedelta(days=1))

    assert count == 1
    assert [e.object_repr for e in entries_for(erased)] == [erased.code]
    assert [e.object_repr for e in entries_for(kept)] == [f"{kept.code} Dwi Noviyanti"]
    other.refresh_from_db()
    assert other.object_repr == "Bedah Smart Kampung"
    assert_no_name_in_the_log(NAME)


def test_erase_command_leaves_no_name_in_the_admin_log(festival_content, organiser):
    workshop = Workshop.objects.get()
    # Registered and checked in during the shipped 2016 edition, erased the next June.
    with time_machine.travel("2016-12-01 10:00+07:00"):
        siti = RegistrationFactory(workshop=workshop, full_name=NAME)
        old_entry(siti, user=organiser)
        domain.check_in(registration=siti, by=organiser)

    with time_machine.travel(datetime.datetime(2017, 6, 1, tzinfo=datetime.UTC)):
        call_command("erase_personal_data", "--days", "30")

    siti.refresh_from_db()
    assert siti.full_name == ""
    assert [e.object_repr for e in entries_for(siti)] == [siti.code, siti.code]
    assert_no_name_in_the_log(NAME)
