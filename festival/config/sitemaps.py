"""The sitemap of the whole site, composed of every app's sitemap."""

from festival.sitemaps import EditionSitemap, ProgrammeSitemap
from festival.sitewide.sitemaps import BilingualSitemap
from innovations.sitemaps import InnovationSitemap
from services.sitemaps import ServiceSitemap
from workshops.sitemaps import WorkshopSitemap


class StaticPagesSitemap(BilingualSitemap):
    """The home page and the index page of each section."""

    def items(self):
        return [
            "festival:home",
            "festival:programme",
            "innovations:list",
            "workshops:list",
            "services:list",
        ]


SITEMAPS = {
    "festival": StaticPagesSitemap,
    "programme": ProgrammeSitemap,
    "editions": EditionSitemap,
    "innovations": InnovationSitemap,
    "services": ServiceSitemap,
    "workshops": WorkshopSitemap,
}
