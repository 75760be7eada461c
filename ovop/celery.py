"""The portal's task queue: Celery, configured by the CELERY_* settings.

Work that must not hold a request, such as sending mail, is queued here and run by a
worker process (`celery -A ovop worker`, `make worker`). Each app's tasks live in its
`tasks.py`. Without a broker (a laptop's `make run`), tasks run inside the request
that queues them. Why Celery: docs/decisions/0120-celery-task-queue.md.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

app = Celery("ovop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
