"""The venue's screens (a TV or a tablet, no login, no navigation): /layar/antrian/, who is
called to each counter and the next numbers; /layar/jadwal/, now and next in the programme.

They are ordinary shared pages: kept whole by the page cache (festival/sitewide/pagecache.py)
and answered 304 to a conditional request while unchanged. A ticket, desk or desk day change
makes /layar/antrian/ stale at once (their PAGE_CACHE_SCOPE); the programme is on every page's
generation. What depends only on the clock (the day's desks, now and next) is at most
PAGE_CACHE_SECONDS old. static/js/screen.js refreshes them; see templates/screens/base.html.
"""

from django.urls import path
from django.views.generic import TemplateView

from festival.programme import programme_of
from festival.queries import current_edition
from festival.sitewide import clock
from services.queue import queries as queue_queries


class ScreenView(TemplateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edition"] = current_edition()
        context["screen_now"] = clock.localnow()
        return context


class QueueScreenView(ScreenView):
    template_name = "screens/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["desks"] = queue_queries.screen_desks(context["edition"], clock.today())
        return context


class ProgrammeScreenView(ScreenView):
    template_name = "screens/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = context["edition"]
        context["programme"] = programme_of(edition, moment=clock.now()) if edition else None
        return context


app_name = "screens"
urlpatterns = [
    path("antrian/", QueueScreenView.as_view(), name="queue"),
    path("jadwal/", ProgrammeScreenView.as_view(), name="programme"),
]
