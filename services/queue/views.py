"""The queue's pages: booking (/antrian/, current edition only), the booker's ticket, and the
desk staff's pages (mark present, walk-in slip, call next). Thin: the rules are in domain.py.
Nothing here is cached by anyone (no-store): every page shows a live queue or personal data."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from festival.queries import current_edition, page_context, year_of_pages
from festival.sitewide import clock, ratelimit
from festival.sitewide.links import absolute_url
from services.queue import domain, queries
from services.queue.forms import BookingForm, CounterForm, NumberForm, WalkInForm
from services.queue.models import DeskDay, Ticket

no_store = cache_control(private=True, no_store=True)
SERVE = "queue.serve_queue"
# The secrets of the tickets this browser booked: sent twice, a booking leads to its ticket.
SESSION_KEY = "queue:booked"


def _allowed(request) -> bool:
    limit, window = settings.RATE_LIMITS["queue"]
    return ratelimit.allow(key=f"queue|{ratelimit.client_id(request)}", limit=limit, window=window)


def _too_many_message() -> str:
    return _(
        "Terlalu banyak percobaan dari perangkat atau jaringan Anda. Tunggu satu jam, lalu coba "
        "lagi."
    )


def qr_data_uri(url: str) -> str:
    """An SVG data: URI of the QR code of `url` (the CSP allows data: images)."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=4)


def _edition_context(request) -> dict:
    edition = current_edition()
    return page_context(request, edition, None) if edition is not None else {}


@method_decorator(no_store, name="dispatch")
class StartView(View):
    """The services and days that take bookings, with the places left on each."""

    def get(self, request):
        edition = current_edition()
        context = _edition_context(request)
        context["desks"] = queries.bookable_desks(edition, now=clock.now())
        return render(request, "queue/start.html", context)


