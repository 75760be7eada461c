"""System checks of the portal's own configuration, run by `manage.py check`,
`migrate` and `runserver`."""

from __future__ import annotations

from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.core.checks import CheckMessage, Warning, register
from django.http.request import validate_host

from portal.staticfiles import ForgivingManifestStaticFilesStorage, manifest_missing


@register()
def static_files_collected(app_configs, **kwargs) -> list[CheckMessage]:
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    uses_manifest = backend == (
        f"{ForgivingManifestStaticFilesStorage.__module__}."
        f"{ForgivingManifestStaticFilesStorage.__name__}"
    )
    if settings.DEBUG or not uses_manifest or not manifest_missing():
        return []
    return [
        Warning(
            "The static files are not collected: STATIC_ROOT has no staticfiles.json.",
            hint="Run `python manage.py collectstatic --no-input` before serving; "
            "until then pages show without their styles.",
            id="portal.W001",
        )
    ]


MAIL_NOT_SENT = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(deploy=True)
def mail_configured(app_configs, **kwargs) -> list[CheckMessage]:
    """Officials' password-reset links go by mail: a production portal must send it, from
    an address mail servers accept."""
    if settings.EMAIL_BACKEND in MAIL_NOT_SENT:
        return [
            Warning(
                f"Mail is not sent: DJANGO_EMAIL_BACKEND is {settings.EMAIL_BACKEND}.",
                hint="Officials who forget their password get no reset link. Use the SMTP "
                "backend (the production default) with DJANGO_EMAIL_HOST.",
                id="portal.W002",
            )
        ]
    sender = settings.DEFAULT_FROM_EMAIL
    if not sender or sender.endswith("@localhost"):
        return [
            Warning(
                f"Mail would be sent from {sender or 'no address'}, which mail servers "
                "refuse or file as spam.",
                hint="Set DJANGO_DEFAULT_FROM_EMAIL (e.g. "
                "'OVOP Cambodia <no-reply@ovop.example.org>') and DJANGO_EMAIL_HOST.",
                id="portal.W003",
            )
        ]
    return []


@register(deploy=True)
def site_url_configured(app_configs, **kwargs) -> list[CheckMessage]:
    """Links in mails and on certificates start with SITE_URL, never with a request's Host."""
    if not settings.SITE_URL:
        return [
            Warning(
                "DJANGO_SITE_URL is not set: mails that carry links (password resets) "
                "are not sent, and certificate PDFs print no verification address.",
                hint="Set DJANGO_SITE_URL to the address people reach the portal at, "
                "e.g. https://ovop.example.org.",
                id="portal.W004",
            )
        ]
    host = urlsplit(settings.SITE_URL).hostname
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"DJANGO_SITE_URL names {host}, which DJANGO_ALLOWED_HOSTS does not list: "
                "the links mailed would not open.",
                hint="Add the host to DJANGO_ALLOWED_HOSTS, or correct DJANGO_SITE_URL.",
                id="portal.W005",
            )
        ]
    return []


@register(deploy=True)
def task_queue_configured(app_configs, **kwargs) -> list[CheckMessage]:
    """Without a broker, tasks run inside the request that queues them."""
    if settings.CELERY_BROKER_URL:
        return []
    return [
        Warning(
            "No task queue broker: mails are sent inside the request, which then takes "
            "longer for an address with an account than for one without, and waits for "
            "the mail server.",
            hint="Set REDIS_URL (or CELERY_BROKER_URL) and run a worker: "
            "`celery -A ovop worker` (README, Production).",
            id="portal.W006",
        )
    ]


@register(deploy=True)
def redis_memory_bounded(app_configs, **kwargs) -> list[CheckMessage]:
    """Every page a visitor can ask for may become a cache entry: Redis needs a memory
    limit and a policy that evicts any key, or it grows until the machine runs out."""
    if not settings.REDIS_URL:
        return []
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        config = client.config_get("maxmemory*")
    except redis.RedisError:
        return []  # down, or CONFIG refused (a managed Redis): nothing to tell
    finally:
        client.close()
    limit = int(config.get("maxmemory", 0))
    policy = config.get("maxmemory-policy", "")
    if limit and policy.startswith("allkeys-"):
        return []
    return [
        Warning(
            f"Redis at REDIS_URL may grow without bound: maxmemory is {limit or 'unset'}, "
            f"maxmemory-policy is {policy or 'unset'}.",
            hint="Set `maxmemory` (e.g. 256mb) and `maxmemory-policy allkeys-lru` in "
            "redis.conf; the README's production section says how to size it.",
            id="portal.W105",
        )
    ]


@register(deploy=True)
def broker_not_evicted(app_configs, **kwargs) -> list[CheckMessage]:
    """The cache's Redis evicts any key when full; a queued mail there could be evicted too."""
    broker = urlsplit(settings.CELERY_BROKER_URL or "")
    cache = urlsplit(settings.REDIS_URL or "")
    if not broker.scheme.startswith("redis") or (broker.hostname, broker.port) != (
        cache.hostname,
        cache.port,
    ):
        return []
    return [
        Warning(
            "The task queue's broker is the cache's Redis server, which evicts any key when "
            "its memory is full: a queued mail could be evicted before a worker sends it.",
            hint="Point CELERY_BROKER_URL at a Redis server of its own with "
            "`maxmemory-policy noeviction` (README, Production).",
            id="portal.W007",
        )
    ]
