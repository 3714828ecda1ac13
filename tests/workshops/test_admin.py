import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from festival.sitewide.groups import ORGANISERS
from tests.workshops.factories import RegistrationFactory, workshop_admin_form
from workshops.models import Registration

CHANGELIST = "/admin/workshops/registration/"


def staff(client, *codenames):
    user = User.objects.create_user("staf", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return user


def action(client, name, registrations, **extra):
    return client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [r.pk for r in registrations], **extra},
        follow=name != "export_csv",
    )


def read_csv(response) -> list[list[str]]:
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.reader(io.StringIO(raw[1:])))


def test_organisers_group_has_the_workshop_permissions(db):
    codenames = set(
        Group.objects.get(name=ORGANISERS).permissions.values_list("codename", flat=True)
    )

    assert {
        "change_workshop",
        "view_registration",
        "change_registration",
        "check_in_registration",
    } <= codenames
    # Full NIP, phone and email need the explicit permission, given to no group.
    assert "view_personal_data" not in codenames
    assert "delete_registration" not in codenames


def test_csv_export_opens_in_a_spreadsheet_and_defuses_formulas(client, workshop, secretariat):
    registration = RegistrationFactory(
        workshop=workshop,
        full_name='=HYPERLINK("http://evil")',
        position="@SUM(A1)",
        phone="+6281234567890",
        nip="198609262015052001",
    )
    RegistrationFactory(workshop=workshop, full_name="Dwi Ñoviyanti")

    rows = read_csv(action(client, "export_csv", Registration.objects.all()))

    assert rows[0][:5] == ["Kode", "Workshop", "Edisi", "Status", "Nama lengkap"]
    mine = next(r for r in rows if r[0] == registration.code)
    assert mine[2] == "2026"
    assert mine[4] == '\'=HYPERLINK("http://evil")'
    assert mine[6] == "'@SUM(A1)"
    assert "0812-3456-7890" in mine and "19860926 201505 2 001" in mine
    assert any("Dwi Ñoviyanti" in r for r in rows)


def test_csv_export_masks_personal_data_for_organisers(client, workshop, organiser):
    RegistrationFactory(workshop=workshop, phone="+6281234567890", nip="198609262015052001")

    rows = read_csv(action(client, "export_csv", Registration.objects.all()))

    assert "••••••••7890" in rows[1]
    assert not any("0812-3456-7890" in cell or "198609262015052001" in cell for cell in rows[1])


def test_changelist_masks_phone_for_organisers(client, workshop, organiser):
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")

    page = client.get(CHANGELIST).content.decode()
    change = client.get(reverse("admin:workshops_registration_change", args=[registration.pk]))

    assert "••••••••7890" in page and "0812-3456-7890" not in page
    assert "+6281234567890" not in change.content.decode()


def test_changelist_shows_phone_to_the_secretariat_and_finds_it_as_typed(
    client, workshop, secretariat
):
    RegistrationFactory(workshop=workshop, phone="+6281234567890", full_name="Siti Aminah")
    RegistrationFactory(workshop=workshop, full_name="Budi")

    page = client.get(CHANGELIST, {"q": "0812-3456-7890"}).content.decode()

    assert "Siti Aminah" in page and "0812-3456-7890" in page
    assert "Budi" not in page


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"status__exact": "waitlisted"}, "Menunggu", "Duduk"),
        ({"hadir": "ya"}, "Duduk", "Menunggu"),
    ],
)
def test_changelist_filters(client, workshop, frozen, params, shown, hidden, organiser):
    RegistrationFactory(workshop=workshop, full_name="Duduk", checked_in_at=frozen_now())
    RegistrationFactory(workshop=workshop, full_name="Menunggu", status="waitlisted")

    page = client.get(CHANGELIST, params).content.decode()

    assert shown in page and hidden not in page


def frozen_now():
    from festival.sitewide import clock

    return clock.now()


def test_cancel_action_promotes_through_the_domain(client, workshop, organiser):
    workshop.capacity = 1
    workshop.save()
    holder = RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status="waitlisted")

    page = action(client, "cancel_selected", [holder]).content.decode()

    assert "1 pendaftaran dibatalkan; 0 dilewati" in page
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_promote_action_refuses_when_no_seat_is_free(client, workshop, organiser):
    workshop.capacity = 1
    workshop.save()
    RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status="waitlisted")

    page = action(client, "promote_selected", [waiting]).content.decode()

    assert "0 pendaftaran mendapat kursi; 1 dilewati" in page
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


def test_check_in_action_checks_in_confirmed_only(client, workshop, organiser):
    confirmed = RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status="waitlisted")

    page = action(client, "check_in_selected", [confirmed, waiting]).content.decode()

    assert "1 pendaftaran dicatat hadir; 1 dilewati" in page
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.checked_in_at is not None and waiting.checked_in_at is None


def test_registrations_cannot_be_added_in_the_admin(client, organiser):
    assert client.get("/admin/workshops/registration/add/").status_code == 403


def test_workshop_page_shows_counts_per_status_and_kecamatan(client, workshop, organiser):
    RegistrationFactory.create_batch(3, workshop=workshop)
    RegistrationFactory(workshop=workshop, status="waitlisted")
    RegistrationFactory(workshop=workshop, status="cancelled")

    page = client.get(
        reverse("admin:workshops_workshop_change", args=[workshop.pk])
    ).content.decode()

    assert "<tr><th scope='row'>Terdaftar</th><td>3</td></tr>" in page
    assert "<tr><th scope='row'>Dibatalkan</th><td>1</td></tr>" in page
    assert "<tr><td>Pesanggaran</td><td>3</td><td>1</td><td>4</td></tr>" in page


def test_adding_seats_in_the_admin_fills_them_from_the_waiting_list_in_order(
    client, workshop, organiser
):
    workshop.capacity = 1
    workshop.save()
    RegistrationFactory(workshop=workshop)
    first, second, third = (
        RegistrationFactory(workshop=workshop, status="waitlisted") for _ in range(3)
    )
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    data = workshop_admin_form(workshop, capacity=3)

    page = client.post(url, data, follow=True).content.decode()

    assert "2 orang dari daftar tunggu mendapat kursi." in page
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[second.pk]) == ("confirmed", "confirmed")
    assert statuses[third.pk] == "waitlisted"


def test_admin_refuses_a_village_outside_the_kecamatan(
    client, workshop, other_kecamatan_village, organiser
):
    registration = RegistrationFactory(workshop=workshop, phone="+6281234567890")
    url = reverse("admin:workshops_registration_change", args=[registration.pk])
    data = {
        "full_name": registration.full_name,
        "nip": "",
        "position": registration.position,
        "office_kind": "other",
        "kecamatan": registration.kecamatan_id,
        "village": other_kecamatan_village.pk,
        "phone": registration.phone,
        "email": "",
    }

    page = client.post(url, data).content.decode()

    assert "Desa Sukorejo tidak berada di Kecamatan Pesanggaran." in page
    registration.refresh_from_db()
    assert registration.village is None
