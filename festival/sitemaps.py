from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    """The festival's own pages, in both languages with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["festival:home"]

    def location(self, item):
        return reverse(item)


class ProgrammeSitemap(Sitemap):
    """The programme and one page per festival day, in both languages."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        from festival.queries import current_edition

        edition = current_edition()
        days = edition.days if edition is not None else []
        return [None, *days]

    def location(self, item):
        if item is None:
            return reverse("festival:programme")
        return reverse("festival:programme-day", args=[item])
