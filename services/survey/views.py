"""The published index: /survei/hasil/ for the current edition, /<year>/survei/hasil/ for any
published edition (the archive). Suggestions are never shown here."""

from django.views.generic import TemplateView

from festival.queries import edition_of_page, page_context
from festival.sitewide.i18n import localized
from services.survey import charts, queries


def _service_name(service) -> str:
    return localized(service, "name")


def results_context(edition) -> dict:
    """What the public page and the admin's printable report both show."""
    results = queries.edition_results(edition)
    return {
        "results": results,
        "index": results.index,
        "element_chart": charts.element_chart(results.index),
        "service_chart": charts.service_chart(results.services, name=_service_name),
    }


class SurveyResultsView(TemplateView):
    template_name = "survey/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = kwargs.get("year")
        edition = edition_of_page(self.request, year)
        context.update(page_context(self.request, edition, year))
        context.update(results_context(edition))
        return context
