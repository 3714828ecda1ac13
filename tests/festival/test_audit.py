"""The audit trail: festival.sitewide.audit records staff changes, organisers read them."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from festival.sitewide import audit
from tests.festival.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_record_stores_who_did_what_to_which_object(organiser):
    edition = EditionFactory()

    audit.record(user=organiser, objects=[edition], message="Diterbitkan")

    entry = LogEntry.objects.get()
    assert entry.user == organiser
    assert entry.action_flag == CHANGE
    assert entry.object_id == str(edition.pk)
    assert entry.get_edited_object() == edition
    assert entry.get_change_message() == "Diterbitkan"


def test_record_names_an_object_by_its_audit_label_not_its_str(organiser):
    edition = EditionFactory(name="Festival X")
    edition.audit_label = "EDISI-1"

    audit.record(user=organiser, objects=[edition], message="Diubah")

    assert LogEntry.objects.get().object_repr == "EDISI-1"


def test_record_without_a_signed_in_user_records_nothing():
    audit.record(user=None, objects=[EditionFactory()], message="Dibatalkan pemilik tiket")

    assert not LogEntry.objects.exists()


def test_organiser_reads_the_audit_trail_in_the_admin(client, organiser):
    edition = EditionFactory()
    audit.record(user=organiser, objects=[edition], message="Tanggal dipindah")

    response = client.get("/admin/admin/logentry/")

    assert response.status_code == 200
    assert "Tanggal dipindah" in response.text
    assert "panitia" in response.text


def test_audit_trail_cannot_be_edited_even_by_a_superuser(admin_client, admin_user):
    edition = EditionFactory()
    audit.record(user=admin_user, objects=[edition], message="Diubah")
    entry = LogEntry.objects.get()

    add = admin_client.get("/admin/admin/logentry/add/")
    delete = admin_client.post(f"/admin/admin/logentry/{entry.pk}/delete/", {"post": "yes"})

    assert add.status_code == 403
    assert delete.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_desk_staff_cannot_read_the_audit_trail(client, desk_staff, admin_user):
    audit.record(user=admin_user, objects=[EditionFactory()], message="Tanggal dipindah")

    response = client.get("/admin/admin/logentry/")

    assert response.status_code == 403
    assert "Tanggal dipindah" not in response.text
