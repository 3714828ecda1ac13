from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from festival.queries import current_edition, published_years
from festival.sitewide import clock, offline

# The main navigation: (URL name, label, what the section offers, for the home page).
# A section appears once its app serves its URL.
NAVIGATION = [
    ("festival:home", _("Beranda"), ""),
    ("innovations:list", _("Inovasi"), _("Inovasi pelayanan publik Banyuwangi yang dipamerkan.")),
    ("festival:programme", _("Jadwal"), _("Acara festival hari demi hari.")),
    (
        "workshops:list",
        _("Workshop"),
        _("Workshop pelayanan publik untuk staf desa, kelurahan, dan kecamatan."),
    ),
    (
        "services:list",
        _("Layanan"),
        _(
            "Layanan yang dapat diurus di lokasi festival: persyaratan, lama penyelesaian, "
            "dan permohonan daring."
        ),
    ),
]


def _navigation(request):
    items = []
    path = request.path
    for name, label, summary in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        home = name == "festival:home"
        current = path == url if home else path.startswith(url)
        items.append({"url": url, "label": label, "summary": summary, "current": current})
    return items


def site(request):
    return {
        "edition": SimpleLazyObject(current_edition),
        "navigation": SimpleLazyObject(lambda: _navigation(request)),
        "edition_years": SimpleLazyObject(published_years),
        # Set only while FESTIVAL_NOW runs the site as of another moment (a rehearsal):
        # every page then says so.
        "rehearsal_now": clock.rehearsal_moment(),
        # The offline worker site.js registers (none when OFFLINE_PAGES is off).
        "offline_worker": "/sw.js" if offline.enabled() else "",
    }
