"""Workshop pages, the registration form and the ticket. Thin: the rules are in domain.py."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from festival.queries import (
    current_edition,
    edition_of_page,
    edition_url,
    page_context,
    year_of_pages,
)
from festival.sitewide import clock, ical, offline, ratelimit
from festival.sitewide.links import absolute_url
from workshops import certificate_files, domain, queries
from workshops.calendar import workshop_ics
from workshops.forms import CertificateNameForm, EvaluationForm, RegistrationForm
from workshops.models import Registration, Workshop, mask_name
from workshops.tickets import qr_data_uri

logger = logging.getLogger(__name__)


def _allowed(request) -> bool:
    limit, window = settings.RATE_LIMITS["workshop"]
    return ratelimit.allow(
        key=f"workshop|{ratelimit.client_id(request)}", limit=limit, window=window
    )


def _too_many_message() -> str:
    return _(
        "Terlalu banyak percobaan dari perangkat atau jaringan Anda. Tunggu 10 menit, lalu "
        "coba lagi."
    )


def _office_cap_message(cap: int) -> str:
    return ngettext(
        "Kantor Anda (desa/kelurahan yang Anda pilih, atau kantor kecamatan apabila tidak memilih "
        "desa/kelurahan) sudah mendaftarkan %(cap)d orang di workshop ini, batas per kantor "
        "agar kursi terbagi ke seluruh Banyuwangi. Apabila kantor Anda memerlukan tambahan, "
        "hubungi panitia.",
        "Kantor Anda (desa/kelurahan yang Anda pilih, atau kantor kecamatan apabila tidak memilih "
        "desa/kelurahan) sudah mendaftarkan %(cap)d orang di workshop ini, batas per kantor "
        "agar kursi terbagi ke seluruh Banyuwangi. Apabila kantor Anda memerlukan tambahan, "
        "hubungi panitia.",
        cap,
    ) % {"cap": cap}


class WorkshopMixin:
    """Published workshops of the page's edition (the current one, or the one of the URL's
    year) with their seat counts; `state` and `seats_left` in the context. The state is
    CLOSED on every page of an edition that takes no forms (a past one, a draft)."""

    context_object_name = "workshop"
    # An edition page without an edition (none published yet) 404s, except the list, which
    # says that no workshop is announced.
    edition_missing_ok = False

    def get_edition(self):
        if not hasattr(self, "edition"):
            self.edition = edition_of_page(
                self.request, self.kwargs.get("year"), missing_ok=self.edition_missing_ok
            )
        return self.edition

    def get_queryset(self):
        edition = self.get_edition()
        if edition is None:
            return Workshop.objects.none()
        return Workshop.objects.published().of_edition(edition).for_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.get_edition()
        if edition is not None:
            context.update(page_context(self.request, edition, self.kwargs.get("year")))
        context["State"] = Workshop.State
        return context

    def workshop_context(self, workshop: Workshop, context: dict) -> dict:
        return {
            "state": queries.registration_state(
                workshop, now=clock.now(), takes_forms=context["edition_accepts_forms"]
            ),
            "seats_left": workshop.seats_left(workshop.confirmed_count),
        }


class WorkshopListView(WorkshopMixin, ListView):
    context_object_name = "workshops"
    template_name = "workshops/workshop_list.html"
    edition_missing_ok = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = clock.now()
        takes_forms = context.get("edition_accepts_forms", False)
        context["rows"] = [
            (
                workshop,
                queries.registration_state(workshop, now=now, takes_forms=takes_forms),
                workshop.seats_left(workshop.confirmed_count),
            )
            for workshop in context["workshops"]
        ]
        return context


class WorkshopDetailView(WorkshopMixin, DetailView):
    template_name = "workshops/workshop_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.workshop_context(self.object, context))
        context["sessions"] = list(self.object.sessions.all())
        return context


@method_decorator(never_cache, name="dispatch")
class RegisterView(WorkshopMixin, DetailView):
    """GET shows the form (or why registering is not possible); POST registers."""

    template_name = "workshops/register.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.workshop_context(self.object, context))
        context.setdefault("form", RegistrationForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not queries.registration_state(self.object, now=clock.now()).accepts_registrations:
            # Closed (a past edition's workshop, say): the page says so; nothing is checked
            # or saved.
            return self.render_to_response(self.get_context_data())
        form = RegistrationForm(request.POST)
        if not _allowed(request):
            # Keep what was typed; the only message is the rate limit's.
            form.is_valid()
            form.errors.clear()
            context = self.get_context_data(form=form, rate_limited=_too_many_message())
            return self.render_to_response(context, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = domain.register_for_workshop(
                    workshop=self.object,
                    full_name=data["full_name"],
                    nip=data["nip"],
                    position=data["position"],
                    office_kind=data["office_kind"],
                    kecamatan=data["kecamatan"],
                    village=data["village"],
                    phone=data["phone"],
                    email=data["email"],
                    consent=data["consent"],
                    language=get_language() or settings.LANGUAGE_CODE,
                    idempotency_key=data["token"],
                )
            except domain.RegistrationNotOpen:
                # The window closed or the seats went while the form was open: say so.
                self.object = self.get_object()
            except domain.DuplicateRegistration as refusal:
                # Never "this number is registered": that would tell anyone who types a
                # stranger's phone or NIP. The owner gets their ticket link by email; every
                # duplicate attempt gets the same page, whether or not an email left.
                domain.resend_ticket_link(registration=refusal.registration)
                return redirect("workshops:check-email", slug=self.object.slug)
            except domain.OfficeCapReached as refusal:
                form.add_error(None, ValidationError(_office_cap_message(refusal.cap)))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                registration = result.registration
                if registration.status == Registration.Status.CONFIRMED:
                    messages.success(request, _("Pendaftaran berhasil. Ini tiket Anda."))
                else:
                    messages.success(
                        request,
                        _("Anda masuk daftar tunggu di urutan ke-%(place)s. Ini tiket Anda.")
                        % {"place": registration.waitlist_position()},
                    )
                return redirect(registration)
        return self.render_to_response(self.get_context_data(form=form))


class CheckEmailView(WorkshopMixin, DetailView):
    """Where a registration attempt with a phone or NIP already registered ends: the same
    neutral words for everyone, nothing saved."""

    template_name = "workshops/check_email.html"

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


@require_GET
def workshop_calendar(request, slug, year=None):
    """The workshop as an iCalendar file (also of a past edition: its archive keeps it)."""
    edition = edition_of_page(request, year)
    workshop = get_object_or_404(
        Workshop.objects.published().of_edition(edition).select_related("programme_item"),
        slug=slug,
    )
    workshop.edition = edition
    url = edition_url("workshops:detail", edition, slug=workshop.slug)
    body = workshop_ics(workshop, url=absolute_url(url))
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.slug}.ics"'
    return response


class TicketMixin:
    """A registration found by its secret; never indexed, never kept by a shared cache."""

    context_object_name = "registration"
    slug_field = "secret"
    slug_url_kwarg = "secret"

    @method_decorator(cache_control(private=True, no_store=True))
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Registration.objects.for_ticket()

    def get_object(self, queryset=None):
        if len(self.kwargs["secret"]) > 64:
            raise Http404
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        user = self.request.user
        # The ticket's page is about its workshop's edition: a past edition's ticket shows
        # the archive notice, and its links lead to that edition's pages.
        edition = registration.workshop.edition
        context.update(page_context(self.request, edition, year_of_pages(edition)))
        context["waitlist_position"] = registration.waitlist_position()
        context["can_check_in"] = user.has_perm("workshops.check_in_registration")
        context["show_personal_data"] = user.has_perm("workshops.view_personal_data")
        # Door stewards (staff who may not change registrations) see no number, not even
        # masked; the ticket's holder and organisers see them masked.
        context["hide_personal_data"] = user.is_staff and not (
            user.has_perm("workshops.change_registration") or context["show_personal_data"]
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def ticket_sessions_context(registration: Registration, *, can_check_in: bool) -> dict:
    """The ticket's sessions (templates/workshops/_ticket_sessions.html) and, for door staff,
    the session a check-in now would be for and whether the holder is in already."""
    rows = queries.ticket_sessions(registration)
    context = {"ticket_sessions": rows, "door_session": None, "door_attended_at": None}
    if can_check_in and rows:
        session = queries.session_for_check_in(registration.workshop, now=clock.now())
        context["door_session"] = session
        context["door_attended_at"] = next(
            (row.attended_at for row in rows if session and row.session.pk == session.pk), None
        )
    return context


class TicketView(TicketMixin, DetailView):
    template_name = "workshops/ticket.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(ticket_sessions_context(self.object, can_check_in=context["can_check_in"]))
        ticket_url = absolute_url(self.object.get_absolute_url())
        context["ticket_url"] = ticket_url
        context["qr"] = qr_data_uri(ticket_url)
        context.update(evaluation_context(self.object))
        context.update(certificate_context(self.object, form=kwargs.get("certificate_form")))
        return context

    def render_to_response(self, context, **kwargs):
        # The holder's phone keeps the ticket for the door, where mobile data fails
        # (festival/sitewide/offline.py: never for a logged-in steward).
        response = super().render_to_response(context, **kwargs)
        return offline.mark(self.request, response, self.object.workshop.edition)


def certificate_context(registration: Registration, *, form=None) -> dict:
    """What the ticket's certificate section (_ticket_certificate.html) shows: nothing before
    the participant has attended or the workshop is over; then the certificate, or the name
    confirmation when they meet the rule, or what is still missing."""
    if registration.status != Registration.Status.CONFIRMED or registration.erased_at:
        return {"certificate_section": False}
    certificate = queries.certificate_of(registration)
    standing = queries.certificate_standing(registration)
    workshop = registration.workshop
    shown = (
        certificate is not None
        or standing.attended > 0
        or queries.workshop_over(workshop, now=clock.now())
    )
    if not shown:
        return {"certificate_section": False}
    if form is None and certificate is None and standing.eligible:
        # The NIP is never written into the page (the ticket shows it masked): the field starts
        # empty and keeps the registered one unless the participant types a correction.
        form = CertificateNameForm(
            initial={"full_name": registration.certificate_name or registration.full_name},
            registered_nip=registration.nip,
        )
    return {
        "certificate_section": True,
        "certificate": certificate,
        "certificate_standing": standing,
        "certificate_ready": domain.certificate_settings_complete(workshop),
        "certificate_form": form,
    }


class CertificateNameView(TicketView):
    """POST: the participant confirms the spelling of their name and gets their certificate;
    errors show on the ticket page, with what they typed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = CertificateNameForm(request.POST, registered_nip=self.object.nip)
        if not _allowed(request):
            form.is_valid()
            form.errors.clear()
            context = self.get_context_data(
                certificate_form=form, certificate_error=_too_many_message()
            )
            return self.render_to_response(context, status=429)
        if form.is_valid():
            try:
                domain.confirm_certificate_name(
                    registration=self.object,
                    full_name=form.cleaned_data["full_name"],
                    nip=form.cleaned_data["nip"],
                )
            except domain.CertificateRefused as refusal:
                # The rule changed under the open page (or organisers revoked meanwhile):
                # the ticket page says where the participant stands now.
                logger.info("certificate refused on confirmation: %s", refusal.code)
                messages.error(
                    request, _("Sertifikat belum dapat diterbitkan. Lihat keterangan di bawah.")
                )
            else:
                messages.success(request, _("Sertifikat Anda sudah terbit. Silakan unduh."))
            return redirect(f"{self.object.get_absolute_url()}#sertifikat")
        return self.render_to_response(self.get_context_data(certificate_form=form))


