"""WSGI entry point of the portal, for the application server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

application = get_wsgi_application()
