from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from workshops.models import Workshop


class WorkshopSitemap(Sitemap):
    """The workshop list and each published workshop, in both languages (never tickets)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["workshops:list", *Workshop.objects.published().order_by("pk")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
