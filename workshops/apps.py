from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshop")

    def ready(self):
        from festival.sitewide import retention
        from workshops.domain import erase_personal_data

        retention.register("workshops.registration", erase_personal_data)
