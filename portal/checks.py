"""System checks of the portal's own configuration, run by `manage.py check`,
`migrate` and `runserver`."""

from __future__ import annotations

import redis
from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

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
