"""Test settings: the project's settings with fast, local choices (cookiecutter-django's
habit). DATABASE_URL and CACHE_URL still come from the environment, so CI runs the same
suite on PostgreSQL and Redis."""

import atexit
import os
import shutil
import tempfile

os.environ["ENV_FILE"] = ""  # a developer's .env must not change what the tests check
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from festival.config.settings import *  # noqa: E402,F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
_tmp = tempfile.mkdtemp(prefix="festival-test-")
# Uploaded test photos and documents go with the run, not into /tmp for good.
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
MEDIA_ROOT = os.path.join(_tmp, "media")
PRIVATE_MEDIA_ROOT = os.path.join(_tmp, "private")
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    CACHES["default"]["LOCATION"] = "tests"  # noqa: F405
else:
    # A separate key space per run on a shared Redis.
    CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405
FESTIVAL_NOW = ""
# Absolute links come from SITE_URL; the test client's host, so they read as a visitor's would.
SITE_URL = "http://testserver"
# Tests see every page rendered; tests/site/test_caching.py switches the cache on.
PAGE_CACHE_SECONDS = 0
