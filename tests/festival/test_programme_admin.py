"""Organisers edit the programme in the admin; the site shows a change at once."""

import datetime

import pytest

from festival.models import ProgrammeItem
from tests.festival.factories import EditionFactory, ProgrammeItemFactory

pytestmark = pytest.mark.django_db


def item_form(item, **changes):
    data = {
        "edition": item.edition_id,
        "kind": item.kind,
        "title": item.title,
        "title_en": "",
        "slug": item.slug,
        "is_published": "on",
        "date": item.date.isoformat(),
        "start_time": "",
        "end_time": "",
        "untimed": item.untimed,
        "order": "0",
        "place": item.place,
        "place_en": "",
        "description": "",
        "description_en": "",
        "link_url": "",
    }
    data.update(changes)
    return data


def test_admin_change_shows_on_the_programme_at_once(client, organiser):
    item = ProgrammeItemFactory(title="Diskusi")
    client.get("/jadwal/")  # the edition is now cached, as on a busy site

    response = client.post(
        f"/admin/festival/programmeitem/{item.pk}/change/",
        item_form(item, title="Diskusi inovasi desa", start_time="09:00", end_time="10:00"),
    )

    assert response.status_code == 302
    page = client.get("/jadwal/").content.decode()
    assert "Diskusi inovasi desa" in page
    assert "09.00</time>–" in page


def test_admin_refuses_an_end_before_the_start_with_a_message(client, organiser):
    item = ProgrammeItemFactory()

    response = client.post(
        f"/admin/festival/programmeitem/{item.pk}/change/",
        item_form(item, start_time="10:00", end_time="09:00"),
    )

    assert "Jam selesai harus sesudah jam mulai." in response.content.decode()
    item.refresh_from_db()
    assert item.start_time is None


def test_admin_refuses_a_date_outside_the_festival(client, organiser):
    item = ProgrammeItemFactory()

    response = client.post(
        f"/admin/festival/programmeitem/{item.pk}/change/", item_form(item, date="2026-12-20")
    )

    assert "Tanggal acara harus di antara" in response.content.decode()
    item.refresh_from_db()
    assert item.date == datetime.date(2026, 12, 14)


def test_admin_list_filters_by_festival_day(client, organiser):
    edition = EditionFactory()
    ProgrammeItemFactory(edition=edition, title="Hari pertama")
    ProgrammeItemFactory(edition=edition, title="Hari kedua", date=datetime.date(2026, 12, 15))
    ProgrammeItemFactory(edition=edition, title="Belum ada hari", day_tba=True)

    by_day = client.get("/admin/festival/programmeitem/", {"hari": "2026-12-15"})
    unscheduled = client.get("/admin/festival/programmeitem/", {"hari": "menyusul"})

    assert "Hari kedua" in by_day.content.decode()
    assert "Hari pertama" not in by_day.content.decode()
    assert "Belum ada hari" in unscheduled.content.decode()
    assert "Hari kedua" not in unscheduled.content.decode()


def test_admin_list_filters_by_kind(client, organiser):
    ProgrammeItemFactory(title="Pameran hari ini", kind="exhibition")
    ProgrammeItemFactory(title="Workshop desa", kind="workshop")

    response = client.get("/admin/festival/programmeitem/", {"kind__exact": "workshop"})

    assert "Workshop desa" in response.content.decode()
    assert "Pameran hari ini" not in response.content.decode()


def test_admin_adds_an_item_inline_under_the_edition(client, organiser):
    edition = EditionFactory()

    response = client.get(f"/admin/festival/edition/{edition.pk}/change/")

    assert 'name="items-__prefix__-slug"' in response.content.decode()
    assert 'name="items-__prefix__-day_tba"' in response.content.decode()
    assert ProgrammeItem.objects.count() == 0


@pytest.mark.parametrize("link", ["/\\evil.com", "/\\/evil.com/", "/jadwal/\\evil", "/\t/evil.com"])
def test_admin_refuses_a_link_a_browser_reads_as_another_host(client, organiser, link):
    item = ProgrammeItemFactory(title="Diskusi")

    response = client.post(
        f"/admin/festival/programmeitem/{item.pk}/change/", item_form(item, link_url=link)
    )

    assert response.status_code == 200
    assert "Tautan tidak boleh berisi garis miring terbalik" in response.content.decode()
    item.refresh_from_db()
    assert item.link_url == ""
