import time_machine
from django.test import RequestFactory, override_settings

from festival.sitewide import ratelimit


def request_from(address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_allow_counts_attempts_per_client_and_scope_within_the_window():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        first = [
            ratelimit.allow(request_from("10.0.0.1"), scope="t", limit=3, window=60)
            for _ in range(4)
        ]
        other_client = ratelimit.allow(request_from("10.0.0.2"), scope="t", limit=3, window=60)
        other_scope = ratelimit.allow(request_from("10.0.0.1"), scope="u", limit=3, window=60)

    assert first == [True, True, True, False]
    assert other_client is True
    assert other_scope is True


def test_allow_opens_again_in_the_next_window():
    with time_machine.travel("2026-12-14 10:00:05+07:00", tick=False):
        for _ in range(3):
            ratelimit.allow(request_from("10.0.0.1"), scope="t", limit=2, window=60)
        assert not ratelimit.allow(request_from("10.0.0.1"), scope="t", limit=2, window=60)
    with time_machine.travel("2026-12-14 10:01:05+07:00", tick=False):
        assert ratelimit.allow(request_from("10.0.0.1"), scope="t", limit=2, window=60)


def test_client_id_ignores_forwarded_for_unless_proxies_are_configured():
    spoofed = request_from("10.0.0.9", forwarded="1.2.3.4")
    assert ratelimit.client_id(spoofed) == "10.0.0.9"
    with override_settings(NUM_PROXIES=1):
        # The proxy appends the real client; anything before it is the client's own claim.
        assert (
            ratelimit.client_id(request_from("10.0.0.9", forwarded="6.6.6.6, 1.2.3.4")) == "1.2.3.4"
        )
