from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from festival import clock, ical, jsonld, ratelimit
from festival.forms import ProgrammeFilterForm
from festival.models import ProgrammeItem
from festival.programme import programme_of
from festival.queries import current_edition
from innovations.queries import featured_innovations


class HomeView(TemplateView):
    template_name = "festival/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = current_edition()
        context["phase"] = edition.phase(clock.today()) if edition else None
        context.update(home_programme_context(self.request, edition))
        context["innovation_highlights"] = featured_innovations(limit=3)
        return context


def home_programme_context(request, edition) -> dict:
    """The home page's programme: now and next while the festival is on, the days before."""
    if edition is None:
        return {}
    programme = programme_of(edition, moment=clock.now())
    items = [e.item for day in programme.days for e in day.entries]
    home_url = request.build_absolute_uri(reverse("festival:home"))
    return {
        "programme": programme,
        "festival_jsonld": jsonld.script(
            {
                "@context": "https://schema.org",
                **jsonld.festival_event(edition, items, home_url=home_url),
            }
        ),
    }


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /workshop/tiket/",
        "Disallow: /en/workshop/tiket/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
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


class ProgrammeMixin:
    """What the programme pages share: the edition, the kind filter and the clock."""

    def get_edition(self):
        return current_edition()

    def programme_context(self, edition, **extra):
        kind = ProgrammeFilterForm(self.request.GET).kind
        programme = programme_of(edition, moment=clock.now(), kind=kind)
        base_url = self.request.build_absolute_uri("/")
        home_url = self.request.build_absolute_uri(reverse("festival:home"))
        items = [e.item for day in programme.days for e in day.entries]
        return {
            "programme": programme,
            "phase": edition.phase(clock.today()),
            "kind": kind,
            "kinds": ProgrammeItem.Kind.choices,
            "jsonld": jsonld.script(
                jsonld.programme_graph(edition, items, base_url=base_url, home_url=home_url)
            ),
            **extra,
        }


class ProgrammeView(ProgrammeMixin, TemplateView):
    template_name = "festival/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition()
        if edition is not None:
            context.update(self.programme_context(edition))
        return context


class ProgrammeDayView(ProgrammeMixin, TemplateView):
    template_name = "festival/programme_day.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition()
        day = kwargs["day"]
        if edition is None or day not in edition.days:
            raise Http404("Not a day of the festival")
        context.update(self.programme_context(edition))
        days = edition.days
        index = days.index(day)
        context["day"] = context["programme"].days[index]
        context["previous_day"] = days[index - 1] if index > 0 else None
        context["next_day"] = days[index + 1] if index + 1 < len(days) else None
        return context


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def programme_ics(request):
    """The whole published programme as an iCalendar file."""
    edition = current_edition()
    if edition is None:
        raise Http404("No festival edition")
    content = ical.programme_calendar(
        edition,
        list(ProgrammeItem.objects.of_edition(edition)),
        stamp=clock.now(),
        base_url=request.build_absolute_uri("/"),
    )
    return _calendar_response(content, f"{edition.slug}-{edition.start_date:%Y}.ics")


@require_GET
def item_ics(request, slug):
    """One programme item as an iCalendar file (404 while its day is not announced)."""
    item = get_object_or_404(
        ProgrammeItem.objects.published().select_related("edition"), slug=slug, day_tba=False
    )
    content = ical.single_item_calendar(
        item, stamp=clock.now(), base_url=request.build_absolute_uri("/")
    )
    return _calendar_response(content, f"{item.slug}.ics")


ADMIN_LOGIN_LIMIT = 10  # attempts per client address per 15 minutes


def admin_login(request, **kwargs):
    """The admin's login, with password guessing slowed down through the shared cache: after
    ADMIN_LOGIN_LIMIT attempts from one address in 15 minutes, further attempts get a 429."""
    if request.method == "POST" and not ratelimit.allow(
        request, scope="admin-login", limit=ADMIN_LOGIN_LIMIT, window=15 * 60
    ):
        return render(request, "429.html", status=429)
    return admin.site.login(request, **kwargs)
