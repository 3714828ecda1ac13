from django.urls import path

from workshops import views

app_name = "workshops"

# Ticket secrets are secrets.token_urlsafe(): letters, digits, "-" and "_", which is exactly
# what <slug:> matches. Anything else (a NUL byte breaks PostgreSQL) never reaches a query.
urlpatterns = [
    path("", views.WorkshopListView.as_view(), name="list"),
    path("tiket/<slug:secret>/", views.TicketView.as_view(), name="ticket"),
    path("tiket/<slug:secret>/batal/", views.CancelView.as_view(), name="cancel"),
    path("tiket/<slug:secret>/hadir/", views.check_in, name="check-in"),
    path("<slug:slug>/", views.WorkshopDetailView.as_view(), name="detail"),
    path("<slug:slug>/daftar/", views.RegisterView.as_view(), name="register"),
    path("<slug:slug>/daftar/cek-email/", views.CheckEmailView.as_view(), name="check-email"),
    path("<slug:slug>/kalender.ics", views.workshop_calendar, name="calendar"),
]
