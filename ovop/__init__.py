"""The project's wiring: settings, URLs, the WSGI and ASGI entry points, the task queue.

The Celery app is loaded with Django, so that tasks are queued through it wherever
they are defined (`@shared_task`).
"""

from ovop.celery import app as celery_app

__all__ = ["celery_app"]
