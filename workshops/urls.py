"""The workshop pages: for the current edition at /workshop/…, for any published edition at
/<year>/workshop/… (the same URL names, with a `year`). Registering, tickets and the check-in
exist once, without a year: only the current edition takes registrations. The root URLconf
includes these at the root of each language."""

from django.urls import path

from festival import urls as festival_urls  # noqa: F401 - registers the <year:…> converter
from workshops import door, views

app_name = "workshops"


def edition_paths(prefix: str):
    """The pages that every edition has, under `prefix` ("workshop/" for the current edition,
    "<year:year>/workshop/" for any)."""
    return [
        path(prefix, views.WorkshopListView.as_view(), name="list"),
        path(f"{prefix}<slug:slug>/", views.WorkshopDetailView.as_view(), name="detail"),
        path(f"{prefix}<slug:slug>/kalender.ics", views.workshop_calendar, name="calendar"),
    ]


# Ticket secrets are secrets.token_urlsafe(): letters, digits, "-" and "_", which is exactly
# what <slug:> matches. Anything else (a NUL byte breaks PostgreSQL) never reaches a query.
# The ticket paths come before "<slug>/" so that no workshop slug can shadow them.
urlpatterns = [
    path("workshop/tiket/<slug:secret>/", views.TicketView.as_view(), name="ticket"),
    path("workshop/tiket/<slug:secret>/batal/", views.CancelView.as_view(), name="cancel"),
    path("workshop/tiket/<slug:secret>/hadir/", views.check_in, name="check-in"),
    path(
        "workshop/tiket/<slug:secret>/evaluasi/",
        views.EvaluationView.as_view(),
        name="evaluation",
    ),
    path(
        "workshop/tiket/<slug:secret>/sertifikat/",
        views.CertificateNameView.as_view(),
        name="certificate-confirm",
    ),
    path(
        "workshop/tiket/<slug:secret>/sertifikat.pdf",
        views.certificate_download,
        name="certificate-pdf",
    ),
    # The public verification of a certificate (its QR code): the token, never the number.
    path("sertifikat/<slug:token>/", views.certificate_verify, name="certificate-verify"),
    *edition_paths("workshop/"),
    path("workshop/<slug:slug>/daftar/", views.RegisterView.as_view(), name="register"),
    path(
        "workshop/<slug:slug>/daftar/cek-email/",
        views.CheckEmailView.as_view(),
        name="check-email",
    ),
    # The door (staff only, current edition): the kiosk and who is still expected.
    path("workshop/<slug:slug>/pintu/", door.KioskView.as_view(), name="door"),
    path(
        "workshop/<slug:slug>/pintu/belum-hadir/",
        door.ExpectedView.as_view(),
        name="door-expected",
    ),
    *edition_paths("<year:year>/workshop/"),
]
