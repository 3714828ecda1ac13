"""The home page, composed of sections from every app (the one view allowed to import them
all, with the root URLconf and the sitemaps)."""

from django.urls import reverse
from django.views.generic import TemplateView

from festival import structured_data
from festival.programme import programme_of
from festival.queries import current_edition, edition_of_page, has_booth_plan, page_context
from festival.sitewide import clock, jsonld, offline
from festival.sitewide.links import absolute_url
from innovations.queries import exhibits_of, featured_innovations
from services import queries as services_queries
from services.queue import queries as queue_queries
from services.survey.queries import edition_index as survey_index
from workshops.queries import edition_results as workshop_results


class HomeView(TemplateView):
    template_name = "festival/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = current_edition()
        context["phase"] = edition.phase(clock.today()) if edition else None
        # With no edition ahead the current one is the latest past one: say the next is coming.
        context["announce_next"] = context["phase"] is not None and context["phase"].is_after
        context.update(home_programme_context(self.request, edition))
        context["innovation_highlights"] = featured_innovations(limit=3, edition=edition)
        context["page_edition"] = edition
        return context

    def render_to_response(self, context, **kwargs):
        # The home page opens offline too (now and next, the days).
        response = super().render_to_response(context, **kwargs)
        return offline.mark(self.request, response, context["page_edition"])


def home_programme_context(request, edition) -> dict:
    """The home page's programme: now and next while the festival is on, the days before."""
    if edition is None:
        return {}
    programme = programme_of(edition, moment=clock.now())
    items = [e.item for day in programme.days for e in day.entries]
    home_url = absolute_url(reverse("festival:home"))
    return {
        "programme": programme,
        "festival_jsonld": jsonld.script(
            {
                "@context": "https://schema.org",
                **structured_data.festival_event(edition, items, home_url=home_url),
            }
        ),
    }


class EditionHomeView(TemplateView):
    """An edition's stable home, /<year>/: what it was (or will be), its highlights, and the
    way to its programme, exhibits, workshops and desk services. A past edition's page is
    its archive: read-only, with the results that outlive personal data."""

    template_name = "festival/edition_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = edition_of_page(self.request, kwargs["year"])
        context.update(page_context(self.request, edition, kwargs["year"]))
        context["phase"] = edition.phase(clock.today())
        context["programme"] = programme_of(edition, moment=clock.now())
        # Workshops: the card when the edition has any, their results once it has begun.
        context["workshops"] = workshop_results(edition)
        context["workshop_results"] = (
            [r for r in context["workshops"] if r.registrations]
            if not context["phase"].is_before
            else []
        )
        context["exhibits"] = exhibits_of(edition)
        context["has_booth_plan"] = has_booth_plan(edition)
        context["service_offerings"] = list(services_queries.offerings_of(edition))
        # Results once the edition has begun (before, there is nothing to tell).
        if not context["phase"].is_before:
            context["service_results"] = services_queries.edition_results(edition)
            # The desk queue: numbers given and people served per service, when it gave any.
            context["queue_results"] = queue_queries.edition_results(edition)
        # The survey's card, once anyone served at the edition's desk has a survey code.
        context["survey_index"] = survey_index(edition)
        return context
