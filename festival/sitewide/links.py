"""Absolute links to this site, for places with no request at hand (emails)."""

from django.conf import settings


def site_url(path: str) -> str:
    """SITE_URL followed by `path` (a path from reverse() or get_absolute_url())."""
    return settings.SITE_URL.rstrip("/") + path
