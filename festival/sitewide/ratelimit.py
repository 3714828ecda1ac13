"""A fixed-window rate limit through the shared cache (Redis in production), so every app
server counts the same attempts."""

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


def allow(request, *, scope: str, limit: int, window: int, extra: str = "") -> bool:
    """Count one attempt of this client in `scope`; False once it passes `limit` per `window`
    seconds. `extra` narrows the key (e.g. a reference code being tracked)."""
    bucket = int(clock.now().timestamp()) // window
    raw = f"{scope}|{client_id(request)}|{extra}|{bucket}"
    key = "rl:" + hashlib.sha256(raw.encode()).hexdigest()
    # add() is atomic: only the first request of a window creates the key.
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
