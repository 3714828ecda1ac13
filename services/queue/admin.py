"""The queue in the admin: organisers set each service's desk (number prefix, counters) and its
days (hours, slot length, quota, walk-in share, grace, arrival margin) without a developer;
tickets are read here, changed only through the desk pages (and so through domain.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from services.queue.models import Desk, DeskDay, Ticket


class DeskDayInline(admin.TabularInline):
    model = DeskDay
    extra = 0
    fields = [
        "day",
        "opens_at",
        "closes_at",
        "slot_minutes",
        "quota",
        "walk_in_share",
        "walk_in_unit",
        "grace_minutes",
        "arrival_margin_minutes",
    ]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["prefix", "offering", "counters"]
    list_filter = ["offering__edition"]
    list_select_related = ["offering__service", "offering__edition"]
    inlines = [DeskDayInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "offering" and field is not None:
            field.queryset = field.queryset.select_related("service", "edition")
        return field


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["display_number", "desk_day", "kind", "slot_start", "status", "counter"]
    list_filter = ["status", "kind", "desk_day__desk__offering__edition", "desk_day__day"]
    list_select_related = ["desk_day__desk__offering__service"]
    search_fields = ["=number"]
    readonly_fields = [
        "desk_day",
        "number",
        "kind",
        "slot_start",
        "status",
        "name",
        "phone",
        "service_request",
        "created_at",
        "arrived_at",
        "is_late",
        "called_at",
        "counter",
        "finished_at",
        "cancelled_at",
        "erased_at",
    ]
    exclude = ["secret"]

    @admin.display(description=_("nomor"), ordering="number")
    def display_number(self, obj):
        return obj.display_number

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: a ticket changes only through the queue's rules (the desk's pages).
        return False

    def has_delete_permission(self, request, obj=None):
        return False
