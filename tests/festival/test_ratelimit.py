import pytest
import time_machine
from django.test import RequestFactory, override_settings

from festival.sitewide import ratelimit
from tests.festival.factories import StaffFactory


def request_from(address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_allow_counts_attempts_per_key_within_the_window():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        first = [ratelimit.allow(key="t|10.0.0.1", limit=3, window=60) for _ in range(4)]
        other_client = ratelimit.allow(key="t|10.0.0.2", limit=3, window=60)
        other_limit = ratelimit.allow(key="u|10.0.0.1", limit=3, window=60)

    assert first == [True, True, True, False]
    assert other_client is True
    assert other_limit is True


def test_allow_opens_again_in_the_next_window():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        for _ in range(3):
            ratelimit.allow(key="t|10.0.0.1", limit=2, window=60)
        assert not ratelimit.allow(key="t|10.0.0.1", limit=2, window=60)
    with time_machine.travel("2026-12-14 10:01:05+07:00", tick=False):
        assert ratelimit.allow(key="t|10.0.0.1", limit=2, window=60)


def test_allow_with_a_key_without_client_counts_every_client_together():
    """What tracking one reference code relies on: the key names the code, not who asks."""
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        answers = [
            ratelimit.allow(key="track-code|ACDE3479", limit=2, window=60)
            for _client in ("10.0.0.1", "10.0.0.2", "10.0.0.3")
        ]

    assert answers == [True, True, False]


def test_client_id_ignores_forwarded_for_unless_proxies_are_configured():
    spoofed = request_from("10.0.0.9", forwarded="1.2.3.4")
    assert ratelimit.client_id(spoofed) == "10.0.0.9"
    with override_settings(NUM_PROXIES=1):
        # The proxy appends the real client; anything before it is the client's own claim.
        assert (
            ratelimit.client_id(request_from("10.0.0.9", forwarded="6.6.6.6, 1.2.3.4")) == "1.2.3.4"
        )


@pytest.mark.django_db
def test_admin_login_limit_comes_from_rate_limits(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "admin-login": (2, 15 * 60)}
    StaffFactory(username="petugas", password="sandi-yang-benar-1")
    guesses = [
        client.post("/admin/login/", {"username": "petugas", "password": f"tebakan-{n}"})
        for n in range(2)
    ]

    refused = client.post(
        "/admin/login/", {"username": "petugas", "password": "sandi-yang-benar-1"}
    )

    assert all('name="password"' in g.content.decode() for g in guesses)  # the form again
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan" in refused.content.decode()


def test_undo_takes_back_one_attempt_of_the_current_window():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        counted = [ratelimit.allow(key="t|akun", limit=2, window=60) for _ in range(2)]
        ratelimit.undo(key="t|akun", window=60)
        third = ratelimit.allow(key="t|akun", limit=2, window=60)
        fourth = ratelimit.allow(key="t|akun", limit=2, window=60)

    assert counted == [True, True]
    assert (third, fourth) == (True, False)


def test_undo_without_attempts_in_the_window_does_nothing():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        ratelimit.undo(key="t|akun", window=60)
        allowed = ratelimit.allow(key="t|akun", limit=1, window=60)

    assert allowed is True


def test_seconds_left_counts_to_the_end_of_the_window():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        assert ratelimit.seconds_left(window=60) == 55
        assert ratelimit.seconds_left(window=15 * 60) == 15 * 60 - 5
