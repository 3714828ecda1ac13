from festival.queries import edition_url, is_current
from festival.sitewide.sitemaps import BilingualSitemap
from services.models import Offering


class ServiceSitemap(BilingualSitemap):
    """Every published service page: the current edition's at /layanan/<slug>/, and each
    other published edition's archive, /<year>/layanan/ and /<year>/layanan/<slug>/ (the
    current edition's list page is among the site's static pages)."""

    changefreq = "weekly"

    def items(self):
        offerings = (
            Offering.objects.published()
            .filter(edition__is_published=True)
            .select_related("edition", "service")
            .order_by("edition__start_date", "order", "service__order", "pk")
        )
        items = []
        listed: set[int] = set()
        for offering in offerings:
            edition = offering.edition
            if not is_current(edition) and edition.pk not in listed:
                listed.add(edition.pk)
                items.append((edition, None))
            items.append((edition, offering.service.slug))
        return items

    def location(self, item):
        edition, slug = item
        if slug is None:
            return edition_url("services:list", edition)
        return edition_url("services:detail", edition, slug=slug)
