from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    """The parts every app uses: clock, page cache, rate limit, numbers, images, the region's
    reference data (kecamatan, desa/kelurahan), template tags, error and health pages."""

    name = "festival.sitewide"
    label = "sitewide"
    verbose_name = _("Data wilayah")

    def ready(self):
        # Inline: apps.py is loaded while Django is still filling the app registry; the page
        # cache, and whatever it imports, loads only once every app is ready.
        from festival.sitewide import checks, lookups, pagecache  # noqa: F401 - checks registers

        # `__in` with a number no integer column holds matches nothing instead of a 500.
        lookups.register()

        # A content model's save or delete makes the pages it says it appears on stale
        # (its PAGE_CACHE_SCOPE); the page cache itself knows no app.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.invalidate, weak=False, dispatch_uid=f"pagecache-{signal}")
