from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from festival.models import Edition, Kecamatan, ProgrammeItem, Village


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    fields = [
        "date",
        "start_time",
        "end_time",
        "untimed",
        "kind",
        "title",
        "place",
        "order",
        "is_published",
    ]
    show_change_link = True
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "venue_name", "is_published"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeItemInline]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "tagline", "tagline_en", "is_published"]}),
        (_("Waktu"), {"fields": ["start_date", "end_date", "opening_hours", "opening_hours_en"]}),
        (
            _("Tempat"),
            {
                "fields": [
                    "venue_name",
                    "venue_name_en",
                    "venue_address",
                    "venue_locality",
                    "venue_region",
                    "latitude",
                    "longitude",
                    "free_entry",
                ]
            },
        ),
        (_("Tentang"), {"fields": ["organiser", "organiser_en", "about", "about_en"]}),
    ]


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "start_time", "end_time", "kind", "place", "is_published"]
    list_filter = ["date", "kind", "is_published", "edition"]
    list_editable = ["is_published"]
    search_fields = ["title", "title_en", "place", "description"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["date", "start_time", "order"]


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
