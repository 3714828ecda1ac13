"""The queue in the admin: organisers set each service's desk (number prefix, counters) and its
days (hours, slot length, quota, walk-in share, grace, arrival margin) without a developer;
tickets are read here, changed only through the desk pages (and so through domain.py). The
organisers' counts (per service, day and slot, with waiting times) and their CSV are a page of
the tickets' admin, linked from the desks' and tickets' lists."""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from festival.models import Edition
from festival.queries import current_edition
from services.queue import queries
from services.queue.models import Desk, DeskDay, Ticket

COUNTS_LIST_TEMPLATE = "admin/queue/change_list.html"


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def counts_csv(counts: queries.QueueCounts, edition: Edition) -> HttpResponse:
    """The counts as CSV, one row per service, per service day and per slot (no names, no
    phone numbers: only counts and minutes)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="antrean-{edition.year}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "tingkat",
            "layanan",
            "tanggal",
            "slot",
            *queries.COUNT_FIELDS,
            "dipanggil",
            "median_tunggu_menit",
            "p90_tunggu_menit",
        ]
    )
    for level, rows in (
        ("layanan", counts.services),
        ("hari", counts.days),
        ("slot", counts.slots),
    ):
        for row in rows:
            writer.writerow(
                [
                    level,
                    row.offering.service.name,
                    row.day.isoformat() if row.day else "",
                    row.slot.strftime("%H:%M") if row.slot else "",
                    *(getattr(row, name) for name in queries.COUNT_FIELDS),
                    len(row.waits),
                    _minutes(row.median_wait),
                    _minutes(row.p90_wait),
                ]
            )
    return response


class CountsLinkMixin:
    """The link to the counts page at the top of the desks' and tickets' lists."""

    change_list_template = COUNTS_LIST_TEMPLATE

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "counts_url": reverse("admin:queue_ticket_counts"),
        }
        return super().changelist_view(request, extra_context=extra_context)


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
class DeskAdmin(CountsLinkMixin, admin.ModelAdmin):
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
class TicketAdmin(CountsLinkMixin, admin.ModelAdmin):
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
        "email",
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

    def get_urls(self):
        return [
            path(
                "hitungan/",
                self.admin_site.admin_view(self.counts_view),
                name="queue_ticket_counts",
            ),
            *super().get_urls(),
        ]

    def counts_view(self, request):
        """The organisers' counts of an edition (?edisi=<year>, the current one by default);
        ?format=csv downloads them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        editions = list(Edition.objects.order_by("-year"))
        edition, error = current_edition(), None
        year = request.GET.get("edisi", "").strip()
        if year:
            chosen = [e for e in editions if str(e.year) == year]
            if chosen:
                edition = chosen[0]
            else:
                error = gettext("Tidak ada edisi tahun %(year)s. Pilih edisi dari daftar.") % {
                    "year": year[:8]
                }
        counts = queries.queue_counts(edition) if edition is not None and not error else None
        if counts is not None and request.GET.get("format") == "csv":
            return counts_csv(counts, edition)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hitungan antrean"),
            "opts": self.model._meta,
            "editions": editions,
            "edition": edition,
            "error": error,
            "counts": counts,
            "count_labels": [
                _("Dipesan"),
                _("Hadir"),
                _("Dilayani"),
                _("Tidak datang"),
                _("Datang langsung"),
                _("Dibatalkan"),
            ],
        }
        return TemplateResponse(request, "admin/queue/counts.html", context)
