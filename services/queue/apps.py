from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueConfig(AppConfig):
    """The service desk's queue: desk days and slots, numbers booked ahead or given to walk-ins,
    and calling them to a counter. A part of the one-stop service, in its own small app."""

    name = "services.queue"
    label = "queue"
    verbose_name = _("Antrean meja layanan")

    def ready(self):
        # Inline: the domain imports the models, only possible once the registry is ready.
        from festival.domain import register_copier
        from festival.sitewide import retention
        from services.queue.domain import copy_desks, erase_personal_data

        retention.register("services.queue", erase_personal_data)
        # Copiers run in the order of their labels: after "services.offering", whose copy of
        # the offerings this one's desks attach to.
        register_copier("services.queue", copy_desks)
