"""Cache backends that fail soft: a cache that cannot be reached is a slower site, not a
broken one.

Django's Redis and database backends raise when their server is down or their table is
missing, and every page that touches the cache then answers 500: the page cache
(portal.caching), and every page with a photo, since django-imagekit keeps each
rendition's state in the default cache. These subclasses answer as an empty cache
instead: a read finds nothing, a write keeps nothing. Pages are then rendered afresh,
and imagekit, finding no state, asks the media storage whether the rendition exists.

An outage is logged once per process, as an error when it starts and a warning when
the cache answers again, not once per request. While it lasts the cache is not asked
again for `RETRY_SECONDS` (an entry of the cache's `OPTIONS`, 10 by default), so a
server that no longer answers costs one request per process a connection timeout,
not every request. `/healthz` reports the cache as down meanwhile (portal.health).
Why: docs/decisions/0105-a-cache-outage-serves-pages-uncached.md.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 10
_ABSENT = object()


class Outage:
    """Whether one cache is down, as this process has seen it, shared by its threads."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0

    def should_wait(self) -> bool:
        """Whether to skip the cache now: it is down and the next try is not due."""
        return self._down_since is not None and time.monotonic() < self._retry_at

    def failed(self, error: Exception, retry_seconds: float) -> None:
        with self._lock:
            now = time.monotonic()
            starts = self._down_since is None
            if starts:
                self._down_since = now
            self._retry_at = now + retry_seconds
        if starts:
            logger.error(
                "The cache %s cannot be used (%s: %s); pages are served uncached and "
                "photo renditions are looked up in the media storage until it answers "
                "again, tried at most every %s s.",
                self.name,
                type(error).__name__,
                error,
                retry_seconds,
            )

    def answered(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            down_since, self._down_since = self._down_since, None
        if down_since is not None:
            logger.warning(
                "The cache %s answers again after %.0f s down.",
                self.name,
                time.monotonic() - down_since,
            )


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_of(name: str) -> Outage:
    """The one `Outage` of the cache called `name` in this process (Django makes a
    cache object per thread; an outage is the server's, so they share it)."""
    with _outages_lock:
        return _outages.setdefault(name, Outage(name))


class FailSoftCacheMixin:
    """Answer as an empty cache while the real one fails with one of `failures`."""

    failures: tuple[type[Exception], ...] = ()

    def _fail_soft_init(self, name: str, params: dict[str, Any]) -> dict[str, Any]:
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        self.outage = outage_of(f"{type(self).__name__}({name})")
        self._inside = threading.local()
        return {**params, "OPTIONS": options}

    def _attempt(self, operation: Callable[[], Any]) -> Any:
        return operation()

    def _soft(self, fallback: Any, operation: Callable[[], Any]) -> Any:
        if getattr(self._inside, "operation", False):
            # One operation made of others (the database cache's get is a get_many):
            # the outermost one decides.
            return operation()
        if self.outage.should_wait():
            return fallback
        self._inside.operation = True
        try:
            result = self._attempt(operation)
        except self.failures as error:
            self.outage.failed(error, self.retry_seconds)
            return fallback
        finally:
            self._inside.operation = False
        self.outage.answered()
        return result

    # Each operation of Django's cache API, answering as an empty cache would.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._soft(False, lambda: parent.add(key, value, timeout, version))

    def get(self, key, default=None, version=None):
        parent = super()
        return self._soft(default, lambda: parent.get(key, default, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._soft(None, lambda: parent.set(key, value, timeout, version))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._soft(False, lambda: parent.touch(key, timeout, version))

    def delete(self, key, version=None):
        parent = super()
        return self._soft(False, lambda: parent.delete(key, version))

    def has_key(self, key, version=None):
        parent = super()
        return self._soft(False, lambda: parent.has_key(key, version))

    def get_many(self, keys, version=None):
        parent = super()
        return self._soft({}, lambda: parent.get_many(keys, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._soft(list(data), lambda: parent.set_many(data, timeout, version))

    def delete_many(self, keys, version=None):
        parent = super()
        return self._soft(None, lambda: parent.delete_many(keys, version))

    def incr(self, key, delta=1, version=None):
        parent = super()
        value = self._soft(_ABSENT, lambda: parent.incr(key, delta, version))
        if value is _ABSENT:
            raise ValueError(f"Key '{key}' not found")  # as an empty cache answers
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def clear(self):
        parent = super()
        return self._soft(None, parent.clear)


def without_credentials(server: str | list[str]) -> str:
    """Redis addresses as a log may show them: no user name or password."""
    addresses = server.split(",") if isinstance(server, str) else server
    return ",".join(
        urlsplit(address)._replace(netloc=urlsplit(address).netloc.rpartition("@")[2]).geturl()
        for address in addresses
    )


class FailSoftRedisCache(FailSoftCacheMixin, RedisCache):
    """Django's Redis backend, answering as an empty cache while Redis cannot be used."""

    failures = (redis.RedisError,)

    def __init__(self, server, params):
        super().__init__(server, self._fail_soft_init(without_credentials(server), params))


class FailSoftDatabaseCache(FailSoftCacheMixin, DatabaseCache):
    """Django's database backend, answering as an empty cache while its table is
    missing or cannot be read."""

    failures = (DatabaseError,)

    def __init__(self, table, params):
        super().__init__(table, self._fail_soft_init(table, params))

    def _attempt(self, operation: Callable[[], Any]) -> Any:
        # Inside a transaction, a failed query would spoil it on PostgreSQL; a
        # savepoint keeps the failure to the cache's own statement.
        alias = router.db_for_write(self.cache_model_class)
        if connections[alias].in_atomic_block:
            with transaction.atomic(using=alias):
                return operation()
        return operation()
