"""With the cache down, every page still answers, uncached.

The cache is configured as `ovop/settings.py` makes it from the environment: Redis when
`REDIS_URL` is set, the database cache table in production without it. Redis is either
a port nothing listens on, or a redis-server of the test's own that it stops and starts
again; the database cache's table is missing, as before `createcachetable`. Each time,
the public pages (a photo's rendition among them), the admin's login (signing in too)
and a changelist answer 200, `/healthz` reports the cache down, and the log has one
error line for the outage, not one per request.
"""

from __future__ import annotations

import logging
import runpy
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.test import Client
from imagekit.cachefiles.backends import get_default_cachefile_backend

from tests.portal.redis_support import RedisServer, port_nobody_listens_on
from tests.portal.test_page_cache import queries_of
from tests.scenarios import build_takeo

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "ovop" / "settings.py"
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
}
PASSWORD = "a-long-test-password"


def caches_from_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    """`CACHES` as ovop/settings.py makes it in this environment."""
    with monkeypatch.context() as patched:
        patched.delenv("REDIS_URL", raising=False)
        for name, value in env.items():
            patched.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))["CACHES"]


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def renditions_read_this_tests_cache():
    """django-imagekit's one backend object keeps the cache it first used; each test
    here gives it the cache the test configured."""
    backend = get_default_cachefile_backend()
    backend._cache = None
    yield
    backend._cache = None


@pytest.fixture
def takeo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the photo and its renditions
    return build_takeo()


def pages(takeo) -> list[str]:
    return [
        "/en/",
        "/en/products/",
        takeo.product.get_absolute_url(),
        "/en/provinces/takeo/",
        "/km/products/",
    ]


def read_every_page(takeo, superuser) -> dict[str, int]:
    """Each page's status, read as a visitor and as an official, twice over; the
    official also signs in with their password (sessions and failed-login counts are
    kept in the database, not the cache)."""
    statuses = {}
    visitor = Client()
    official = Client()
    official.force_login(superuser)
    for _ in range(2):
        for url in pages(takeo):
            statuses[url] = visitor.get(url).status_code
        statuses["/admin/login/"] = Client().get("/admin/login/").status_code
        statuses["/admin/products/product/"] = official.get("/admin/products/product/").status_code
        signed_in = Client().post(
            "/admin/login/?next=/admin/",
            {"username": superuser.username, "password": PASSWORD},
            follow=True,
        )
        assert signed_in.redirect_chain[-1][0] == "/admin/"
        statuses["/admin/login/ (POST)"] = signed_in.status_code
    return statuses


def error_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def recoveries(caplog) -> list[str]:
    """What the cache backends logged on finding the cache back."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "portal.cache_backends" and record.levelno == logging.WARNING
    ]


def assert_the_cache_is_reported_down(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "cache": "down"}


def test_every_page_answers_while_redis_cannot_be_reached(
    client, takeo, superuser, settings, monkeypatch, caplog
):
    url = f"redis://127.0.0.1:{port_nobody_listens_on()}/0"
    settings.CACHES = caches_from_settings(monkeypatch, REDIS_URL=url)
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600

    statuses = read_every_page(takeo, superuser)

    assert set(statuses.values()) == {200}, statuses
    product_page = client.get(takeo.product.get_absolute_url()).content.decode()
    assert "Blocks of palm sugar" in product_page
    assert "/media/CACHE/images/" in product_page  # the photo's rendition
    assert_the_cache_is_reported_down(client)
    assert len(error_lines(caplog)) == 1, error_lines(caplog)
    assert "cannot be used" in error_lines(caplog)[0]


def test_pages_answer_when_a_real_redis_stops_and_are_cached_again_when_it_is_back(
    client, takeo, superuser, settings, monkeypatch, caplog, own_redis
):
    caches = caches_from_settings(monkeypatch, REDIS_URL=own_redis.url)
    # Try the cache on every request, so that its return shows at once.
    caches["default"]["OPTIONS"]["RETRY_SECONDS"] = 0
    settings.CACHES = caches
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    product = takeo.product.get_absolute_url()
    client.get(product)
    assert not queries_of(client, product), "the page was not served from Redis"

    own_redis.stop()
    statuses = read_every_page(takeo, superuser)

    assert set(statuses.values()) == {200}, statuses
    assert "Blocks of palm sugar" in client.get(product).content.decode()
    assert_the_cache_is_reported_down(client)
    assert len(error_lines(caplog)) == 1, error_lines(caplog)

    own_redis.start()
    client.get(product)

    assert client.get("/healthz").json()["cache"] == "ok"
    assert not queries_of(client, product), "the page is not cached again"
    assert len(recoveries(caplog)) == 1, recoveries(caplog)
    assert len(error_lines(caplog)) == 1


def test_every_page_answers_without_the_database_cache_table(
    client, takeo, superuser, settings, monkeypatch, caplog
):
    settings.CACHES = caches_from_settings(monkeypatch, **PRODUCTION)
    assert settings.CACHES["default"]["LOCATION"] not in connection.introspection.table_names()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600

    statuses = read_every_page(takeo, superuser)

    assert set(statuses.values()) == {200}, statuses
    assert "/media/CACHE/images/" in client.get(takeo.product.get_absolute_url()).content.decode()
    assert_the_cache_is_reported_down(client)
    assert len(error_lines(caplog)) == 1, error_lines(caplog)
    assert not recoveries(caplog)
    # The failed cache statements left the request's transaction usable (PostgreSQL
    # refuses every statement after a failed one until a rollback).
    assert superuser.__class__.objects.filter(pk=superuser.pk).exists()


def test_a_cache_that_is_down_is_not_asked_again_before_its_retry_time(
    client, takeo, settings, monkeypatch, own_redis
):
    caches = caches_from_settings(monkeypatch, REDIS_URL=own_redis.url)
    caches["default"]["OPTIONS"]["RETRY_SECONDS"] = 3600
    settings.CACHES = caches
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    own_redis.stop()
    client.get("/en/")  # finds Redis down

    own_redis.start()
    client.get("/en/")

    assert client.get("/en/").status_code == 200
    assert not list(redis.Redis(port=own_redis.port).scan_iter()), "Redis was asked"


def test_the_outage_is_logged_without_the_redis_password(
    client, takeo, settings, monkeypatch, caplog
):
    url = f"redis://:s3cret-password@127.0.0.1:{port_nobody_listens_on()}/0"
    settings.CACHES = caches_from_settings(monkeypatch, REDIS_URL=url)

    assert client.get("/en/").status_code == 200

    assert len(error_lines(caplog)) == 1
    assert "redis://127.0.0.1:" in error_lines(caplog)[0]
    assert "s3cret-password" not in caplog.text
