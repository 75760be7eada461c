"""Two app servers behind one load balancer share PostgreSQL and Redis and stay in step.

The test starts two gunicorn instances as production runs them (gunicorn.conf.py,
DJANGO_DEBUG=0, collected static files) on loopback ports, both on the test database and
the same Redis; a reviewer publishes a product through the admin of the first, and a
visitor of the second, whose page cache held the catalogue without it, sees it at once.
"""

import gzip
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
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


class PlainHttpCookies(http.cookiejar.DefaultCookiePolicy):
    """Sends the portal's secure cookies over the loopback's plain HTTP, as the TLS
    proxy in front of a real server would."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


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
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(PlainHttpCookies()))
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

    def get_compressed(self, path: str) -> tuple[str, bytes]:
        request = urllib.request.Request(self.url + path, headers={"Accept-Encoding": "gzip"})
        with self.opener.open(request, timeout=30) as response:
            return response.headers.get("Content-Encoding", ""), response.read()

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
def two_servers(transactional_db, tmp_path):
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
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "0",
        # The reviewer signs in with a password alone: what is tested here is the cache
        # the servers share (the second factor: tests/accounts/test_two_factor.py).
        "DJANGO_REQUIRE_TWO_FACTOR": "0",
    }
    # What `make serve` does before it starts gunicorn.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=PROJECT,
        env=env,
        check=True,
        timeout=300,
    )
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
    reviewer = django_user_model.objects.create_superuser("reviewer", "r@example.org")
    # Hashed with the servers' own hasher: the tests' fast MD5 one is this process's only.
    reviewer.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-servers", iterations=1000)
    reviewer.save(update_fields=["password"])
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
            "action": "publish_selected",
            "_selected_action": [takeo.draft.pk],
            "index": "0",
            "csrfmiddlewaretoken": first.csrf_token(changelist),
        },
    )
    assert "1 record published" in answer

    assert "Secret recipe" in second.get("/en/products/")
    assert "Secret recipe" in first.get("/en/products/")


def test_each_server_serves_its_hashed_compressed_static_files_and_reports_health(
    two_servers,
):
    for server in two_servers:
        home = server.get("/en/")
        stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "static files are not under hashed names"
        encoding, body = server.get_compressed(stylesheet.group(1))
        assert encoding == "gzip"
        assert b"{" in gzip.decompress(body)
        assert server.get("/healthz") == '{"status": "ok", "database": "ok", "cache": "ok"}'
