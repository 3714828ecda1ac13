"""The queue: /antrian/ (book, current edition only), the ticket, and the desk staff's pages.
festival/config mounts these at antrian/ inside i18n_patterns."""

from django.urls import path

from festival import urls as festival_urls  # noqa: F401 - registers the <isodate:…> converter
from services.queue import views

app_name = "queue"

# Secrets are secrets.token_urlsafe(): letters, digits, "-" and "_", a slug. The fixed paths
# come before "<slug>/<date>/" so no service slug can shadow them.
urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("tiket/<slug:secret>/", views.TicketView.as_view(), name="ticket"),
    path("tiket/<slug:secret>/batal/", views.CancelView.as_view(), name="cancel"),
    path("tiket/<slug:secret>/hadir/", views.mark_present, name="present"),
    path("meja/", views.DeskListView.as_view(), name="desks"),
    path("meja/<int:pk>/", views.DeskView.as_view(), name="desk"),
    path("meja/slip/<int:pk>/", views.slip, name="slip"),
    path("<slug:slug>/<isodate:day>/", views.BookView.as_view(), name="book"),
]
