from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class BilingualSitemap(Sitemap):
    """Every page in both languages with hreflang alternates. Items are URL names or
    objects with get_absolute_url()."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


class StaticPagesSitemap(BilingualSitemap):
    """The home page and the index page of each section."""

    def items(self):
        return [
            "festival:home",
            "festival:programme",
            "innovations:list",
            "workshops:list",
            "services:list",
        ]


class ProgrammeSitemap(BilingualSitemap):
    """One page per festival day."""

    def items(self):
        from festival.queries import current_edition

        edition = current_edition()
        return edition.days if edition is not None else []

    def location(self, item):
        return reverse("festival:programme-day", args=[item])
