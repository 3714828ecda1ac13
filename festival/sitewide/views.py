"""Pages every site has: robots.txt, the health check, the favicon, the error pages, and the
admin's login with its rate limit."""

import math
import sys

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import UsernameField
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from festival.sitewide import ratelimit
from festival.sitewide.links import absolute_url
from festival.sitewide.middleware import database_unavailable_response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /workshop/tiket/",
        "Disallow: /en/workshop/tiket/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """200 when the database and the cache answer, 503 otherwise (for a load balancer)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = "error"
    try:
        cache.set("healthz", "1", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "1" else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the SVG icon."""
    return redirect(static("img/favicon.svg"))


def bad_request(request, exception=None):
    """400 in the site's look (Django's default renders without the request). A request
    with a Host header not in ALLOWED_HOSTS gets a plain 400: the page's links are built
    from the host, so rendering it would raise again and answer 500."""
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest("Bad Request (400)", content_type="text/plain")
    return render(request, "400.html", status=400)


def server_error(request):
    """The 500 handler. An error that means the database is gone but was raised outside a
    view (where DatabaseUnavailableMiddleware does not see it, e.g. a middleware saving the
    session) still gets the "briefly unavailable" 503; anything else gets the 500 page."""
    response = database_unavailable_response(request, sys.exc_info()[1])
    return response if response is not None else defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: say how to recover, in the site's look."""
    return render(request, "403_csrf.html", status=403)


def admin_login(request, **kwargs):
    """The admin's login, with password guessing slowed down through the shared cache:
    - per address: past settings.RATE_LIMITS["admin-login"] attempts from one address,
      further attempts get a 429;
    - per account: past RATE_LIMITS["admin-login-account"] failed attempts on one username,
      from any number of addresses, that account cannot log in (even with the right
      password, or guessing would go on) until the window ends. The page says how many
      minutes are left, at most the window's 15; the owner waits that long, not longer."""
    if request.method != "POST":
        return admin.site.login(request, **kwargs)
    limit, window = settings.RATE_LIMITS["admin-login"]
    if not ratelimit.allow(
        key=f"admin-login|{ratelimit.client_id(request)}", limit=limit, window=window
    ):
        return render(request, "429.html", status=429)
    username = _account(request.POST.get("username", ""))
    if not username:
        return admin.site.login(request, **kwargs)  # the form says the name is required
    limit, window = settings.RATE_LIMITS["admin-login-account"]
    key = f"admin-login-account|{username}"
    # Counted before the password is checked, so parallel guesses cannot all slip in; a
    # login that succeeds is taken back, so only failures count.
    if not ratelimit.allow(key=key, limit=limit, window=window):
        seconds = ratelimit.seconds_left(window=window)
        response = render(
            request, "429_account.html", {"minutes": math.ceil(seconds / 60)}, status=429
        )
        response["Retry-After"] = str(seconds)
        return response
    response = admin.site.login(request, **kwargs)
    if response.status_code == 302:  # logged in (a failed login shows the form again)
        ratelimit.undo(key=key, window=window)
    return response


def _account(username: str) -> str:
    """The account a login form's username names, as the form reads it (trimmed, NFKC),
    case-folded so that no spelling of one name escapes its count."""
    return (UsernameField().to_python(username) or "").casefold()
