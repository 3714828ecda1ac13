import pytest

from festival.models import Edition
from tests.festival.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_admin_is_titled_for_the_festival(admin_client):
    html = admin_client.get("/admin/").content.decode()

    assert "Festival Pelayanan Publik Banyuwangi" in html


def test_organiser_edits_the_edition_and_the_home_page_shows_it_at_once(
    client, organiser, festival_content
):
    edition = Edition.objects.get()
    client.get("/")  # the edition is now cached for the header and footer
    data = {
        "year": "2016",
        "name": "Festival Pelayanan Publik Banyuwangi",
        "name_en": "",
        "slug": edition.slug,
        "tagline": "Layanan makin dekat",
        "tagline_en": "",
        "is_published": "on",
        "start_date": "2016-12-14",
        "end_date": "2016-12-16",
        "opening_hours": "08.00–16.00 WIB",
        "opening_hours_en": "",
        "venue_name": edition.venue_name,
        "venue_name_en": "",
        "venue_address": "",
        "venue_locality": "Banyuwangi",
        "venue_region": "Jawa Timur",
        "latitude": "",
        "longitude": "",
        "free_entry": "on",
        "organiser": edition.organiser,
        "organiser_en": "",
        "about": edition.about,
        "about_en": "",
        "highlights": "",
        "highlights_en": "",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }

    response = client.post(f"/admin/festival/edition/{edition.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/").content.decode()
    assert "Layanan makin dekat" in html
    assert "08.00–16.00 WIB" in html


def test_admin_login_slows_down_password_guessing(client):
    StaffFactory(username="petugas", password="sandi-yang-benar-1")
    # One address trying many accounts (one account is limited sooner on its own:
    # tests/festival/test_admin_login.py).
    attempts = [
        client.post(
            "/admin/login/", {"username": f"petugas-{n}", "password": f"tebakan-{n}"}
        ).status_code
        for n in range(10)
    ]

    refused = client.post(
        "/admin/login/", {"username": "petugas", "password": "sandi-yang-benar-1"}
    )

    assert attempts == [200] * 10  # the login form again, with its error
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works_within_the_limit(client):
    StaffFactory(username="petugas", password="sandi-yang-benar-1")

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "petugas", "password": "sandi-yang-benar-1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
