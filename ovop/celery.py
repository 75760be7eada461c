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

# Without a broker, tasks run in the request (`task_always_eager`), but Celery still
# takes a producer from its pool first: kombu's in-process transport serves it, rather
# than a connection to a Redis on localhost that is not there (and a warning saying so).
# (Named as the settings name it, or the settings' own empty value would win.)
if app.conf.task_always_eager and not app.conf.broker_url:
    app.conf.update({"CELERY_BROKER_URL": "memory://localhost/"})
