from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = _("Inovasi")

    def ready(self):
        # Inline: the domains import the models, which can be imported only once the app
        # registry is ready.
        from festival.domain import register_copier
        from innovations.domain import copy_exhibits

        register_copier("innovations.exhibits", copy_exhibits)
