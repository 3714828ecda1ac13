from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from festival.sitewide.admin_input import SafeInputAdminMixin
from festival.sitewide.models import Kecamatan, OpenDataSettings, Village


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0
    fields = ["code", "name", "kind"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    inlines = [VillageInline]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kecamatan", "code"]
    list_filter = ["kind", "kecamatan"]
    search_fields = ["name", "code"]
    list_select_related = ["kecamatan"]


@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    """The open data's licence and note (/data/): one row, made the first time it is saved."""

    fields = ["licence_name", "licence_url", "note", "note_en"]
    list_display = ["__str__", "licence_name", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not OpenDataSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class AuditTrailAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    """The audit trail, read-only: every change by staff, from admin forms and from the
    domain's actions (festival.sitewide.audit)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "message"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    ordering = ["-action_time"]

    @admin.display(description=_("perubahan"))
    def message(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The task queue's table (registered by django-tasks-db) is for operators (README,
# "Background tasks"), not organisers: it stays out of the admin.
admin.site.unregister(DBTaskResult)
