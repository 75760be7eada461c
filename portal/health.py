"""`/healthz`: whether this app server can answer, for a load balancer or a monitor.

Checks the database (one `SELECT 1` on the default connection) and the cache (a write
and a read, unless the cache is this process's memory, which cannot fail the same
way). Answers 200 with what it checked, or 503 naming what is down; never cached.

The portal's shared caches fail soft (portal/cache_backends.py): pages are still served
while the cache is down, the outage is logged once by the backend, and here the write
that was not kept shows as the cache being down. A load balancer that should keep
serving through a cache outage probes for the database only, or reads the body.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def _database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    answered = cache.get(key) == "ok"
    cache.delete(key)
    return answered


def checks() -> dict[str, bool]:
    """Each dependency this server needs, and whether it answered."""
    results = {}
    probes = {"database": _database_answers}
    if settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHES:
        probes["cache"] = _cache_answers
    for name, probe in probes.items():
        try:
            results[name] = probe()
        except Exception:
            logger.exception("Health check of the %s failed", name)
            results[name] = False
    return results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = checks()
    healthy = all(results.values())
    response = JsonResponse(
        {
            "status": "ok" if healthy else "failing",
            **{k: "ok" if v else "down" for k, v in results.items()},
        },
        status=200 if healthy else 503,
    )
    # What is down was logged once, when it went down (by the cache backend, or above);
    # Django would log every probe's 503 as one more error line.
    response._has_been_logged = True
    return response
