"""The project's URLs: Indonesian at the root, English under /en/. The public paths are
Indonesian in both languages and stay stable: links, tests and printed material rely on them."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from festival import urls as festival_urls
from festival.config import booth_map
from festival.config.home import EditionHomeView, HomeView
from festival.config.sitemaps import SITEMAPS
from festival.sitewide import offline
from festival.sitewide import views as sitewide_views
from innovations.views import document_file as innovation_document_file
from innovations.views import photo_file as innovation_photo_file

admin.site.site_header = "Festival Pelayanan Publik Banyuwangi"
admin.site.site_title = "Admin Festival Pelayanan Publik"
admin.site.index_title = "Pengelolaan konten, pendaftaran, dan permohonan"

urlpatterns = [
    path("admin/login/", sitewide_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", sitewide_views.robots_txt, name="robots"),
    path("healthz", sitewide_views.healthz, name="healthz"),
    path("favicon.ico", sitewide_views.favicon),
    # At the root so the worker's scope covers both languages (/ and /en/).
    path("sw.js", offline.service_worker, name="service-worker"),
    re_path(r"^media/innovations/(?P<path>[0-9a-f]{32}-[0-9]+\.webp)$", innovation_photo_file),
    re_path(r"^media/innovations/dokumen/(?P<path>[0-9a-f]{32}\.pdf)$", innovation_document_file),
    re_path(r"^media/plans/(?P<path>[0-9a-f]{32}-[0-9]+\.webp)$", booth_map.plan_file),
]

# The home page composes sections of every app, so it is wired here, in the festival namespace.
festival_patterns = (
    [
        path("", HomeView.as_view(), name="home"),
        # An edition's home is "home" with its year: reverse("festival:home", kwargs={"year": y}).
        path("<year:year>/", EditionHomeView.as_view(), name="home"),
        *festival_urls.urlpatterns,
        # The booth map asks every app what is at each booth, so it is wired here too.
        path("peta/", booth_map.MapView.as_view(), name="map"),
        path("<year:year>/peta/", booth_map.MapView.as_view(), name="map"),
        path("peta/<int:number>/", booth_map.BoothView.as_view(), name="booth"),
        path("<year:year>/peta/<int:number>/", booth_map.BoothView.as_view(), name="booth"),
    ],
    festival_urls.app_name,
)

urlpatterns += i18n_patterns(
    path("", include(festival_patterns)),
    path("inovasi/", include("innovations.urls")),
    # Short links to share (WhatsApp): an innovation by its id, a booth by edition and number.
    path("i/<int:pk>/", booth_map.innovation_short_link, name="innovation-short"),
    path("b/<year:year>-<int:number>/", booth_map.booth_short_link, name="booth-short"),
    # The workshops app's paths carry their own "workshop/" and "<year>/workshop/" prefixes.
    path("", include("workshops.urls")),
    # /layanan/… for the current edition, /<year>/layanan/… for any (see services/urls.py).
    path("", include("services.urls")),
    # The survey's published results (survei/hasil/, <year>/survei/hasil/): before survei/.
    path("", include("services.survey.results_urls")),
    # The survey: /survei/ (type a code), /survei/<code>/ (answer), /survei/terima-kasih/.
    path("survei/", include("services.survey.urls")),
    # The desk queue: /antrian/ (book a number), its tickets and the desk staff's pages.
    path("antrian/", include("services.queue.urls")),
    # The venue's screens (TV, tablet): /layar/antrian/ and /layar/jadwal/.
    path("layar/", include("festival.config.screens")),
    # Open data: /data/ (the documentation), /data/inovasi.csv, /data/jadwal.json,
    # /<year>/data/jadwal.csv, /data/hasil.csv … (see festival/config/opendata.py).
    path("", include("festival.config.opendata")),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Inline: only development serves media this way.
    from django.conf.urls.static import static as media_static

    urlpatterns += media_static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "festival.sitewide.views.bad_request"
handler500 = "festival.sitewide.views.server_error"
