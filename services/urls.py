from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("", views.ServiceListView.as_view(), name="list"),
    path("lacak/", views.TrackView.as_view(), name="track"),
    # Secrets are secrets.token_urlsafe(): letters, digits, "-" and "_", a slug.
    path("lacak/<slug:secret>/", views.PrivateTrackView.as_view(), name="track-private"),
    path("dokumen/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/", views.ServiceDetailView.as_view(), name="detail"),
    path("<slug:slug>/ajukan/", views.ServiceRequestView.as_view(), name="request"),
    path(
        "<slug:slug>/ajukan/terkirim/",
        views.ServiceRequestSubmittedView.as_view(),
        name="submitted",
    ),
]
