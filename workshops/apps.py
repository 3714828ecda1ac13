from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from festival.sitewide import retention


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshop")

    def ready(self):
        # Inline: the domain imports the models, which can be imported only once the app
        # registry is ready.
        from festival.domain import register_copier
        from workshops.domain import (
            copy_workshops,
            erase_certificate_personal_data,
            erase_personal_data,
        )

        retention.register("workshops.registration", erase_personal_data)
        retention.register("workshops.certificate", erase_certificate_personal_data)
        register_copier("workshops", copy_workshops)
