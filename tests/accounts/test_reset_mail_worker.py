"""The reset mail end to end, as production runs it: the request queues a task on a real
Redis broker, a real Celery worker process (`celery -A ovop worker`) looks the address up
in the test database and sends through a real SMTP server process (aiosmtpd), which
keeps what it receives in a Maildir.

The known address gets one mail, whose link starts with the configured site address and
works; the unknown address gets none. With the mail server down, the worker tries again
and the mail arrives once the server is back: none is lost.

The worker needs a database it can open: PostgreSQL (DATABASE_URL) or a SQLite file;
with SQLite's in-memory test database the test is skipped.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.accounts.conftest import SITE_URL, task_queue
from tests.portal.redis_support import REDIS_URL, delete_prefixed, new_prefix, redis_or_skip

PROJECT = Path(__file__).resolve().parents[2]
RESET = reverse("admin_password_reset")
SUCCEEDED = re.compile(r"Task accounts\.send_password_reset_mail\[[^]]+\] succeeded")
WAIT_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def eventually(condition: Callable[[], bool], what: str) -> None:
    """Wait until the condition holds; fail saying what did not happen."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {WAIT_SECONDS} s")
        time.sleep(0.2)


class MailServer:
    """aiosmtpd in a process of its own, keeping each mail it receives in a Maildir."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}"),
                *("-c", "aiosmtpd.handlers.Mailbox", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        eventually(self.listening, f"the mail server listening on port {self.port}")

    def listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def received(self) -> list[email.message.EmailMessage]:
        if not (self.folder / "new").exists():
            return []
        box = mailbox.Maildir(self.folder, factory=None, create=False)
        return [
            email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
            for message in box
        ]


class Worker:
    """`celery -A ovop worker` in a process of its own; what it logs goes to a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "ovop", "worker", "--pool=solo"),
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                    *("--loglevel=INFO", "--hostname", f"reset-mail-test-{os.getpid()}@%h"),
                ],
                cwd=PROJECT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        eventually(lambda: "ready." in self.output(), "the worker starting")

    def output(self) -> str:
        if self.process.poll() is not None:
            raise AssertionError(f"the worker stopped:\n{self.log.read_text()}")
        return self.log.read_text()

    def finished(self, count: int) -> bool:
        return len(SUCCEEDED.findall(self.output())) >= count

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def worker_database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        return (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        )
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{database['NAME']}"
    pytest.skip("the worker cannot open SQLite's in-memory test database (use DATABASE_URL)")


@pytest.fixture
def mail_server(tmp_path) -> Iterator[MailServer]:
    server = MailServer(tmp_path / "maildir")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker(transactional_db, mail_server, tmp_path) -> Iterator[Worker]:
    """A worker on the test database and its own keys in the tests' Redis; this process
    queues tasks on the same broker while the test runs."""
    database_url = worker_database_url()
    redis_client = redis_or_skip()
    prefix = f"{new_prefix()}:"
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "OVOP_", "CELERY_", "REDIS_"))
        },
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_SITE_URL": SITE_URL,
        "DJANGO_LOG_FORMAT": "text",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(mail_server.port),
        "DJANGO_EMAIL_TIMEOUT": "5",
        "CELERY_BROKER_URL": REDIS_URL,
        "OVOP_TASK_KEY_PREFIX": prefix,
        "OVOP_MAIL_RETRY_DELAY": "1",
        "OVOP_MAIL_RETRY_MAX_DELAY": "2",
    }
    transport = {**settings.CELERY_BROKER_TRANSPORT_OPTIONS, "global_keyprefix": prefix}
    process = Worker(env, tmp_path / "worker.log")
    try:
        with task_queue(
            broker_url=REDIS_URL, task_always_eager=False, broker_transport_options=transport
        ):
            yield process
    finally:
        process.stop()
        delete_prefixed(redis_client, prefix)


def reset_link(message: email.message.EmailMessage) -> str:
    return re.search(r"https?://\S+/reset/\S+/", message.get_content()).group(0)


def test_the_worker_mails_the_known_address_only_and_retries_until_the_mail_server_is_back(
    client, official, worker, mail_server
):
    client.post(RESET, {"email": "nobody@example.org"})
    client.post(RESET, {"email": "sokha@example.org"})
    eventually(lambda: worker.finished(2), "the worker running both tasks")

    received = mail_server.received()
    assert [message["To"] for message in received] == ["sokha@example.org"]
    assert received[0]["Subject"] == "Password reset on OVOP Cambodia"
    link = reset_link(received[0])
    assert link.startswith(f"{SITE_URL}/admin/reset/")
    form = client.get(link.removeprefix(SITE_URL), follow=True)
    assert 'name="new_password1"' in form.content.decode()

    mail_server.stop()
    client.post(RESET, {"email": "sokha@example.org"})
    eventually(lambda: "trying again in" in worker.output(), "the worker failing to send")
    assert len(mail_server.received()) == 1
    mail_server.start()

    eventually(lambda: len(mail_server.received()) == 2, "the retried mail arriving")
    eventually(lambda: worker.finished(3), "the worker finishing the retried task")
    assert [message["To"] for message in mail_server.received()] == ["sokha@example.org"] * 2
