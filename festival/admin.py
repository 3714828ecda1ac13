import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festival import domain
from festival.forms import BoothForm, BoothPlanForm
from festival.models import Booth, BoothPlan, Edition, ProgrammeItem


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


class EditionForm(forms.ModelForm):
    """The edition's form: ticking "published" runs the same checks as the publish action."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_published") and not self.errors:
            candidate = Edition(
                pk=self.instance.pk,
                **{k: v for k, v in cleaned.items() if k in {f.name for f in Edition._meta.fields}},
            )
            problems = domain.publish_problems(candidate)
            if problems:
                raise ValidationError(problems)
        return cleaned


class CopyEditionForm(forms.Form):
    """The new edition's year and dates, asked before an edition is copied into a draft."""

    year = forms.IntegerField(label=_("Tahun edisi baru"), min_value=2000, max_value=2100)
    start_date = forms.DateField(
        label=_("Tanggal mulai"), help_text=_("Contoh: 2027-12-14"), widget=forms.DateInput()
    )
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=forms.DateInput())

    def clean(self):
        cleaned = super().clean()
        year, start, end = (cleaned.get(k) for k in ("year", "start_date", "end_date"))
        if year and Edition.objects.filter(year=year).exists():
            self.add_error("year", _("Edisi tahun %(year)s sudah ada.") % {"year": year})
        if start and year and start.year != year:
            self.add_error(
                "start_date", _("Tanggal mulai harus pada tahun %(year)s.") % {"year": year}
            )
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return cleaned


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    form = EditionForm
    list_display = ["year", "name", "start_date", "end_date", "venue_name", "is_published"]
    list_display_links = ["year", "name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeItemInline]
    actions = ["copy_to_draft", "publish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "year",
                    "name",
                    "name_en",
                    "slug",
                    "tagline",
                    "tagline_en",
                    "is_published",
                ],
                "description": _(
                    "Edisi yang belum tayang adalah draf: publik tidak melihatnya, panitia "
                    'dapat melihat pratinjaunya dengan tombol "Lihat di situs".'
                ),
            },
        ),
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
        (
            _("Tentang"),
            {
                "fields": [
                    "organiser",
                    "organiser_en",
                    "about",
                    "about_en",
                    "highlights",
                    "highlights_en",
                ]
            },
        ),
    ]

    @admin.action(description=_("Salin ke edisi baru (draf)"), permissions=["add"])
    def copy_to_draft(self, request, queryset):
        """Ask the new year and dates, then copy the one chosen edition into a draft."""
        if queryset.count() != 1:
            self.message_user(request, _("Pilih tepat satu edisi untuk disalin."), messages.WARNING)
            return None
        source = queryset.get()
        form = CopyEditionForm(request.POST if "copy_confirmed" in request.POST else None)
        if form.is_valid():
            draft = domain.copy_edition(source=source, by=request.user, **form.cleaned_data)
            self.message_user(
                request,
                _(
                    "Edisi %(year)s dibuat sebagai draf dari edisi %(source)s. Isi tempat dan "
                    "periksa isinya, lalu tayangkan."
                )
                % {"year": draft.year, "source": source.year},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:festival_edition_change", args=[draft.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Salin edisi %(year)s ke edisi baru") % {"year": source.year},
            "opts": self.model._meta,
            "source": source,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/festival/edition/copy.html", context)

    @admin.action(description=_("Tayangkan edisi terpilih"), permissions=["change"])
    def publish(self, request, queryset):
        published = 0
        for edition in queryset:
            try:
                domain.publish_edition(edition=edition, by=request.user)
            except domain.PublishRefused as refused:
                self.message_user(
                    request,
                    _("Edisi %(year)s belum dapat ditayangkan: %(problems)s")
                    % {"year": edition.year, "problems": " ".join(refused.problems)},
                    messages.ERROR,
                )
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%d edisi ditayangkan.", "%d edisi ditayangkan.", published) % published,
                messages.SUCCESS,
            )


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
            {
                "fields": [
                    "place",
                    "place_en",
                    "booth",
                    "description",
                    "description_en",
                    "link_url",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "booth":
            return booth_choice_field(db_field, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


# --- The booth plan --------------------------------------------------------------------------


class BoothChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, booth):
        return f"{booth.plan.edition.year} · {booth.number}. {booth.label}"


def booth_choice_field(db_field, **kwargs):
    """The booth a programme item, an exhibit or a service stands at, named with its
    edition's year (the plan of each edition has its own booths), in one query."""
    return db_field.formfield(
        form_class=BoothChoiceField,
        queryset=Booth.objects.select_related("plan__edition").order_by(
            "-plan__edition__year", "number"
        ),
        **kwargs,
    )


class BoothInline(admin.TabularInline):
    model = Booth
    form = BoothForm
    extra = 3
    fields = ["number", "label", "label_en", "x", "y"]
    ordering = ["number"]
    classes = ["booth-rows"]


@admin.register(BoothPlan)
class BoothPlanAdmin(admin.ModelAdmin):
    """An edition's plan and its booths: click the plan to place the booth of the row being
    edited (the script fills its x and y), or type the percentages."""

    form = BoothPlanForm
    list_display = ["__str__", "edition", "booth_count"]
    list_select_related = ["edition"]
    inlines = [BoothInline]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["edition", "upload", "alt", "alt_en"]}),
        (
            _("Tempatkan stan"),
            {
                "fields": ["placer"],
                "description": _(
                    "Isi nomor dan nama stan di baris kosong di bawah, lalu klik tempatnya pada "
                    "denah: posisinya terisi di baris itu (baris yang terakhir Anda sunting, "
                    "atau baris kosong pertama). Posisi juga dapat diketik sebagai persen dari "
                    "kiri dan dari atas. Tambah baris dengan “Tambahkan Stan lagi”, lalu Simpan."
                ),
            },
        ),
    ]
    readonly_fields = ["placer"]

    class Media:
        css = {"all": ["css/admin_booth_plan.css"]}
        js = ["js/admin_booth_plan.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(booth_total=Count("booths"))

    @admin.display(description=_("jumlah stan"), ordering="booth_total")
    def booth_count(self, plan):
        return plan.booth_total

    @admin.display(description=_("denah"))
    def placer(self, plan):
        if not plan.pk or not plan.image:
            return _("Unggah gambar denah dan simpan; setelah itu stan dapat ditempatkan di sini.")
        return format_html(
            '<div class="booth-placer" data-placer data-placed="{}" data-no-row="{}">'
            '<img src="{}" width="{}" height="{}" alt="{}" draggable="false"></div>'
            '<p class="help booth-placer__status" data-placer-status aria-live="polite"></p>',
            _(
                "Stan %(number)s ditempatkan %(x)s persen dari kiri, %(y)s persen dari atas. Simpan."
            ),
            _("Tambahkan baris stan dahulu (“Tambahkan Stan lagi”), lalu klik denah."),
            plan.image.url,
            plan.width,
            plan.height,
            plan.alt,
        )

    def save_model(self, request, obj, form, change):
        domain.save_booth_plan(plan=obj, image=form.cleaned_data.get("upload"))

    def delete_model(self, request, obj):
        domain.delete_booth_plan(plan=obj)

    def delete_queryset(self, request, queryset):
        for plan in queryset:
            domain.delete_booth_plan(plan=plan)
