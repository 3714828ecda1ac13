"""WSGI entry point: `gunicorn festival.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "festival.config.settings")

application = get_wsgi_application()
