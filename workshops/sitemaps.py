from festival.sitewide.sitemaps import BilingualSitemap
from workshops.models import Workshop


class WorkshopSitemap(BilingualSitemap):
    """Each published workshop (never tickets)."""

    def items(self):
        return Workshop.objects.published().order_by("pk")
