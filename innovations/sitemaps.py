from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from innovations.models import Innovation


class InnovationListSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["innovations:list"]

    def location(self, item):
        return reverse(item)


class InnovationSitemap(Sitemap):
    """Every published innovation, in both languages with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Innovation.objects.published().order_by("pk")

    def lastmod(self, innovation):
        return innovation.updated_at
