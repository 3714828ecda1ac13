"""The programme pages: the whole programme, one day, and their calendar files."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from festival import calendar as ical
from festival import structured_data
from festival.forms import ProgrammeFilterForm
from festival.models import ProgrammeItem
from festival.programme import programme_of
from festival.queries import current_edition
from festival.sitewide import clock, jsonld
from festival.sitewide.links import absolute_url


class ProgrammeMixin:
    """What the programme pages share: the edition, the kind filter and the clock."""

    def get_edition(self):
        return current_edition()

    def programme_context(self, edition, **extra):
        kind = ProgrammeFilterForm(self.request.GET).kind
        programme = programme_of(edition, moment=clock.now(), kind=kind)
        base_url = absolute_url("/")
        home_url = absolute_url(reverse("festival:home"))
        items = [e.item for day in programme.days for e in day.entries]
        return {
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
        base_url=absolute_url("/"),
    )
    return _calendar_response(content, f"{edition.slug}-{edition.start_date:%Y}.ics")


@require_GET
def item_ics(request, slug):
    """One programme item as an iCalendar file (404 while its day is not announced)."""
    item = get_object_or_404(
        ProgrammeItem.objects.published().select_related("edition"), slug=slug, day_tba=False
    )
    content = ical.single_item_calendar(item, stamp=clock.now(), base_url=absolute_url("/"))
    return _calendar_response(content, f"{item.slug}.ics")
