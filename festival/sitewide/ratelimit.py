"""A fixed-window rate limit through the shared cache (Redis in production), so every app
server counts the same attempts.

Every limit is configured in one place, settings.RATE_LIMITS: a name → (attempts, seconds).
A caller reads its limit there and builds the key that says whose attempts count together,
usually the limit's name and the client's address:

    limit, window = settings.RATE_LIMITS["workshop"]
    ratelimit.allow(key=f"workshop|{ratelimit.client_id(request)}", limit=limit, window=window)
"""

import contextlib
import hashlib
import math

from django.conf import settings
from django.core.cache import cache

from festival.sitewide import clock


def client_id(request) -> str:
    """The client's address, trusting X-Forwarded-For only as far as NUM_PROXIES says."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _cache_key(key: str, window: int) -> str:
    bucket = int(clock.now().timestamp()) // window
    digest = hashlib.sha256(f"{key}|{bucket}".encode()).hexdigest()
    return f"rl:{digest}"


def allow(*, key: str, limit: int, window: int) -> bool:
    """Count one attempt under `key`; False once more than `limit` attempts fell under that
    key in the current window of `window` seconds. Attempts under different keys never count
    together, so a key names both the limit and whose attempts it counts."""
    cache_key = _cache_key(key, window)
    # add() is atomic: only the first request of a window creates the key.
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def undo(*, key: str, window: int) -> None:
    """Take back one attempt counted under `key` in the current window: one that turned out
    not to be what the limit counts (a login that succeeded, for a limit on failed ones).
    Counting first and taking back after keeps the count atomic under parallel attempts."""
    # A ValueError: the window ended meanwhile, and nothing is left to take back.
    with contextlib.suppress(ValueError):
        cache.decr(_cache_key(key, window))


def seconds_left(*, window: int) -> int:
    """Seconds until the current window of `window` seconds ends, when every count under it
    starts again from zero: how long a refused client has to wait, at most."""
    return max(1, math.ceil(window - clock.now().timestamp() % window))
