"""`/healthz` tells a load balancer whether this app server can serve."""

import json

import pytest

from tests.portal.redis_support import REDIS_URL, delete_prefixed, new_prefix, redis_or_skip


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_checks_a_shared_cache_when_one_is_configured(client, db, settings):
    redis_client = redis_or_skip()
    prefix = new_prefix()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        response = client.get("/healthz")
    finally:
        delete_prefixed(redis_client, prefix)

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_cache_is_down(client, db, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "down"
    assert "Health check of the cache failed" in caplog.text


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_only_answers_get(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405
