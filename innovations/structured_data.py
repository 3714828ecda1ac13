"""schema.org data for an innovation page (JSON-LD), as search engines read it."""

from django.urls import reverse
from django.utils.translation import gettext

from festival.sitewide.i18n import localized
from innovations.models import Innovation


def innovation_json_ld(innovation: Innovation, *, absolute) -> dict:
    """A GovernmentService (an innovation is a public service of the regency) with its
    provider, awards and photos, and the breadcrumb trail. `absolute(path)` makes a URL."""
    url = absolute(innovation.get_absolute_url())
    service = {
        "@type": "GovernmentService",
        "@id": f"{url}#inovasi",
        "name": localized(innovation, "name"),
        "description": localized(innovation, "summary"),
        "url": url,
        "serviceType": localized(innovation.theme, "name"),
        "provider": {
            "@type": "GovernmentOrganization",
            "name": localized(innovation.agency, "name"),
        },
        "areaServed": {"@type": "AdministrativeArea", "name": "Kabupaten Banyuwangi"},
    }
    if innovation.acronym:
        service["alternateName"] = innovation.acronym
    awards = [
        " ".join(
            part
            for part in (a.level, localized(a, "programme"), str(a.year) if a.year else "")
            if part
        )
        for a in innovation.awards.all()
    ]
    if awards:
        service["award"] = awards
    photos = [absolute(p.image_large.url) for p in innovation.photos.all()]
    if photos:
        service["image"] = photos
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": gettext("Beranda"),
                "item": absolute(reverse("festival:home")),
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": gettext("Inovasi"),
                "item": absolute(reverse("innovations:list")),
            },
            {"@type": "ListItem", "position": 3, "name": service["name"], "item": url},
        ],
    }
    return {"@context": "https://schema.org", "@graph": [service, breadcrumbs]}
