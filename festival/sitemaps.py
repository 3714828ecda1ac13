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
