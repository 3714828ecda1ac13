import datetime

from django.contrib import admin
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from festival.models import Edition, ProgrammeItem


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    fields = [
        "date",
        "day_tba",
        "start_time",
        "end_time",
        "untimed",
        "kind",
        "title",
        "slug",
        "place",
        "order",
        "is_published",
    ]
    show_change_link = True
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["date", "start_time", "order"]


class ProgrammeDayFilter(admin.SimpleListFilter):
    """Filter by festival day (the dates that have items), not Django's "past 7 days"."""

    title = _("hari")
    parameter_name = "hari"

    def lookups(self, request, model_admin):
        dates = (
            ProgrammeItem.objects.filter(day_tba=False)
            .order_by("date")
            .values_list("date", flat=True)
            .distinct()
        )
        choices = [(d.isoformat(), date_format(d, "l, j F Y")) for d in dates]
        return [*choices, ("menyusul", _("Hari menyusul"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "menyusul":
            return queryset.filter(day_tba=True)
        if value:
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                return queryset.none()
            return queryset.filter(date=day, day_tba=False)
        return queryset


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
    list_display = ["title", "day", "when", "kind", "place", "order", "is_published"]
    list_filter = [ProgrammeDayFilter, "kind", "is_published", "edition"]
    list_editable = ["order", "is_published"]
    list_select_related = ["edition"]
    search_fields = ["title", "title_en", "place", "description"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["date", "start_time", "order"]
    fieldsets = [
        (None, {"fields": ["edition", "kind", "title", "title_en", "slug", "is_published"]}),
        (
            _("Waktu"),
            {
                "fields": ["date", "day_tba", "start_time", "end_time", "untimed", "order"],
                "description": _(
                    "Isi jam hanya apabila sudah diumumkan. Tanpa jam, acara tampil sebagai "
                    '"Sepanjang hari" atau "Waktu menyusul", sesuai pilihan di bawah.'
                ),
            },
        ),
        (
            _("Tempat dan keterangan"),
            {"fields": ["place", "place_en", "description", "description_en", "link_url"]},
        ),
    ]

    @admin.display(description=_("hari"), ordering="date")
    def day(self, item):
        if item.day_tba:
            return _("Hari menyusul")
        return date_format(item.date, "D, j M Y")

    @admin.display(description=_("jam"), ordering="start_time")
    def when(self, item):
        if item.is_timed:
            end = f"–{time_format(item.end_time)}" if item.end_time else ""
            return f"{time_format(item.start_time)}{end}"
        return item.get_untimed_display()
