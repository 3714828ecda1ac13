from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from festival.sitewide import links


class BilingualSitemap(Sitemap):
    """Every page in both languages with hreflang alternates. Items are URL names or
    objects with get_absolute_url(). Addresses are on SITE_URL, not on the host the request
    named (Django's sitemap view would use that, and the page cache keeps the sitemap)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def get_protocol(self, protocol=None):
        return links.site_scheme()

    def get_domain(self, site=None):
        return links.site_domain()
