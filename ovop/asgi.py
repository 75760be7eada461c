"""ASGI entry point of the portal, for the application server."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

application = get_asgi_application()
