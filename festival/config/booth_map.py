"""The booth map, /peta/ (and /<year>/peta/ in every edition's archive): the plan of the yard
with a numbered link per booth, and the same booths as an ordered list saying what is at each
(innovations, desk services, programme items). Composed here because it asks every app; the
plan and the booths belong to the festival app.

Also the short links to share (/i/<id>/, /b/<year>-<number>/): stable, and short enough to
read well in a WhatsApp message."""

import os
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django.views.static import serve

from festival.models import Booth, Edition
from festival.queries import (
    booth_plan_of,
    can_preview,
    edition_of_page,
    edition_url,
    page_context,
    programme_items_by_booth,
)
from festival.sitewide.i18n import localized
from festival.sitewide.links import absolute_url
from innovations.queries import exhibits_by_booth
from innovations.queries import short_link_target as innovation_of_short_link
from services.queries import offerings_by_booth


def _booths_with_what_is_there(edition: Edition, plan) -> list:
    """The plan's booths, each with `here_exhibits`, `here_offerings` and `here_items` (three queries)."""
    exhibits = exhibits_by_booth(edition)
    offerings = offerings_by_booth(edition)
    items = programme_items_by_booth(edition)
    for booth in plan.booth_list:
        booth.here_exhibits = exhibits.get(booth.pk, [])
        booth.here_offerings = offerings.get(booth.pk, [])
        booth.here_items = items.get(booth.pk, [])
    return plan.booth_list


class MapMixin:
    def map_context(self, edition: Edition) -> dict:
        plan = booth_plan_of(edition)
        booths = _booths_with_what_is_there(edition, plan) if plan is not None else []
        return {
            **page_context(self.request, edition, self.kwargs.get("year")),
            "plan": plan,
            "booths": booths,
            "map_url": edition_url("festival:map", edition),
        }


class MapView(MapMixin, TemplateView):
    template_name = "festival/booth_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = edition_of_page(self.request, kwargs.get("year"))
        context.update(self.map_context(edition))
        title = gettext("Peta stan Festival %(year)s") % {"year": edition.year}
        context["og"] = {
            "title": title,
            "description": gettext(
                "Denah halaman festival dengan nomor setiap stan: inovasi yang dipamerkan dan "
                "meja layanan."
            ),
            "url": absolute_url(context["map_url"]),
            "image": absolute_url(context["plan"].image.url) if context["plan"] else "",
        }
        return context


class BoothView(MapMixin, TemplateView):
    """One booth: where it is on the plan (a crop), what is there, its short link to share."""

    template_name = "festival/booth_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = edition_of_page(self.request, kwargs.get("year"))
        context.update(self.map_context(edition))
        booth = next((b for b in context["booths"] if b.number == kwargs["number"]), None)
        if booth is None:
            raise Http404(gettext("Stan tidak ditemukan."))
        short_url = absolute_url(booth.short_path)
        title = gettext("Stan %(number)s: %(label)s") % {
            "number": booth.number,
            "label": localized(booth, "label"),
        }
        what = [localized(e.innovation, "name") for e in booth.here_exhibits]
        what += [localized(o.service, "name") for o in booth.here_offerings]
        context.update(
            booth=booth,
            crop=context["plan"].crop_around(booth),
            short_url=short_url,
            whatsapp_url=f"https://wa.me/?text={quote(f'{title}: {short_url}')}",
            og={
                "title": f"{title} – {gettext('Festival %(year)s') % {'year': edition.year}}",
                "description": ", ".join(what)
                or gettext("Stan di Festival Pelayanan Publik Banyuwangi."),
                "url": short_url,
                "image": absolute_url(context["plan"].image.url),
            },
        )
        return context


@require_GET
def innovation_short_link(request, pk: int):
    """/i/<id>/: the innovation's page (301), whatever its slug has become since."""
    innovation = innovation_of_short_link(pk)
    if innovation is None:
        raise Http404(gettext("Inovasi tidak ditemukan."))
    return HttpResponsePermanentRedirect(innovation.get_absolute_url())


@require_GET
def booth_short_link(request, year: int, number: int):
    """/b/<year>-<number>/: the booth's page of that edition (301): /peta/<number>/ while it is
    the current edition, /<year>/peta/<number>/ after. 404 for an unknown or unpublished one."""
    edition = get_object_or_404(Edition, year=year)
    if not (edition.is_published or can_preview(request.user)):
        raise Http404("No such edition")
    if not Booth.objects.filter(plan__edition=edition, number=number).exists():
        raise Http404(gettext("Stan tidak ditemukan."))
    return HttpResponsePermanentRedirect(edition_url("festival:booth", edition, number=number))


@require_GET
def plan_file(request, path):
    """Plan images when no proxy serves /media/ (e.g. `make serve`), as innovation photos:
    names are unique per upload and never reused, so they may be kept a year."""
    response = serve(request, path, document_root=os.path.join(settings.MEDIA_ROOT, "plans"))
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
