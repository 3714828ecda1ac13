from festival.queries import current_edition, edition_url
from festival.sitewide.sitemaps import BilingualSitemap
from workshops.models import Workshop


class WorkshopSitemap(BilingualSitemap):
    """Each published workshop of every published edition (never tickets): the current
    edition's at /workshop/<slug>/, the others' in their archive, /<year>/workshop/<slug>/,
    with each archive's list, /<year>/workshop/ (the current list is a static page)."""

    def items(self):
        workshops = list(
            Workshop.objects.published()
            .filter(edition__is_published=True)
            .select_related("edition")
            .order_by("edition__start_date", "pk")
        )
        current = current_edition()
        archives = {w.edition.pk: w.edition for w in workshops if w.edition != current}
        return [("workshops:list", e) for e in archives.values()] + [
            ("workshops:detail", w) for w in workshops
        ]

    def location(self, item):
        name, obj = item
        if name == "workshops:list":
            return edition_url(name, obj)
        return edition_url(name, obj.edition, slug=obj.slug)
