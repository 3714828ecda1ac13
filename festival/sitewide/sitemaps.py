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
