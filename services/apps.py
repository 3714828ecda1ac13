from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from festival.sitewide import retention


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Layanan satu pintu")

    def ready(self):
        # Inline: the domain imports the models, which Django lets us import only once the
        # app registry is ready, i.e. here and not when this module is first imported.
        from festival.domain import register_copier
        from services.domain import copy_complaint_channels, copy_offering, erase_personal_data

        retention.register("services.requests", erase_personal_data)
        register_copier("services.offering", copy_offering)
        register_copier("services.complaint_channels", copy_complaint_channels)
