"""Response headers that Django's SecurityMiddleware does not set, the page for a request
that lost the database, and the early refusal of oversized request bodies."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import add_never_cache_headers

from festival.sitewide.links import local_path

database_log = logging.getLogger("festival.db")
# A PostgreSQL restart takes seconds; clients that honour Retry-After come back after this.
RETRY_AFTER_SECONDS = 30

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class DatabaseUnavailableMiddleware:
    """A request that loses the database (PostgreSQL restarting: OperationalError or
    InterfaceError from the view or its template) gets a 503 "briefly unavailable, press
    again" page with Retry-After, in the visitor's language, instead of the generic server
    error; and the error log says it was the database. The page is rendered without asking
    the database anything (no edition, no session, no user) and is never cached.

    Recovery needs nothing here: Django closes a connection that failed at the end of the
    request, and CONN_HEALTH_CHECKS replaces a kept connection the restart killed before the
    next request uses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        database_log.error(
            "database unavailable, answered 503: %s %s (%s: %s)",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip(),
            exc_info=exception,
        )
        context = {
            # Whatever the context processors would look up in the database.
            "edition": None,
            "messages": (),
            "retry_path": local_path(request.get_full_path()),
        }
        response = render(request, "503.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than settings.MAX_REQUEST_BODY with a
    413 page (the site's look, the visitor's language) before anything reads the body, so an
    oversized upload costs neither a temporary file nor a worker's time.

    Django reads no more than CONTENT_LENGTH, so a body without one is read as empty; the
    proxy in front (nginx `client_max_body_size`, see the README) refuses the same sizes
    before they reach a worker at all. Place it after LocaleMiddleware and before anything
    that reads request.POST (CsrfViewMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BODY
        if limit and length > limit:
            context = {"limit": filesizeformat(limit)}
            response = render(request, "413.html", context, status=413)
            add_never_cache_headers(response)
            # The client may still be sending the body: it is not read, so close.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
