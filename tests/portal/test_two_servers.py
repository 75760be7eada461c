"""Two app servers behind one load balancer share PostgreSQL and Redis and stay in step.

The test starts two gunicorn instances on loopback ports, both on the test database and
the same Redis, a reviewer publishes a product through the admin of the first, and a
visitor of the second, whose page cache held the catalogue without it, sees it at once.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.portal.redis_support import REDIS_URL, delete_prefixed, new_prefix, redis_or_skip
from tests.scenarios import build_takeo

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PASSWORD = "a-long-test-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """One gunicorn instance of the portal, as a load balancer would see it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "ovop.wsgi"],
            cwd=PROJECT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        for _ in range(150):
            try:
                if self.get("/healthz").startswith("{"):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"gunicorn on port {self.port} did not start")

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        with self.opener.open(self.url + path, data=body, timeout=30) as response:
            return response.read().decode()

    def csrf_token(self, path: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path)).group(1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def two_servers(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the test database of SQLite lives in this process's memory")
    redis_client = redis_or_skip()
    prefix = new_prefix()
    database = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OVOP_"))},
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "OVOP_CACHE_KEY_PREFIX": prefix,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "0",
    }
    servers = [AppServer(env), AppServer(env)]
    yield servers
    for server in servers:
        server.stop()
    delete_prefixed(redis_client, prefix)


def test_a_reviewers_approval_on_one_server_shows_at_once_on_the_other(
    two_servers, django_user_model
):
    first, second = two_servers
    takeo = build_takeo()
    django_user_model.objects.create_superuser("reviewer", "r@example.org", PASSWORD)
    # Both serve the same catalogue; the second now holds it in the shared cache.
    for server in two_servers:
        catalogue = server.get("/en/products/")
        assert "Palm sugar" in catalogue
        assert "Secret recipe" not in catalogue
    assert "Secret recipe" not in second.get("/en/products/")

    first.post(
        "/admin/login/",
        {
            "username": "reviewer",
            "password": PASSWORD,
            "csrfmiddlewaretoken": first.csrf_token("/admin/login/"),
            "next": "/admin/",
        },
    )
    changelist = "/admin/products/product/"
    answer = first.post(
        changelist,
        {
            "action": "publish",
            "_selected_action": [takeo.draft.pk],
            "index": "0",
            "csrfmiddlewaretoken": first.csrf_token(changelist),
        },
    )
    assert "1 record published" in answer

    assert "Secret recipe" in second.get("/en/products/")
    assert "Secret recipe" in first.get("/en/products/")
