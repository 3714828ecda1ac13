from festival.sitewide.sitemaps import BilingualSitemap
from innovations.models import Innovation


class InnovationSitemap(BilingualSitemap):
    """Every published innovation."""

    changefreq = "weekly"

    def items(self):
        return Innovation.objects.published().order_by("pk")

    def lastmod(self, innovation):
        return innovation.updated_at