@require_GET
@cache_control(private=True, no_store=True)
def certificate_download(request, secret):
    """The ticket holder's certificate as PDF (the valid one; none after erasure)."""
    registration = get_object_or_404(Registration.objects.for_ticket(), secret=secret)
    certificate = (
        registration.certificates.valid().for_pdf().first()
        if registration.erased_at is None
        else None
    )
    if certificate is None:
        raise Http404
    response = HttpResponse(certificate_files.render(certificate), content_type="application/pdf")
    name = certificate_files.filename(certificate)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _verify_allowed(request) -> bool:
    limit, window = settings.RATE_LIMITS["certificate-verify"]
    return ratelimit.allow(
        key=f"certificate-verify|{ratelimit.client_id(request)}", limit=limit, window=window
    )


@require_GET
def certificate_verify(request, token):
    """Public: whether a certificate is genuine. Shows its number, the name masked, the
    workshop, its days and edition; a revoked one says so (and when); an unknown token is a
    404 that says the certificate is not genuine or the address mistyped. Never NIP, phone or
    email. A genuine page is shared and cached (the page cache; Certificate's
    PAGE_CACHE_SCOPE makes it stale on revoke); unknown tokens count against a per-client
    limit, so nobody scans for tokens (256-bit: there is nothing to find anyway)."""
    certificate = queries.certificate_for_verification(token) if len(token) <= 64 else None
    if certificate is None:
        status = 404 if _verify_allowed(request) else 429
        edition = current_edition()
        context = {"rate_limited": status == 429}
        if edition is not None:
            context.update(page_context(request, edition, year_of_pages(edition)))
        response = render(request, "workshops/certificate_verify.html", context, status=status)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    workshop = certificate.workshop
    edition = workshop.edition
    first, last = queries.certificate_days(workshop)
    context = {
        **page_context(request, edition, year_of_pages(edition)),
        "certificate": certificate,
        "workshop": workshop,
        "masked_name": mask_name(certificate.name),
        "first_day": first,
        "last_day": last,
    }
    response = render(request, "workshops/certificate_verify.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class CancelView(TicketMixin, DetailView):
    """GET asks for confirmation (works without JavaScript); POST cancels."""

    template_name = "workshops/cancel.html"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not _allowed(request):
            context = self.get_context_data(rate_limited=_too_many_message())
            return self.render_to_response(context, status=429)
        try:
            # The ticket's holder cancels their own: not staff work, not in the audit trail.
            domain.cancel_registration(registration=self.object, by=None)
        except domain.AlreadyCheckedIn:
            messages.error(request, _("Tiket yang sudah dicatat hadir tidak dapat dibatalkan."))
        except domain.FestivalOver:
            messages.error(
                request, _("Festival telah berakhir: pendaftaran tidak dapat dibatalkan lagi.")
            )
        else:
            messages.success(request, _("Pendaftaran Anda dibatalkan."))
        return redirect(self.object)


@require_POST
@permission_required("workshops.check_in_registration", raise_exception=True)
def check_in(request, secret):
    if not request.user.is_staff:  # the permission alone is not enough: door staff only
        raise PermissionDenied
    registration = get_object_or_404(Registration, secret=secret)
    try:
        domain.check_in(registration=registration, by=request.user)
    except domain.AlreadyCheckedIn as refusal:
        moment = formats.date_format(timezone.localtime(refusal.at), "DATETIME_FORMAT")
        messages.error(request, _("Sudah dicatat hadir pada %(moment)s.") % {"moment": moment})
    except domain.RegistrationCancelled:
        messages.error(request, _("Pendaftaran ini dibatalkan: tidak dapat dicatat hadir."))
    except domain.StillWaitlisted:
        messages.error(request, _("Peserta ini masih di daftar tunggu: tidak dapat dicatat hadir."))
    except domain.NoSessionNow:
        messages.error(request, _("Tidak ada sesi workshop ini hari ini: kehadiran tidak dicatat."))
    else:
        messages.success(request, _("%(name)s dicatat hadir.") % {"name": registration.full_name})
    return redirect(registration)


def evaluation_context(registration: Registration) -> dict:
    """What the ticket's evaluation include needs: the invitation, the thanks, or nothing."""
    return {
        "evaluation_state": queries.evaluation_state(registration, clock.now()).value,
        "evaluation_required": registration.workshop.evaluation_required,
    }


class EvaluationView(TicketMixin, DetailView):
    """GET shows the evaluation form (or why there is none); POST saves the answers once."""

    template_name = "workshops/evaluation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        context.update(evaluation_context(registration))
        if context["evaluation_state"] == queries.EvaluationState.OPEN.value:
            context.setdefault("form", EvaluationForm())
        elif registration.status != Registration.Status.CONFIRMED or not queries.has_attended(
            registration
        ):
            context["evaluation_reason"] = "not_attended"
        else:
            context["evaluation_reason"] = "not_over"
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = EvaluationForm(request.POST)
        if not _allowed(request):
            # Keep what was typed; the only message is the rate limit's.
            form.is_valid()
            form.errors.clear()
            context = self.get_context_data(form=form, rate_limited=_too_many_message())
            return self.render_to_response(context, status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            domain.answer_evaluation(registration=self.object, **form.answers())
        except domain.AlreadyEvaluated:
            # A second tab, a resend: the first answers stay, the page says so.
            self.object = self.get_object()
            return self.render_to_response(self.get_context_data(), status=409)
        except (domain.EvaluationRefused, domain.RegistrationCancelled):
            # Not (or no longer) for this ticket: the page says why, without the form.
            return self.render_to_response(self.get_context_data(), status=403)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Terima kasih: evaluasi Anda sudah tersimpan."))
        return redirect(self.object)
