"""The door: the kiosk at /workshop/<slug>/pintu/ (a laptop or tablet where stewards scan
tickets) and the list of who is still expected, /workshop/<slug>/pintu/belum-hadir/.

For staff holding `workshops.check_in_registration` (organisers and the door stewards' group
Petugas pintu); anonymous visitors are sent to the login, other staff get 403. Nothing here is
kept by any cache (no-store). The kiosk answers a scan with POST-redirect-GET: the answer waits
in the session for the next GET, so the input comes back empty and focused, ready for the next
scan, and a reload never checks anyone in twice. Thin: the rule is workshops.domain.check_in.
"""

import dataclasses

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control

from festival.queries import current_edition
from festival.sitewide import clock
from festival.sitewide.i18n import localized
from workshops import domain, queries
from workshops.forms import KioskForm
from workshops.models import Workshop, WorkshopSession

no_store = cache_control(private=True, no_store=True)
CHECK_IN = "workshops.check_in_registration"
# Where the kiosk keeps its last answer between the POST and the GET that shows it.
RESULT_KEY = "workshops:door-result"


@dataclasses.dataclass(frozen=True)
class Sitting:
    """The session a door page is about: the one chosen (`pinned`, ?sesi=<pk>), else the
    one running now or next today; `sessions` are all of the workshop's, in order."""

    sessions: list[WorkshopSession]
    session: WorkshopSession | None
    pinned: bool

    @property
    def is_today(self) -> bool:
        return self.session is not None and self.session.date == clock.today()


def _wib_time(moment) -> str:
    return formats.time_format(timezone.localtime(moment), "H.i")


@method_decorator(no_store, name="dispatch")
class DoorMixin(View):
    """A workshop of the current edition, for door staff only; its sessions and the one
    the page is about."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        # The permission alone is not enough: door staff sign in to the admin.
        if not (user.is_staff and user.has_perm(CHECK_IN)):
            raise PermissionDenied
        edition = current_edition()
        if edition is None:
            raise Http404("No current edition")
        self.workshop = get_object_or_404(
            Workshop.objects.of_edition(edition).select_related("edition"), slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def sitting(self, chosen: str) -> Sitting:
        sessions = list(self.workshop.sessions.all())
        if chosen.isdigit() and len(chosen) < 10:
            for session in sessions:
                if session.pk == int(chosen):
                    return Sitting(sessions=sessions, session=session, pinned=True)
        current = queries.current_session(sessions, now=clock.now())
        return Sitting(sessions=sessions, session=current, pinned=False)

    def here(self, sitting: Sitting) -> str:
        url = self.request.path
        return f"{url}?sesi={sitting.session.pk}" if sitting.pinned else url

    def door_context(self, sitting: Sitting) -> dict:
        return {
            "workshop": self.workshop,
            "edition": self.workshop.edition,
            "sessions": sitting.sessions,
            "session": sitting.session,
            "pinned": sitting.pinned,
            "counts": queries.door_counts(sitting.session) if sitting.session else None,
        }


class KioskView(DoorMixin):
    """GET: the current session, its counts, the last answer and the input. POST: check in
    the ticket scanned or typed, keep the answer, redirect back (PRG)."""

    def get(self, request, slug):
        sitting = self.sitting(request.GET.get("sesi", ""))
        context = self.door_context(sitting)
        context.update(
            form=KioskForm(),
            result=request.session.pop(RESULT_KEY, None),
            takes_check_ins=sitting.is_today,
        )
        return render(request, "workshops/door_kiosk.html", context)

    def post(self, request, slug):
        sitting = self.sitting(request.POST.get("sesi", ""))
        if sitting.is_today:
            request.session[RESULT_KEY] = self.check_in(KioskForm(request.POST), sitting.session)
        return redirect(self.here(sitting))

    def check_in(self, form: KioskForm, session: WorkshopSession) -> dict:
        """The answer to one scan: {"ok", "name", "detail"}, in the page's language."""
        if not form.is_valid():
            return {"ok": False, "name": "", "detail": " ".join(form.errors["ticket"])}
        reference = form.cleaned_data["ticket"]
        registration = queries.registration_by_reference(
            secret=reference.secret, code=reference.code
        )
        if registration is None:
            return {
                "ok": False,
                "name": "",
                "detail": _(
                    "Tiket tidak ditemukan. Pindai ulang, atau ketik kode pendaftaran yang "
                    "tertulis di tiket."
                ),
            }
        name = registration.full_name or registration.code
        if registration.workshop_id != self.workshop.pk:
            title = localized(registration.workshop, "title")
            detail = _("Tiket workshop lain: %(title)s.") % {"title": title}
            return {"ok": False, "name": name, "detail": detail}
        try:
            domain.check_in(registration=registration, by=self.request.user, session=session)
        except domain.AlreadyCheckedIn as refusal:
            detail = _("Sudah dicatat hadir di sesi ini pukul %(time)s WIB.") % {
                "time": _wib_time(refusal.at)
            }
        except domain.RegistrationCancelled:
            detail = _("Pendaftaran ini dibatalkan.")
        except domain.StillWaitlisted:
            detail = _("Masih di daftar tunggu: belum mendapat kursi.")
        except domain.NoSessionNow:
            detail = _("Tidak ada sesi workshop ini hari ini.")
        else:
            detail = _("Dicatat hadir pukul %(time)s WIB.") % {"time": _wib_time(clock.now())}
            return {"ok": True, "name": name, "detail": detail}
        return {"ok": False, "name": name, "detail": detail}


class ExpectedView(DoorMixin):
    """Confirmed registrations not yet checked in at the session, by name: names, office
    and ticket code only (never NIP or phone), printable as a paper list."""

    def get(self, request, slug):
        sitting = self.sitting(request.GET.get("sesi", ""))
        if sitting.session is None and sitting.sessions:
            # No session today: the list of the first session still helps to prepare.
            sitting = Sitting(sessions=sitting.sessions, session=sitting.sessions[0], pinned=True)
        context = self.door_context(sitting)
        context["registrations"] = (
            list(queries.expected_at(sitting.session)) if sitting.session else []
        )
        return render(request, "workshops/door_expected.html", context)
