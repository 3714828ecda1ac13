"""The project's URLs: Indonesian at the root, English under /en/ (see DESIGN.md)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from festival import views
from festival.sitemaps import StaticPagesSitemap
from workshops.sitemaps import WorkshopSitemap

admin.site.site_header = "Festival Pelayanan Publik Banyuwangi"
admin.site.site_title = "Admin Festival Pelayanan Publik"
admin.site.index_title = "Pengelolaan konten, pendaftaran dan permohonan"

sitemaps = {
    "festival": StaticPagesSitemap,
    "workshops": WorkshopSitemap,
}

festival_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
    ],
    "festival",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=False)),
]

urlpatterns += i18n_patterns(
    path("", include(festival_patterns)),
    path("inovasi/", include("innovations.urls")),
    path("workshop/", include("workshops.urls")),
    path("layanan/", include("services.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static as media_static

    urlpatterns += media_static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
