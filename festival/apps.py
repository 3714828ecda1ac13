from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    """The festival's own domain: editions, the programme, its calendar and structured data."""

    name = "festival"
    verbose_name = _("Festival")

    def ready(self):
        # Inline: models can be imported only once the app registry is ready.
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
