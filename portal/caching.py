"""The public page cache: whole pages kept for visitors without a session, dropped at
once when public content changes.

Every cached page's key carries the *generation*, a token kept in the cache itself.
Any committed save or delete of a record of `settings.PUBLIC_CONTENT_APPS` (places,
producers, products and their photos, events, and the import log that every confirmed
import writes) replaces the token, so every page cached before is never read again and
an approval shows on the next request. The change is made on commit: a write that is
rolled back (an import's dry run, a refused form inside a transaction) changes nothing.
Writes that send no signals (`QuerySet.update()`, `bulk_create()`) call
`public_content_changed()` themselves, or are followed by one that does; the page
lifetime (`PUBLIC_PAGE_CACHE_SECONDS`) is the safety net.

A request carrying a session cookie (a logged-in official, or anyone who has been)
is neither served from the cache nor stored in it, so what officials see, previews
included, never reaches the public. Keys are Django's own (`django.utils.cache`): the
absolute URL with its query string, the active language and the headers the response
varies on. Why not `cache_page`: docs/decisions/0030-public-page-cache.md.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_cache_key, learn_cache_key

GENERATION_KEY = "public-pages:generation"

logger = logging.getLogger(__name__)


def generation() -> str:
    """The current generation of public content; made on first use."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def public_content_changed(using: str | None = None) -> None:
    """Make every cached public page stale when the current transaction commits.

    Outside a transaction, at once; inside one that is rolled back, never. If the cache
    cannot be reached then, the write stands and the error is logged (`robust`); pages
    cached before expire with their lifetime.
    """
    transaction.on_commit(_new_generation, using=using, robust=True)


def _record_written(sender, using: str | None = None, **kwargs) -> None:
    if sender._meta.app_label in settings.PUBLIC_CONTENT_APPS:
        public_content_changed(using)


def connect_signals() -> None:
    """Follow every save, delete and many-to-many change of public content."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_written, dispatch_uid=f"public-page-cache-{signal}")


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _is_the_same_for_everyone(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether a fresh response may be served to other visitors: a full page that set
    no cookie and neither used a CSRF token nor wrote a session."""
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view`'s page from the public page cache for visitors without a session."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        try:
            prefix = f"public-pages:{generation()}"
            key = get_cache_key(request, prefix, "GET", cache=cache)
            cached = cache.get(key) if key is not None else None
        except Exception:
            # An unreachable cache slows the site down; it must not take it down.
            logger.exception("The page cache cannot be read; serving %s uncached", request.path)
            return view(request, *args, **kwargs)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS

        def store(rendered: HttpResponse) -> None:
            if not _is_the_same_for_everyone(request, rendered):
                return
            try:
                page_key = learn_cache_key(request, rendered, timeout, prefix, cache=cache)
                cache.set(page_key, rendered, timeout)
            except Exception:
                logger.exception("The page cache cannot be written; %s not kept", request.path)

        if callable(getattr(response, "render", None)):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    return cached_view
