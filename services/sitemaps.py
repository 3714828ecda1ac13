from festival.sitewide.sitemaps import BilingualSitemap
from services.queries import published_services


class ServiceSitemap(BilingualSitemap):
    """Every published service page."""

    changefreq = "weekly"

    def items(self):
        return published_services().order_by("pk")
