from django.urls import reverse

from festival.queries import current_edition
from festival.sitewide.sitemaps import BilingualSitemap


class ProgrammeSitemap(BilingualSitemap):
    """One page per festival day."""

    def items(self):
        edition = current_edition()
        return edition.days if edition is not None else []

    def location(self, item):
        return reverse("festival:programme-day", args=[item])
