from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from festival.sitewide.models import Kecamatan, Village


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


# The task queue's table (registered by django-tasks-db) is for operators (README,
# "Background tasks"), not organisers: it stays out of the admin.
admin.site.unregister(DBTaskResult)
