import datetime

import pytest

from services.queue.models import Desk, DeskDay
from tests.queue.factories import TicketFactory
from tests.services.factories import OfferingFactory

pytestmark = pytest.mark.django_db


def test_organiser_sets_a_desk_and_its_days_in_the_admin(frozen, edition, organiser_client):
    offering = OfferingFactory(edition=edition)
    form = {
        "offering": offering.pk,
        "prefix": "KIA",
        "counters": "2",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-day": "2026-12-14",
        "days-0-opens_at": "08:00",
        "days-0-closes_at": "12:00",
        "days-0-slot_minutes": "30",
        "days-0-quota": "10",
        "days-0-walk_in_share": "20",
        "days-0-walk_in_unit": "percent",
        "days-0-grace_minutes": "15",
        "days-0-arrival_margin_minutes": "30",
        "days-1-day": "2026-12-15",
        "days-1-opens_at": "",
        "days-1-closes_at": "",
        "days-1-slot_minutes": "30",
        "days-1-quota": "10",
        "days-1-walk_in_share": "0",
        "days-1-walk_in_unit": "count",
        "days-1-grace_minutes": "15",
        "days-1-arrival_margin_minutes": "30",
    }
    response = organiser_client.post("/admin/queue/desk/add/", form)
    assert response.status_code == 302
    desk = Desk.objects.get()
    assert [(d.day, d.opens_at, d.online_quota) for d in desk.days.all()] == [
        (datetime.date(2026, 12, 14), datetime.time(8, 0), 8),
        (datetime.date(2026, 12, 15), None, 10),
    ]


def test_admin_refuses_a_day_outside_the_festival_and_hours_out_of_order(
    frozen, edition, organiser_client
):
    offering = OfferingFactory(edition=edition)
    form = {
        "offering": offering.pk,
        "prefix": "KIA",
        "counters": "1",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-day": "2026-12-20",
        "days-0-opens_at": "12:00",
        "days-0-closes_at": "08:00",
        "days-0-slot_minutes": "30",
        "days-0-quota": "10",
        "days-0-walk_in_share": "0",
        "days-0-walk_in_unit": "percent",
        "days-0-grace_minutes": "15",
        "days-0-arrival_margin_minutes": "30",
    }
    response = organiser_client.post("/admin/queue/desk/add/", form)
    text = response.content.decode()
    assert "Tanggal ini bukan hari festival edisi tersebut." in text
    assert "Jam tutup harus setelah jam buka." in text
    assert DeskDay.objects.count() == 0 and Desk.objects.count() == 0


def test_desk_staff_read_desks_but_do_not_edit_them(frozen, desk_client):
    assert desk_client.get("/admin/queue/desk/").status_code == 200
    assert desk_client.get("/admin/queue/desk/add/").status_code == 403


def test_ticket_admin_shows_the_email_read_only_beside_the_phone(
    frozen, desk_day, organiser_client
):
    ticket = TicketFactory(desk_day=desk_day, phone="+6281234567890", email="siti@contoh.id")
    response = organiser_client.get(f"/admin/queue/ticket/{ticket.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "siti@contoh.id" in html and "+6281234567890" in html
    assert 'name="email"' not in html  # read-only, like every field of a ticket
