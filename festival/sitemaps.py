from django.urls import reverse

from festival.models import Edition
from festival.queries import edition_url, is_current
from festival.sitewide.sitemaps import BilingualSitemap


class ProgrammeSitemap(BilingualSitemap):
    """One page per festival day, of every published edition (the current one at /jadwal/,
    the others in their archive, /<year>/jadwal/)."""

    def items(self):
        return [
            (edition, day)
            for edition in Edition.objects.published().order_by("start_date")
            for day in edition.days
        ]

    def location(self, item):
        edition, day = item
        return edition_url("festival:programme-day", edition, day=day)


class EditionSitemap(BilingualSitemap):
    """Every published edition's home (/2016/) and programme (/2016/jadwal/)."""

    def items(self):
        return [
            (edition, name)
            for edition in Edition.objects.published().order_by("start_date")
            for name in ("festival:home", "festival:programme")
            # The current edition's programme is listed once, at /jadwal/.
            if not (name == "festival:programme" and is_current(edition))
        ]

    def location(self, item):
        edition, name = item
        return reverse(name, kwargs={"year": edition.year})
