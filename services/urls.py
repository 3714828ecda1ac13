"""The desk's pages. Each edition-scoped page exists twice with the same URL name: for the
current edition (/layanan/kia/) and, with a `year`, for any edition (/2016/layanan/kia/);
tracking and document photos are one page for every edition's requests. festival/config
mounts these at the root."""

from django.urls import path

from services import views

app_name = "services"


def edition_paths(prefix: str):
    """The offering's pages under `prefix` ("" for the current edition, "<year:year>/")."""
    return [
        path(f"{prefix}layanan/", views.ServiceListView.as_view(), name="list"),
        path(f"{prefix}layanan/<slug:slug>/", views.ServiceDetailView.as_view(), name="detail"),
        path(
            f"{prefix}layanan/<slug:slug>/ajukan/",
            views.ServiceRequestView.as_view(),
            name="request",
        ),
        path(
            f"{prefix}layanan/<slug:slug>/ajukan/terkirim/",
            views.ServiceRequestSubmittedView.as_view(),
            name="submitted",
        ),
    ]


urlpatterns = [
    # Before the service pages: "lacak" and "dokumen" are not services.
    path("layanan/lacak/", views.TrackView.as_view(), name="track"),
    # Secrets are secrets.token_urlsafe(): letters, digits, "-" and "_", a slug.
    path("layanan/lacak/<slug:secret>/", views.PrivateTrackView.as_view(), name="track-private"),
    path("layanan/dokumen/<int:pk>/", views.document, name="document"),
    *edition_paths(""),
    *edition_paths("<year:year>/"),
]
