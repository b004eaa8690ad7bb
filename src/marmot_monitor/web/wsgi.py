"""WSGI entry point used by ``marmot serve`` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marmot_monitor.web.settings")

application = get_wsgi_application()