@method_decorator(no_store, name="dispatch")
class BookView(View):
    """One service's day: choose a slot, give a name, a phone and optionally an email, get a
    number (and, with an email, its confirmation by email)."""

    template_name = "queue/book.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.desk_day = queries.desk_day_for_booking(
            current_edition(), kwargs["slug"], kwargs["day"]
        )
        if self.desk_day is None:
            raise Http404("No such desk day")

    def render_form(self, form=None, *, status=200, **extra):
        now = clock.now()
        day = self.desk_day
        is_open = domain.bookable(day, now=now)
        slots = queries.slot_places(day, now=now) if is_open else []
        if form is None:
            form = BookingForm(slots=slots)
        context = _edition_context(self.request)
        context.update(
            desk_day=day,
            offering=day.desk.offering,
            is_open=is_open,
            has_places=any(place.left for place in slots),
            form=form,
            **extra,
        )
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug, day):
        return self.render_form()

    def post(self, request, slug, day):
        now = clock.now()
        if not domain.bookable(self.desk_day, now=now):
            return self.render_form()
        form = BookingForm(request.POST, slots=queries.slot_places(self.desk_day, now=now))
        if not _allowed(request):
            # Keep what was typed; the only message is the rate limit's.
            form.is_valid()
            form.errors.clear()
            return self.render_form(form, status=429, rate_limited=_too_many_message())
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        try:
            ticket = domain.book_number(
                desk_day=self.desk_day,
                slot_start=data["slot"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                language=get_language() or settings.LANGUAGE_CODE,
                request_code=data["request_code"],
            )
        except domain.PhoneAlreadyBooked as refusal:
            if refusal.ticket.secret in request.session.get(SESSION_KEY, []):
                # This browser booked it a moment ago (sent twice): its ticket.
                return redirect(refusal.ticket)
            form.add_error(
                "phone",
                ValidationError(
                    _(
                        "Nomor HP ini sudah memegang nomor antrean layanan ini pada hari itu. "
                        "Buka tautan tiket yang Anda simpan, atau pakai nomor HP lain."
                    ),
                    code="duplicate_phone",
                ),
            )
        except domain.RequestNotFound:
            form.add_error(
                "request_code",
                ValidationError(
                    _(
                        "Kode permohonan ini tidak cocok dengan nomor HP Anda untuk layanan ini. "
                        "Periksa kodenya, atau kosongkan kolom ini."
                    ),
                    code="request_not_found",
                ),
            )
        except domain.SlotUnavailable:
            form = BookingForm(
                request.POST, slots=queries.slot_places(self.desk_day, now=clock.now())
            )
            form.is_valid()
            form.add_error(
                None,
                ValidationError(
                    _("Tempat di slot itu baru saja habis. Pilih slot lain."), code="slot_full"
                ),
            )
        except domain.BookingClosed:
            return self.render_form()
        else:
            request.session[SESSION_KEY] = [
                *request.session.get(SESSION_KEY, [])[-9:],
                ticket.secret,
            ]
            messages.success(request, _("Nomor antrean Anda sudah dipesan. Simpan halaman ini."))
            return redirect(ticket)
        return self.render_form(form)


class TicketMixin:
    def get_ticket(self, secret: str) -> Ticket:
        if len(secret) > 64:
            raise Http404
        ticket = queries.ticket_by_secret(secret)
        if ticket is None:
            raise Http404("No such ticket")
        return ticket

    def ticket_context(self, ticket: Ticket) -> dict:
        edition = ticket.offering.edition
        context = page_context(self.request, edition, year_of_pages(edition))
        offering = ticket.offering
        context.update(
            ticket=ticket,
            offering=offering,
            can_serve=self.request.user.is_staff and self.request.user.has_perm(SERVE),
            can_cancel=ticket.status == Ticket.Status.BOOKED
            and ticket.desk_day.day >= clock.today(),
        )
        return context


@method_decorator(no_store, name="dispatch")
class TicketView(TicketMixin, View):
    def get(self, request, secret):
        ticket = self.get_ticket(secret)
        context = self.ticket_context(ticket)
        url = absolute_url(ticket.get_absolute_url())
        context.update(ticket_url=url, qr=qr_data_uri(url))
        response = render(request, "queue/ticket.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@method_decorator(no_store, name="dispatch")
class CancelView(TicketMixin, View):
    """GET asks for confirmation (works without JavaScript); POST cancels."""

    def get(self, request, secret, **extra):
        ticket = self.get_ticket(secret)
        context = self.ticket_context(ticket)
        context.update(extra)
        status = 429 if extra else 200
        response = render(request, "queue/cancel.html", context, status=status)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def post(self, request, secret):
        ticket = self.get_ticket(secret)
        if not _allowed(request):
            return self.get(request, secret, rate_limited=_too_many_message())
        try:
            # The booker cancels their own: not staff work, not in the audit trail.
            domain.cancel_ticket(ticket=ticket, by=None)
        except (domain.NotAllowed, domain.BookingClosed):
            messages.error(request, _("Nomor antrean ini tidak dapat dibatalkan lagi."))
        else:
            messages.success(request, _("Nomor antrean Anda dibatalkan."))
        return redirect(ticket)


def _staff_only(request) -> None:
    # The permission alone is not enough: desk staff sign in to the admin.
    if not request.user.is_staff:
        raise PermissionDenied


def _present(request, ticket: Ticket) -> None:
    try:
        domain.mark_present(ticket=ticket, by=request.user)
    except domain.NotToday:
        messages.error(
            request,
            _("Nomor %(number)s untuk tanggal lain: tidak dapat dicatat hadir hari ini.")
            % {"number": ticket.display_number},
        )
    except domain.NotAllowed as refusal:
        messages.error(
            request,
            _("Nomor %(number)s tidak dapat dicatat hadir: statusnya %(status)s.")
            % {
                "number": ticket.display_number,
                "status": Ticket.Status(refusal.status).label,
            },
        )
    else:
        if ticket.is_late:
            messages.warning(
                request,
                _("%(number)s dicatat hadir, terlambat: dipanggil setelah yang datang tepat waktu.")
                % {"number": ticket.display_number},
            )
        else:
            messages.success(
                request, _("%(number)s dicatat hadir.") % {"number": ticket.display_number}
            )


@require_POST
@permission_required(SERVE, raise_exception=True)
def mark_present(request, secret):
    """The "Hadir" button on a ticket opened by scanning its QR."""
    _staff_only(request)
    ticket = get_object_or_404(Ticket.objects.for_ticket_page(), secret=secret)
    _present(request, ticket)
    return redirect(ticket)


@method_decorator(no_store, name="dispatch")
@method_decorator(permission_required(SERVE, raise_exception=True), name="dispatch")
class DeskListView(View):
    """Today's desks of the current edition, for staff to open theirs."""

    def dispatch(self, request, *args, **kwargs):
        _staff_only(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        edition = current_edition()
        context = _edition_context(request)
        context["desk_days"] = list(queries.todays_desk_days(edition, clock.today()))
        return render(request, "queue/desk_list.html", context)


@method_decorator(no_store, name="dispatch")
@method_decorator(permission_required(SERVE, raise_exception=True), name="dispatch")
class DeskView(View):
    """One desk's day: type a number to mark present, give a walk-in a number, call the next
    person to a counter, close the called ones."""

    def dispatch(self, request, *args, **kwargs):
        _staff_only(request)
        self.desk_day = get_object_or_404(
            DeskDay.objects.select_related("desk__offering__service", "desk__offering__edition"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def render_desk(self, *, number_form=None, walk_in_form=None, status=200):
        day = self.desk_day
        context = _edition_context(self.request)
        context.update(
            desk_day=day,
            line=queries.desk_view(day),
            number_form=number_form or NumberForm(),
            walk_in_form=walk_in_form or WalkInForm(),
            counters=day.desk.counter_numbers(),
            is_today=day.day == clock.today(),
        )
        return render(self.request, "queue/desk.html", context, status=status)

    def get(self, request, pk):
        return self.render_desk()

    def post(self, request, pk):
        action = request.POST.get("action")
        if action == "present":
            return self.present(request)
        if action == "walk-in":
            return self.walk_in(request)
        if action == "call":
            return self.call(request)
        if action in ("served", "no-show"):
            return self.close(request, served=action == "served")
        return self.render_desk(status=400)

    def present(self, request):
        form = NumberForm(request.POST)
        if not form.is_valid():
            return self.render_desk(number_form=form)
        ticket = queries.ticket_by_number(self.desk_day, form.cleaned_data["number"])
        if ticket is None:
            form.add_error(
                "number",
                ValidationError(
                    _("Nomor ini tidak ada di antrean layanan ini hari ini."), code="unknown"
                ),
            )
            return self.render_desk(number_form=form)
        _present(request, ticket)
        return redirect("queue:desk", pk=self.desk_day.pk)

    def walk_in(self, request):
        form = WalkInForm(request.POST)
        if not form.is_valid():
            return self.render_desk(walk_in_form=form)
        try:
            ticket = domain.give_walk_in_number(
                desk_day=self.desk_day, by=request.user, name=form.cleaned_data["name"]
            )
        except (domain.NotToday, domain.BookingClosed):
            messages.error(request, _("Nomor hanya dapat diberikan pada hari meja ini buka."))
            return redirect("queue:desk", pk=self.desk_day.pk)
        return redirect("queue:slip", pk=ticket.pk)

    def call(self, request):
        form = CounterForm(request.POST, counters=self.desk_day.desk.counter_numbers())
        if not form.is_valid():
            return self.render_desk(status=400)
        counter = form.cleaned_data["counter"]
        try:
            ticket = domain.call_next(desk_day=self.desk_day, counter=counter, by=request.user)
        except domain.CounterBusy as refusal:
            messages.error(
                request,
                _(
                    "Loket %(counter)s masih melayani %(number)s: catat selesai atau tidak "
                    "datang terlebih dahulu."
                )
                % {"counter": counter, "number": refusal.ticket.display_number},
            )
        except domain.NotToday:
            messages.error(request, _("Nomor hanya dapat dipanggil pada hari meja ini."))
        else:
            if ticket is None:
                messages.info(request, _("Tidak ada yang menunggu."))
            else:
                messages.success(
                    request,
                    _("%(number)s dipanggil ke loket %(counter)s.")
                    % {"number": ticket.display_number, "counter": counter},
                )
        return redirect("queue:desk", pk=self.desk_day.pk)

    def close(self, request, *, served: bool):
        typed = request.POST.get("ticket", "").strip()
        ticket = (
            Ticket.objects.filter(desk_day=self.desk_day, pk=int(typed)).first()
            if typed.isdigit() and len(typed) < 10
            else None
        )
        if ticket is None:
            return self.render_desk(status=400)
        try:
            domain.close_ticket(ticket=ticket, served=served, by=request.user)
        except domain.NotAllowed:
            messages.error(request, _("Nomor ini sudah ditutup sebelumnya."))
        return redirect("queue:desk", pk=self.desk_day.pk)


@no_store
@permission_required(SERVE, raise_exception=True)
def slip(request, pk):
    """A walk-in's number, printed on a receipt printer (narrow, @media print)."""
    _staff_only(request)
    ticket = get_object_or_404(Ticket.objects.for_ticket_page(), pk=pk)
    context = {
        "ticket": ticket,
        "offering": ticket.offering,
        "edition": ticket.offering.edition,
    }
    return render(request, "queue/slip.html", context)
