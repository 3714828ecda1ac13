"""A fixed-window rate limit through the shared cache (Redis in production), so every app
server counts the same attempts.

Every limit is configured in one place, settings.RATE_LIMITS: a name → (attempts, seconds).
A caller reads its limit there and builds the key that says whose attempts count together,
usually the limit's name and the client's address:

    limit, window = settings.RATE_LIMITS["workshop"]
    ratelimit.allow(key=f"workshop|{ratelimit.client_id(request)}", limit=limit, window=window)
"""

import hashlib

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


def allow(*, key: str, limit: int, window: int) -> bool:
    """Count one attempt under `key`; False once more than `limit` attempts fell under that
    key in the current window of `window` seconds. Attempts under different keys never count
    together, so a key names both the limit and whose attempts it counts."""
    bucket = int(clock.now().timestamp()) // window
    digest = hashlib.sha256(f"{key}|{bucket}".encode()).hexdigest()
    cache_key = f"rl:{digest}"
    # add() is atomic: only the first request of a window creates the key.
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit
