from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from festival.admin import booth_choice_field
from festival.sitewide.admin_input import SafeInputAdminMixin
from innovations import domain
from innovations.forms import DocumentForm, PhotoForm
from innovations.models import Agency, Award, Exhibit, Innovation, Photo, ReplicationDocument, Theme


def _preview(photo: Photo, width: int = 160):
    if not photo.pk or not photo.image_small:
        return "—"
    small = photo.small
    height = round(small["height"] * width / small["width"])
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">', small["url"], width, height, photo.alt
    )


class PhotoInline(admin.StackedInline):
    model = Photo
    form = PhotoForm
    extra = 1
    fields = ["preview", "upload", "alt", "alt_en", "caption", "caption_en", "order"]
    readonly_fields = ["preview"]

    @admin.display(description=_("pratinjau"))
    def preview(self, photo):
        return _preview(photo)


class DocumentInline(admin.TabularInline):
    """PDFs for offices that replicate the innovation (SOP, decree, presentation): public."""

    model = ReplicationDocument
    form = DocumentForm
    extra = 0
    fields = ["link", "upload", "title", "title_en", "kind", "order"]
    readonly_fields = ["link"]

    @admin.display(description=_("berkas"))
    def link(self, document):
        if not document.pk or not document.file:
            return "—"
        return format_html('<a href="{}">{}</a>', document.file.url, _("Buka PDF"))


class ExhibitInline(admin.TabularInline):
    """The editions that showed this innovation, and its booth at each."""

    model = Exhibit
    extra = 0
    fields = ["edition", "booth_place", "booth", "booth_en", "order"]
    ordering = ["-edition__start_date"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "booth_place":
            return booth_choice_field(db_field, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    verbose_name = _("dipamerkan di edisi")
    verbose_name_plural = _("dipamerkan di edisi")


@admin.register(Innovation)
class InnovationAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "agency",
        "theme",
        "award_list",
        "photo_count",
        "is_featured",
        "is_published",
    ]
    list_editable = ["is_featured", "is_published"]
    list_filter = ["is_published", "is_featured", "status", "theme", "awards", "agency"]
    list_select_related = ["agency", "theme"]
    search_fields = ["name", "name_en", "acronym", "summary", "agency__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency"]
    filter_horizontal = ["awards"]
    inlines = [ExhibitInline, PhotoInline, DocumentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    view_on_site = True
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "name_en",
                    "slug",
                    "agency",
                    "theme",
                    "status",
                    "status_year",
                    "started_year",
                ]
            },
        ),
        (
            _("Singkatan"),
            {"fields": ["acronym", "acronym_expansion", "acronym_expansion_en"]},
        ),
        (_("Isi"), {"fields": ["summary", "summary_en", "description", "description_en"]}),
        (_("Penghargaan"), {"fields": ["awards"]}),
        (
            _("Untuk direplikasi"),
            {
                "description": _(
                    "Yang diperlukan kantor lain untuk meniru inovasi ini. Isi hanya yang pasti; "
                    "bagian ini tampil di halaman inovasi hanya apabila ada isinya. Kontak: "
                    "kanal kantor, bukan nomor pribadi."
                ),
                "fields": [
                    "implementing_unit",
                    "implementing_unit_en",
                    "legal_basis",
                    "legal_basis_en",
                    "contact_office",
                    "contact_office_en",
                    "contact_email",
                    "contact_phone",
                    "contact_website",
                ],
            },
        ),
        (_("Tampilan"), {"fields": ["is_featured", "is_published"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(photos_total=Count("photos", distinct=True))
            .prefetch_related("awards")
        )

    @admin.display(description=_("penghargaan"))
    def award_list(self, innovation):
        awards = list(innovation.awards.all())
        if not awards:
            return "—"
        return format_html_join(
            ", ", "{}", ((f"{a.level} {a.year or ''}".strip(),) for a in awards)
        )

    @admin.display(description=_("foto"), ordering="photos_total")
    def photo_count(self, innovation):
        return innovation.photos_total

    def delete_model(self, request, obj):
        domain.delete_innovation(innovation=obj)

    def delete_queryset(self, request, queryset):
        for innovation in queryset:
            domain.delete_innovation(innovation=innovation)

    def save_formset(self, request, form, formset, change):
        if formset.model is ReplicationDocument:
            return self._save_documents(formset)
        if formset.model is not Photo:
            return super().save_formset(request, form, formset, change)
        # Photos go through the domain: renditions are made once, old files removed.
        formset.save(commit=False)
        for photo in formset.deleted_objects:
            domain.delete_photo(photo=photo)
        for photo_form in formset.forms:
            if photo_form in formset.deleted_forms or not photo_form.has_changed():
                continue
            domain.save_photo(
                photo=photo_form.instance, image=photo_form.cleaned_data.get("upload")
            )
        return None

    def _save_documents(self, formset):
        # Documents go through the domain: the file is stored under a new name, old removed.
        formset.save(commit=False)
        for document in formset.deleted_objects:
            domain.delete_document(document=document)
        for document_form in formset.forms:
            if document_form in formset.deleted_forms or not document_form.has_changed():
                continue
            domain.save_document(
                document=document_form.instance, upload=document_form.cleaned_data.get("upload")
            )


@admin.register(Exhibit)
class ExhibitAdmin(SafeInputAdminMixin, admin.ModelAdmin):
    """Which innovations each edition shows, and where: organisers set the booths of an
    edition in one list (filter by edition, edit the booths, save)."""

    list_display = ["innovation", "agency", "edition", "booth_place", "booth", "booth_en", "order"]
    list_display_links = ["innovation"]
    list_editable = ["booth", "booth_en", "order"]
    list_filter = ["edition"]
    list_select_related = ["innovation__agency", "edition", "booth_place"]
    search_fields = ["innovation__name", "innovation__agency__name", "booth"]
    autocomplete_fields = ["innovation"]
    ordering = ["-edition__start_date", "order", "innovation__name"]
    fields = ["edition", "innovation", "booth_place", "booth", "booth_en", "order"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "booth_place":
            return booth_choice_field(db_field, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("instansi"), ordering="innovation__agency__name")
    def agency(self, exhibit):
        return exhibit.innovation.agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kecamatan", "innovation_count"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["kecamatan"]

    def get_queryset(self, request):
        # Meta.ordering does not survive a GROUP BY; the autocomplete pages need an order.
        return (
            super()
            .get_queryset(request)
            .annotate(innovations_total=Count("innovations"))
            .order_by("name")
        )

    @admin.display(description=_("jumlah inovasi"), ordering="innovations_total")
    def innovation_count(self, agency):
        return agency.innovations_total


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "icon_preview", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("ikon"))
    def icon_preview(self, theme):
        return format_html('<img src="{}" width="32" height="32" alt="">', static(theme.icon_path))


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["level", "programme", "year", "scope", "source"]
    list_filter = ["level", "scope", "year"]
    search_fields = ["programme", "level", "source"]
    prepopulated_fields = {"level_slug": ["level"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "programme",
        "programme_en",
        "level",
        "level_slug",
        "year",
        "scope",
        "source",
        "source_url",
        "note",
    ]
