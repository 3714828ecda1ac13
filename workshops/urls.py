from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.WorkshopListView.as_view(), name="list"),
    path("tiket/<str:secret>/", views.TicketView.as_view(), name="ticket"),
    path("tiket/<str:secret>/batal/", views.CancelView.as_view(), name="cancel"),
    path("tiket/<str:secret>/hadir/", views.check_in, name="check-in"),
    path("<slug:slug>/", views.WorkshopDetailView.as_view(), name="detail"),
    path("<slug:slug>/daftar/", views.RegisterView.as_view(), name="register"),
    path("<slug:slug>/kalender.ics", views.workshop_calendar, name="calendar"),
]
