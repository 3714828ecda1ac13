"""Response headers that Django's SecurityMiddleware does not set, the page for a request
that lost the database, the early refusal of oversized request bodies, and the refusal of
text the database cannot store."""

import dataclasses
import logging
import re

import csp.constants
import csp.middleware
import csp.utils
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
        return database_unavailable_response(request, exception)


def database_unavailable_response(request, exception):
    """The "briefly unavailable" 503 for a request whose `exception` means the database is
    gone, or None for any other exception. Used by the middleware above for errors from a
    view, and by the 500 handler for errors raised elsewhere (a middleware saving the
    session), so both answer the same."""
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
        "edition_years": (),
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


# PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded as UTF-8. Django
# decodes invalid UTF-8 in URLs and forms to U+FFFD, so what arrives in practice is NUL: %00 in
# a path, a query or a form, or \000 inside a quoted cookie value.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
unstorable_log = logging.getLogger("django.security.UnstorableText")


def _unstorable(*texts: str) -> bool:
    return any(UNSTORABLE.search(text) for text in texts)


def _unstorable_in(data) -> bool:
    """Any key or value of a QueryDict (GET, POST) or of FILES (field and file names)."""
    for key, values in data.lists():
        texts = [getattr(value, "name", "") or "" for value in values if hasattr(value, "read")]
        texts += [value for value in values if isinstance(value, str)]
        if _unstorable(key, *texts):
            return True
    return False


class UnstorableTextMiddleware:
    """A request whose path, query string, form data or cookies hold text the database
    cannot store (a NUL) is answered 400 in the site's look before any view, form or
    session sees it: on PostgreSQL such a value reaching a query is a 500 (an admin list
    filter `?status__exact=%00`, a session cookie `"…\000…"`). No person types a NUL, so
    nothing a visitor needs is refused. Offending cookies are deleted with the answer, so
    the next request works.

    It sits last among the middleware, so the refusal still gets the language
    (LocaleMiddleware) and the security headers of every page; sessions and users are
    lazy, so nothing has read the cookies from the database yet. It reads the form as the
    CSRF check would a moment later; RequestBodyLimitMiddleware, earlier in the list, has
    refused an oversized body by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad_cookies = [name for name, value in request.COOKIES.items() if _unstorable(value)]
        if (
            bad_cookies
            or _unstorable(request.path_info, request.path)
            or _unstorable_in(request.GET)
            or (request.method == "POST" and _unstorable_in(request.POST))
            or (request.method == "POST" and _unstorable_in(request.FILES))
        ):
            return self.refuse(request, bad_cookies)
        return self.get_response(request)

    def refuse(self, request, bad_cookies):
        unstorable_log.warning(
            "refused text the database cannot store: %s %s",
            request.method,
            ascii(request.path[:200]),
        )
        # The page's language links are built from the path: without the characters.
        request.path = UNSTORABLE.sub("", request.path)
        request.path_info = UNSTORABLE.sub("", request.path_info)
        # Flash messages would load the session, whose cookie may be the offending value.
        response = render(request, "400.html", {"messages": ()}, status=400)
        for name in bad_cookies:
            response.delete_cookie(name)
        return response


# What a view sets on its response to change the policy (csp.decorators), or exempt it.
_CSP_CUSTOM = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the policy built once rather than on every response.

    django-csp builds both headers from the settings for each response (through
    `dataclasses.asdict`): a fifth of a small page's time in Django, measured with cProfile
    on /robots.txt. No page here changes the policy or uses a nonce, so the headers are the
    same on every response until the settings change (the settings' policy objects are kept
    with them, so a test's override gets its own). A response or request that does change it
    (a csp decorator, a nonce) goes through django-csp's own code."""

    _built = None

    def process_response(self, request, response):
        customised = any(hasattr(response, name) for name in _CSP_CUSTOM)
        if customised or getattr(request, "_csp_nonce", None) is not None or settings.DEBUG:
            return super().process_response(request, response)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built = self._built
        if built is None or built[0] is not policy or built[1] is not report_only:
            parts = self.get_policy_parts(request=request, response=response)
            parts_ro = self.get_policy_parts(request=request, response=response, report_only=True)
            built = CSPMiddleware._built = (
                policy,
                report_only,
                csp.utils.build_policy(**dataclasses.asdict(parts)),
                csp.utils.build_policy(**dataclasses.asdict(parts_ro), report_only=True),
            )
        for header, value, config in (
            (csp.constants.HEADER, built[2], policy),
            (csp.constants.HEADER_REPORT_ONLY, built[3], report_only),
        ):
            prefixes = tuple((config or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
            if value and header not in response and not request.path_info.startswith(prefixes):
                response[header] = value
        # As django-csp: a nonce asked for after the header is written is an error.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
