from django.contrib.sitemaps import Sitemap

from services.queries import published_services


class ServiceSitemap(Sitemap):
    """Every published service page, in both languages with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return published_services().order_by("pk")
