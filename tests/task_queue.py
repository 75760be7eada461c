"""The task queue in tests: the portal's Celery app as the settings make it, pointed at a
broker of the test's choosing, and a fixture that lists what the code queues."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from celery import Celery, signals

from ovop import celery_app


@contextmanager
def task_queue(**conf) -> Iterator[Celery]:
    """The portal's task queue as the settings make it, with `conf` changed: an app of
    its own, current while the block runs, so that queued tasks go where it says."""
    app = Celery("ovop-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    # Named as the settings name them, or the settings' own values would win.
    app.conf.update({f"CELERY_{key.upper()}": value for key, value in conf.items()})
    app.set_current()
    try:
        yield app
    finally:
        celery_app.set_current()
        app.close()


@dataclass(frozen=True)
class QueuedTask:
    name: str
    args: list
    kwargs: dict


@pytest.fixture
def queued_tasks() -> Iterator[list[QueuedTask]]:
    """A real broker in this process (kombu's memory transport) instead of running tasks
    in the request; lists each task the code queues, as the broker receives it."""
    queued: list[QueuedTask] = []

    def record(sender: str, body: tuple, **kwargs) -> None:
        args, task_kwargs, _embed = body
        queued.append(QueuedTask(sender, list(args), dict(task_kwargs)))

    signals.before_task_publish.connect(record, weak=False)
    try:
        with task_queue(broker_url="memory://", task_always_eager=False) as app:
            yield queued
            app.control.purge()
    finally:
        signals.before_task_publish.disconnect(record)
