from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Layanan satu pintu")

    def ready(self):
        from festival.sitewide import retention
        from services.domain import erase_personal_data

        retention.register("services.requests", erase_personal_data)
