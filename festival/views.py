"""The programme pages: the whole programme, one day, and their calendar files."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from festival import calendar as ical
from festival import structured_data
from festival.forms import ProgrammeFilterForm
from festival.models import ProgrammeItem
from festival.programme import programme_of
from festival.queries import edition_of_page, edition_url, page_context
from festival.sitewide import clock, jsonld, offline
from festival.sitewide.links import absolute_url


class ProgrammeMixin:
    """What the programme pages share: the edition (the current one, or the one of the
    URL's year), the kind filter and the clock."""

    def get_edition(self, *, missing_ok=False):
        return edition_of_page(self.request, self.kwargs.get("year"), missing_ok=missing_ok)

    def programme_context(self, edition, **extra):
        kind = ProgrammeFilterForm(self.request.GET).kind
        programme = programme_of(edition, moment=clock.now(), kind=kind)
        base_url = absolute_url("/")
        home_url = absolute_url(edition_url("festival:home", edition))
        items = [e.item for day in programme.days for e in day.entries]
        return {
            **page_context(self.request, edition, self.kwargs.get("year")),
            "programme": programme,
            "phase": edition.phase(clock.today()),
            "kind": kind,
            "kinds": ProgrammeItem.Kind.choices,
            "jsonld": jsonld.script(
                structured_data.programme_graph(
                    edition, items, base_url=base_url, home_url=home_url
                )
            ),
            **extra,
        }

    def render_to_response(self, context, **kwargs):
        # The programme opens offline on a phone that saw it (festival/sitewide/offline.py).
        response = super().render_to_response(context, **kwargs)
        return offline.mark(self.request, response, context.get("edition"))


class ProgrammeView(ProgrammeMixin, TemplateView):
    template_name = "festival/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition(missing_ok=True)
        if edition is not None:
            context.update(self.programme_context(edition))
        return context


class ProgrammeDayView(ProgrammeMixin, TemplateView):
    template_name = "festival/programme_day.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition()
        day = kwargs["day"]
        if day not in edition.days:
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
def programme_ics(request, year=None):
    """The whole published programme of an edition as an iCalendar file (also of a past
    edition: its archive keeps its calendar)."""
    edition = edition_of_page(request, year)
    content = ical.programme_calendar(
        edition,
        list(ProgrammeItem.objects.of_edition(edition).select_related("edition")),
        stamp=clock.now(),
        base_url=absolute_url("/"),
    )
    return _calendar_response(content, f"festival-{edition.year}.ics")


@require_GET
def item_ics(request, slug, year=None):
    """One programme item as an iCalendar file (404 while its day is not announced)."""
    edition = edition_of_page(request, year)
    item = get_object_or_404(
        ProgrammeItem.objects.filter(is_published=True, edition=edition).select_related("edition"),
        slug=slug,
        day_tba=False,
    )
    content = ical.single_item_calendar(item, stamp=clock.now(), base_url=absolute_url("/"))
    return _calendar_response(content, f"{item.slug}.ics")
