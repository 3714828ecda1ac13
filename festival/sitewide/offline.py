"""Pages that open without a connection: the participant's own ticket and the programme.

A service worker (`/sw.js`, rendered from templates/offline/sw.js) keeps a copy of a page on
the visitor's phone only when the server marks the response with the opt-in header
`X-Offline-Copy: keep; max-age=<seconds>`. The server marks only:
- the home page and the programme pages (whole, one day) of a published edition, and
- a workshop ticket or a desk-queue ticket,
and only for a visitor who is not logged in (the ticket's holder: a steward or desk officer
opening tickets on their phone is logged in, so their phone keeps none). Every response to a
logged-in visitor says `X-Offline-Copy: forget-all` instead, and the worker then deletes every
page it kept (see OfflineCopyMiddleware). Anything unmarked the worker never keeps, and a
marked page answered later without the mark, or with 404/410 (a ticket erased after the
festival), is deleted from the phone.

A copy is kept until the end of the day after the edition's last day (`max-age` counts from
the server's clock, so a rehearsal clock or a phone with a wrong clock changes nothing);
after that the worker neither shows nor keeps it.

OFFLINE_PAGES=False (the kill switch) turns all of it off: no page names the worker or carries
the header, and /sw.js becomes a worker that deletes its copies and unregisters itself.
"""

import datetime
import json

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET

from festival.sitewide import clock

HEADER = "X-Offline-Copy"
FORGET_ALL = "forget-all"
# Bumped when what the worker stores changes shape: the new worker then drops old copies.
PAGES_CACHE = "fpp-pages-v1"
STATIC_CACHE = "fpp-static-v1"
# How long a network answer may take before the worker shows the kept copy instead (it keeps
# waiting for the network in the background and saves the fresh page when it comes).
NETWORK_TIMEOUT_MS = 3000
# The files every kept page needs, saved when the worker installs.
ASSETS = ("css/site.css", "css/print.css", "js/site.js", "img/favicon.svg")


def enabled() -> bool:
    return getattr(settings, "OFFLINE_PAGES", True)


def _logged_in(request) -> bool:
    # Without a session cookie nobody is logged in; asking request.user would read the
    # session and add "Vary: Cookie", which keeps the page out of the shared page cache.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def keep_seconds(edition) -> int:
    """Seconds from now until a copy of `edition`'s pages stops being useful: the end of the
    day after its last day, in Banyuwangi's time (0 when that is past)."""
    end = datetime.datetime.combine(
        edition.end_date + datetime.timedelta(days=2), datetime.time.min
    )
    until = timezone.make_aware(end, timezone.get_default_timezone())
    return max(0, int((until - clock.now()).total_seconds()))


def mark(request, response, edition):
    """Let the worker keep this response on the visitor's phone: a 200 of a published
    `edition` that is not over yet, to a visitor who is not logged in. Returns `response`."""
    if not enabled() or edition is None or response.status_code != 200:
        return response
    if not edition.is_published or _logged_in(request):
        return response
    seconds = keep_seconds(edition)
    if seconds:
        response[HEADER] = f"keep; max-age={seconds}"
    return response


class OfflineCopyMiddleware:
    """Every response to a logged-in visitor tells the worker to forget every page it kept:
    a phone someone uses as staff keeps no one's ticket (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Pages only (the worker looks at nothing else); not an error page, which must not
        # ask the database (a 503 while it restarts).
        if (
            enabled()
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and _logged_in(request)
        ):
            response[HEADER] = FORGET_ALL
        return response


@require_GET
def service_worker(request):
    """/sw.js at the site's root, so its scope covers / and /en/. Never cached anywhere
    (the browser checks it for a new version on every visit)."""
    config = {
        "pages": PAGES_CACHE,
        "static": STATIC_CACHE,
        "assets": [static(name) for name in ASSETS],
        "timeout": NETWORK_TIMEOUT_MS,
        "header": HEADER,
    }
    template = "offline/sw.js" if enabled() else "offline/sw_off.js"
    # "<" escaped: the JSON sits in a script; nothing in it comes from a visitor anyway.
    body = render_to_string(
        template, {"config": json.dumps(config, sort_keys=True).replace("<", "\\u003c")}
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache, max-age=0"
    return response
