"""Benchmark: how long the password-reset answer takes for an address with an account and
for one without, with the mail sent in the request and with it queued, side by side.

    .venv/bin/python benchmarks/password_reset.py                # SQLite, a throwaway file
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/password_reset.py

Builds a throwaway database with one official, starts an SMTP server in this process
(aiosmtpd) and times BENCH_ROUNDS reset requests (default 30) for each address, each
from a client of its own so that no limit applies:

- "in the request": no broker, so the task runs inside the request and, for the known
  address, renders and sends the mail by SMTP before answering (what the portal did
  before the task queue, and still does without a broker);
- "queued": the tests' Redis (OVOP_TEST_REDIS_URL, keys of their own, deleted after) as
  broker and no worker: the request counts itself and queues the task, whatever the
  address.

Prints the median and the slowest answer in milliseconds; nothing here is asserted.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
REDIS_URL = os.environ.get("OVOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
KNOWN, UNKNOWN = "sokha@example.org", "nobody@example.org"


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(connection, settings)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def task_queue(**conf):
    """The portal's Celery app as the settings make it, with `conf` changed, made current."""
    from celery import Celery

    app = Celery("ovop-bench", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update({f"CELERY_{key.upper()}": value for key, value in conf.items()})
    app.set_current()
    return app


def answers(address: str) -> tuple[float, float]:
    """Median and slowest answer, in ms, of ROUNDS reset requests for the address."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    url = reverse("admin_password_reset")
    times = []
    for number in range(ROUNDS + 1):
        remote = f"127.{number // 250}.{number % 250}.{1 if address == KNOWN else 2}"
        start = time.perf_counter()
        response = client.post(url, {"email": address}, REMOTE_ADDR=remote)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 302, response.status_code
        if number:  # the first one warms up
            times.append(elapsed)
    return statistics.median(times), max(times)


def run(connection, settings) -> None:
    import redis
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink
    from django.contrib.auth import get_user_model

    from ovop import celery_app

    get_user_model().objects.create_user("sokha", KNOWN, "a-long-test-password", is_staff=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.SITE_URL = "https://ovop.example.org"
    rows = []
    try:
        task_queue(task_always_eager=True)
        rows.append(("in the request", answers(KNOWN), answers(UNKNOWN)))
        prefix = f"ovop-bench-{uuid.uuid4().hex}:"
        transport = {**settings.CELERY_BROKER_TRANSPORT_OPTIONS, "global_keyprefix": prefix}
        task_queue(
            broker_url=REDIS_URL, task_always_eager=False, broker_transport_options=transport
        )
        try:
            rows.append(("queued", answers(KNOWN), answers(UNKNOWN)))
        finally:
            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=f"{prefix}*"))
            if keys:
                client.delete(*keys)
    finally:
        celery_app.set_current()
        smtp.stop()

    print(
        f"Password reset answers, {ROUNDS} requests each; {connection.vendor}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print(
        f"{'mail':<16}{'known: median':>15}{'slowest':>10}{'unknown: median':>18}{'slowest':>10}"
    )
    for name, (known_median, known_max), (unknown_median, unknown_max) in rows:
        print(
            f"{name:<16}{known_median:>12.1f} ms{known_max:>7.1f} ms"
            f"{unknown_median:>15.1f} ms{unknown_max:>7.1f} ms"
        )


if __name__ == "__main__":
    main()
