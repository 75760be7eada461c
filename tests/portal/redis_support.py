"""The Redis the tests use: 127.0.0.1:6379, under a key prefix of each test's own."""

import os
import uuid

import pytest
import redis

REDIS_URL = os.environ.get("OVOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_or_skip() -> redis.Redis:
    """A client of the tests' Redis; without one, skip (fail in CI, which starts it)."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (.ci/run starts one)")
    return client


def new_prefix() -> str:
    return f"ovop-test-{uuid.uuid4().hex}"


def delete_prefixed(client: redis.Redis, prefix: str) -> None:
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
