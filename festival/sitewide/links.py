"""Links to this site, built in one place.

Absolute links (hreflang alternates, the webcal link, JSON-LD, calendar files, the sitemap,
robots.txt, emails) come from SITE_URL, never from the request's Host header: an anonymous page
is kept whole in the shared cache, so a link built from one request's Host would be served to
every later visitor (issue 11: `Host: localhost:31337` did that to /jadwal/).

Paths taken from a request or typed by organisers go through `local_path`, so they can never
become a link to another host."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings

# Browsers read a backslash as a slash and drop tabs and line breaks anywhere in a URL, so
# `/\evil.com` and `/<tab>/evil.com` are both `//evil.com`, a link to another host.
_LEADING_SLASHES = "/\\\t\n\r"


def local_path(path: str) -> str:
    """`path` as a path on this site: exactly one slash at the start, whatever mix of slashes,
    backslashes, tabs and line breaks it began with (`//evil.com/` becomes `/evil.com/`)."""
    return "/" + path.lstrip(_LEADING_SLASHES)


def site_url(path: str) -> str:
    """SITE_URL followed by `path` (a path from reverse() or get_absolute_url())."""
    return settings.SITE_URL.rstrip("/") + path


def absolute_url(location: str) -> str:
    """The absolute URL of a location on this site, from SITE_URL. An http(s) URL with its
    host (a MEDIA_URL on another host) is kept; anything else is a path on this site."""
    parts = urlsplit(location)
    if parts.scheme in ("http", "https") and parts.netloc:
        return location
    return site_url(local_path(location))


def site_scheme() -> str:
    """The scheme of SITE_URL (http or https), for the sitemap."""
    return urlsplit(settings.SITE_URL).scheme or "https"


def site_domain() -> str:
    """The host (and port, if any) of SITE_URL, for the sitemap and calendar UIDs."""
    return urlsplit(settings.SITE_URL).netloc


def webcal_url(path: str) -> str:
    """A calendar subscription link (webcal://host/path) to a calendar file on this site."""
    return f"webcal://{site_domain()}{local_path(path)}"


def query_with(params, **changes) -> str:
    """The query string `params` (a QueryDict) with some parameters changed (None or "" removes
    one), sorted, with its "?" (alone when nothing is left): `{% query_with %}`."""
    lists = dict(params.lists())  # (not QueryDict.copy(): a deep copy, slow in a loop)
    for key, value in changes.items():
        if value is None or value == "":
            lists.pop(key, None)
        else:
            lists[key] = [value]
    encoded = urlencode(sorted((k, v) for k, values in lists.items() for v in values))
    return f"?{encoded}" if encoded else "?"
