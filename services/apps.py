from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from festival.sitewide import retention


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Layanan satu pintu")

    def ready(self):
        # Inline: the domain imports the models, which Django lets us import only once the
        # app registry is ready, i.e. here and not when this module is first imported.
        from services.domain import erase_personal_data

        retention.register("services.requests", erase_personal_data)
