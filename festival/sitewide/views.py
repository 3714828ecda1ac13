"""Pages every site has: robots.txt, the health check, the favicon, the error pages, and the
admin's login with its rate limit."""

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from festival.sitewide import ratelimit
from festival.sitewide.links import absolute_url


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


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: say how to recover, in the site's look."""
    return render(request, "403_csrf.html", status=403)


def admin_login(request, **kwargs):
    """The admin's login, with password guessing slowed down through the shared cache: past
    settings.RATE_LIMITS["admin-login"] attempts from one address, further attempts get a 429."""
    limit, window = settings.RATE_LIMITS["admin-login"]
    if request.method == "POST" and not ratelimit.allow(
        key=f"admin-login|{ratelimit.client_id(request)}", limit=limit, window=window
    ):
        return render(request, "429.html", status=429)
    return admin.site.login(request, **kwargs)
