from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Festival")

    def ready(self):
        from festival import pagecache
        from festival.models import Edition
        from festival.queries import forget_current_edition

        # The edition is cached for the header and footer of every page; an admin save
        # must show at once.
        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kwargs: forget_current_edition(),
                sender=Edition,
                weak=False,
                dispatch_uid=f"forget-edition-{signal}",
            )

        # Any change to the site's content makes every cached page stale (festival/pagecache.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.invalidate, weak=False, dispatch_uid=f"pagecache-{signal}")
