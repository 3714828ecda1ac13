"""The admin login limits failed attempts per account, from every address together, and
says how long the account has to wait (festival.sitewide.views.admin_login)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

PASSWORD = "sandi-yang-benar-1"
# A moment at the start of a 15-minute window of the rate limit (windows start on the epoch).
START = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def owner(db):
    return User.objects.create_user("petugas", password=PASSWORD, is_staff=True)


def login(username: str, password: str, address: str) -> tuple[int, str, Client]:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/", {"username": username, "password": password})
    return response.status_code, response.content.decode(), client


def guess(username: str, times: int, first_address: int = 1) -> list[int]:
    """Wrong passwords for `username`, each from its own address."""
    return [login(username, f"tebakan-{n}", f"10.0.{first_address}.{n}")[0] for n in range(times)]


def test_failed_logins_from_many_addresses_lock_the_account_for_minutes(owner):
    with time_machine.travel(START, tick=False):
        guesses = guess("petugas", 5)
        status, page, client = login("petugas", PASSWORD, "10.9.9.9")

    assert guesses == [200] * 5  # the form again, with its error
    assert status == 429
    assert "Terlalu banyak percobaan masuk yang gagal untuk akun ini" in page
    assert "akun ini baru dapat masuk lagi 15 menit lagi" in page
    assert "_auth_user_id" not in client.session


def test_the_locked_account_is_told_how_many_minutes_are_left(owner):
    with time_machine.travel(START, tick=False):
        guess("petugas", 5)
    with time_machine.travel(START + datetime.timedelta(minutes=11, seconds=30), tick=False):
        client = Client(REMOTE_ADDR="10.9.9.9")
        response = client.post("/admin/login/", {"username": "petugas", "password": PASSWORD})

    assert response.status_code == 429
    assert "akun ini baru dapat masuk lagi 4 menit lagi" in response.content.decode()
    assert response["Retry-After"] == str(3 * 60 + 30)


def test_the_owner_logs_in_once_the_window_is_over(owner):
    with time_machine.travel(START, tick=False):
        guess("petugas", 6)
    with time_machine.travel(START + datetime.timedelta(minutes=15), tick=False):
        status, _page, client = login("petugas", PASSWORD, "10.9.9.9")

    assert status == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_every_spelling_of_the_name_counts_for_the_one_account(owner):
    with time_machine.travel(START, tick=False):
        for n, spelling in enumerate(
            ["petugas", "PETUGAS", " petugas ", "Petugas", "ｐｅｔｕｇａｓ"]
        ):
            login(spelling, "tebakan", f"10.0.1.{n}")
        status, _page, _client = login("petugas", PASSWORD, "10.9.9.9")

    assert status == 429


def test_other_accounts_are_not_locked(owner):
    User.objects.create_user("panitia", password="sandi-panitia-1", is_staff=True)
    with time_machine.travel(START, tick=False):
        guess("petugas", 5)
        status, _page, client = login("panitia", "sandi-panitia-1", "10.0.1.1")

    assert status == 302
    assert "_auth_user_id" in client.session


def test_successful_logins_do_not_count(owner):
    with time_machine.travel(START, tick=False):
        statuses = [login("petugas", PASSWORD, f"10.0.2.{n}")[0] for n in range(8)]

    assert statuses == [302] * 8


def test_a_name_no_account_has_is_locked_alike(db):
    # Whether an account exists is not told by the lock either.
    with time_machine.travel(START, tick=False):
        guess("tidak-ada", 5)
        status, page, _client = login("tidak-ada", "apa-saja", "10.9.9.9")

    assert status == 429
    assert "akun ini baru dapat masuk lagi 15 menit lagi" in page


def test_every_guess_past_the_limit_is_refused(owner, settings):
    with time_machine.travel(START, tick=False):
        statuses = guess("petugas", 12)

    assert statuses.count(200) == settings.RATE_LIMITS["admin-login-account"][0]
    assert statuses[5:] == [429] * 7


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1, "can sign in again in 1 minute."), (15, "can sign in again in 15 minutes.")],
)
def test_the_lock_is_explained_in_english_too(rf, db, minutes, text):
    with translation.override("en"):
        html = render_to_string("429_account.html", {"minutes": minutes}, rf.get("/admin/"))

    assert "Too many failed sign-in attempts for this account" in html
    assert text in html
