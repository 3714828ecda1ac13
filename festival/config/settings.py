"""Settings for the festival website, read from the environment with django-environ.

Production differs from development only by environment variables (see `.env.example`).
Without any, the site runs with the embedded defaults: SQLite, local-memory cache and
console email. DEBUG must be switched on explicitly, and with DEBUG off a SECRET_KEY is
required.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
# Variables may also come from a file (default .env beside manage.py); variables already in
# the environment win. ENV_FILE="" reads none (the tests do, so a developer's .env can't
# change what they check).
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

# --- Core -----------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # The form renderer (TemplatesSetting) finds Django's widget templates through this app.
    "django.forms",
    "csp",
    # Background tasks (emails, the erasure). The database backend's app is always
    # installed, so its table exists whichever backend TASKS_BACKEND picks.
    "django_tasks",
    "django_tasks_db",
    "festival.sitewide",
    "festival",
    "innovations",
    "workshops",
    "services",
    "services.survey",
    "services.queue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "festival.sitewide.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "festival.sitewide.middleware.RequestBodyLimitMiddleware",
    "festival.sitewide.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells the offline worker to forget every kept page on a logged-in visitor's phone.
    "festival.sitewide.offline.OfflineCopyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the policy built once (see its docstring).
    "festival.sitewide.middleware.CSPMiddleware",
    "festival.sitewide.middleware.SecurityHeadersMiddleware",
    # Last, so its 400 gets the language and the headers above; see its docstring.
    "festival.sitewide.middleware.UnstorableTextMiddleware",
]

ROOT_URLCONF = "festival.config.urls"
WSGI_APPLICATION = "festival.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "festival.config.context_processors.site",
            ],
        },
    },
]
# Forms render through templates/includes/ so every form has the same accessible markup
# (labels, hints, inline errors tied with aria-describedby).
FORM_RENDERER = "festival.sitewide.forms.FestivalFormRenderer"

# --- Database and cache ----------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# A kept connection that a database restart killed is replaced before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the write lock instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The catalogue search forgives a small typo where a word is this like a word of a name
    # (pg_trgm's `<%`, served by a trigram index: innovations/search.py).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        _options.get("options", "") + " -c pg_trgm.word_similarity_threshold=0.5"
    ).strip()

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://festival")}
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="fpp"))
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same cache with one Redis client per connection pool (festival/sitewide/cache.py).
    CACHES["default"]["BACKEND"] = "festival.sitewide.cache.RedisCache"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords and sessions ----------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Language and time -----------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "festival" / "config" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True
FORMAT_MODULE_PATH = ["festival.config.formats"]

# --- Static and media files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Applicants' document photos: outside MEDIA_ROOT, never served by the web server, only
# streamed by a view to staff with the permission.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# Uploads. The largest honest request is a service request with three document photos of at
# most 8 MB (services.uploads.MAX_DOCUMENT_BYTES); a body declared larger than
# MAX_REQUEST_BODY is answered 413 before it is read
# (festival.sitewide.middleware.RequestBodyLimitMiddleware; the proxy's client_max_body_size
# should say the same).
MAX_REQUEST_BODY = env.int("MAX_REQUEST_BODY", default=25 * 1024 * 1024)
# An uploaded file above this goes to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Form fields other than files: the longest is an admin text or the signed answers, far below.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Three document photos on a request form; an organiser may add a few innovation photos at once.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email ------------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Festival Pelayanan Publik <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds to wait for the mail server before giving up (the task tries again later).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Tasks: slow work (emails, the erasure) outside the request --------------------------------
# "immediate" (default: development, `make run`, the tests) runs a task at once in the process
# that enqueues it; "database" stores it in the database for `manage.py db_worker` (production).
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="") or "immediate"
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

# --- Security ---------------------------------------------------------------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if env.bool("USE_X_FORWARDED_PROTO", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "festival.sitewide.views.csrf_failure"
# How many proxies in front of the app add themselves to X-Forwarded-For; 0 means trust
# only REMOTE_ADDR. Used by the rate limit to find the client.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The offline worker, /sw.js (festival/sitewide/offline.py).
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Logging: one line per record on stderr, for a log collector --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "festival.sitewide.logformat.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line"},
        # Server errors (500) are also mailed to ADMINS (ADMIN_EMAILS); none when it is empty.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "WARNING",
            "propagate": False,
        },
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

# --- The festival -------------------------------------------------------------------------------------
ADMINS = [("Admin", a) for a in env.list("ADMIN_EMAILS", default=[])]
# Seconds an anonymous page stays in the shared cache (0 switches the page cache off). Any
# content change invalidates at once; this bounds how stale "what is on now" can be.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# Freeze "now" for a demo or a rehearsal: an ISO datetime (e.g. 2026-12-15T10:00+07:00).
FESTIVAL_NOW = env.str("FESTIVAL_NOW", default="")
# The offline copies of a visitor's own ticket and the programme (a service worker,
# festival/sitewide/offline.py). False is the kill switch: /sw.js then removes itself and
# everything it kept from every phone that had it, at the phone's next visit.
OFFLINE_PAGES = env.bool("OFFLINE_PAGES", default=True)
# Address of the site, e.g. https://festival.example.go.id: every absolute link (emails, hreflang,
# calendars, JSON-LD, sitemap) is built from it, never from the request's Host header.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
# Every rate limit: name → (attempts, seconds), counted in the shared cache
# (festival.sitewide.ratelimit), so all app servers count together.
RATE_LIMITS = {
    # Workshop registration and cancel POSTs per client address. Village offices share one
    # address, so it is generous; the load benchmark raises it.
    "workshop": (env.int("WORKSHOP_RATE_LIMIT", default=30), 10 * 60),
    # Ticket links emailed again to one registration (after a registration attempt with its
    # phone or NIP), so nobody can flood a registrant's inbox.
    "workshop-resend": (3, 60 * 60),
    # Admin login attempts per client address …
    "admin-login": (10, 15 * 60),
    # … and failed ones per account (username), from every address together. The owner of
    # an account someone is guessing waits at most the rest of the 15 minutes.
    "admin-login-account": (5, 15 * 60),
    # Certificate verification lookups of unknown tokens per client address (a genuine one is
    # served, and cached, without counting): tokens are 256-bit, this only stops a scan.
    "certificate-verify": (30, 10 * 60),
    # Service request checks and submits per client address.
    "service-request": (20, 60 * 60),
    # Request tracking lookups by code and phone number (the fallback to the private link) per
    # client address …
    "track": (10, 15 * 60),
    # … and of one reference code, from every client together. Exhausting it blocks only the
    # fallback for that code for the rest of the hour: the applicant's private link
    # (services:track-private) has no limit to exhaust. Guessing: the second factor is the
    # whole phone number, at least 10^8 possibilities even knowing "08" and the operator's
    # two digits; a request lives (until erase_personal_data) well under 200 days, so at most
    # 10 × 24 × 200 = 48,000 attempts, a chance below 1 in 2,000 (0.05 %) for the whole
    # lifetime of the data, against 3 weeks for all 10,000 "last four digits" before.
    "track-code": (10, 60 * 60),
    # Survey code lookups that fail (unknown, used, voided) per client address: a successful
    # one is taken back, so residents answering one after another from the desk's wifi are
    # never stopped. Guessing is hopeless anyway (22^8 ≈ 5.5 × 10^13 codes), this keeps it so.
    "survey-code": (20, 15 * 60),
    # Questionnaire submissions per client address (each needs a usable code as well).
    "survey-answer": (60, 15 * 60),
    # Queue bookings and cancellations per client address. A family books for several
    # services from one phone, a village office for many people: generous, like "workshop".
    "queue": (env.int("QUEUE_RATE_LIMIT", default=30), 60 * 60),
}
