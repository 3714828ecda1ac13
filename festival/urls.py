"""The project's URLs: Indonesian at the root, English under /en/ (see DESIGN.md)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path, register_converter

from festival import views
from festival.converters import IsoDateConverter
from festival.sitemaps import ProgrammeSitemap, StaticPagesSitemap
from innovations.sitemaps import InnovationSitemap
from innovations.views import photo_file as innovation_photo_file
from services.sitemaps import ServiceSitemap
from workshops.sitemaps import WorkshopSitemap

admin.site.site_header = "Festival Pelayanan Publik Banyuwangi"
admin.site.site_title = "Admin Festival Pelayanan Publik"
admin.site.index_title = "Pengelolaan konten, pendaftaran dan permohonan"

register_converter(IsoDateConverter, "isodate")

sitemaps = {
    "festival": StaticPagesSitemap,
    "programme": ProgrammeSitemap,
    "innovations": InnovationSitemap,
    "services": ServiceSitemap,
    "workshops": WorkshopSitemap,
}

festival_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("jadwal/", views.ProgrammeView.as_view(), name="programme"),
        path("jadwal/festival.ics", views.programme_ics, name="programme-ics"),
        path("jadwal/acara/<slug:slug>.ics", views.item_ics, name="item-ics"),
        path("jadwal/<isodate:day>/", views.ProgrammeDayView.as_view(), name="programme-day"),
    ],
    "festival",
)

urlpatterns = [
    path("admin/login/", views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    re_path(r"^media/innovations/(?P<path>[0-9a-f]{32}-[0-9]+\.webp)$", innovation_photo_file),
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

handler400 = "festival.views.bad_request"
