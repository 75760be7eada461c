"""The public page cache: whole pages kept for visitors without a session, dropped at
once when public content changes.

Every cached page is kept with the *generation* it was made in, a token kept in the
cache itself, and served only while that token is current; both are read in one round
trip. Any committed save or delete of a record of `settings.PUBLIC_CONTENT_APPS`
(places, producers, products and their photos, events, and the import log that every
confirmed import writes) replaces the token, so no page cached before is served again
and an approval shows on the next request. The change is made on commit: a write that
is rolled back (an import's dry run, a refused form inside a transaction) changes
nothing. Writes that send no signals (`QuerySet.update()`, `bulk_create()`) call
`public_content_changed()` themselves, or are followed by one that does; the page
lifetime (`PUBLIC_PAGE_CACHE_SECONDS`) is the safety net.

A request carrying a session cookie (a logged-in official, or anyone who has been)
is neither served from the cache nor stored in it, so what officials see, previews
included, never reaches the public. A page's key is its absolute URL and the active
language; a response that varies on a header is not kept.

A view declares the query parameters it reads (`query_parameters`, on the view class
or given here). The view is then shown only those that have a value, and the key
holds only those, in the order of their names: `?utm_source=…`, `?fbclid=…` or any other
parameter the page does not read shares the page's one entry, and cannot reach the
page either (in a pagination link, say), so no visitor is served a page made for
another's parameters. A view that declares nothing would keep its whole query string,
in the key and in the view; a test requires every cached page to declare
(tests/portal/test_page_cache_parameters.py).

The cache may be down: the portal's backends then answer as an empty cache
(portal/cache_backends.py), and pages are rendered afresh. Why not `cache_page`:
docs/decisions/0030-public-page-cache.md; how the cache fails: 0105.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import get_language

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
    """Whether a fresh response may be served to other visitors: a full page that
    varies on no header, set no cookie, and neither used a CSRF token nor wrote a
    session."""
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.has_header("Vary")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


def declared_parameters(view: Callable[..., HttpResponse]) -> frozenset[str] | None:
    """The query parameters `view` reads, as its class (or the function) declares them
    in `query_parameters`; None if it declares nothing."""
    owner = getattr(view, "view_class", view)
    declared = getattr(owner, "query_parameters", None)
    return None if declared is None else frozenset(declared)


def keep_only_parameters(request: HttpRequest, names: frozenset[str]) -> None:
    """Leave in the request's query only `names`, without empty values: what the view
    reads, what the page's key holds and what its own links repeat then agree."""
    query = urlencode(
        [
            (name, value)
            for name, values in request.GET.lists()
            if name in names
            for value in values
            if value != ""
        ]
    )
    request.GET = QueryDict(query, encoding=request.encoding)
    request.META["QUERY_STRING"] = query


def page_key(request: HttpRequest) -> str:
    """A page's key: its absolute address, with the query (once `keep_only_parameters`
    has run, what the view reads) in the order of the parameters' names, and the
    active language."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = request.build_absolute_uri(request.path) + "?" + query
    digest = hashlib.md5(address.encode(), usedforsecurity=False)
    return f"public-pages:{get_language()}:{digest.hexdigest()}"


def cache_public_page(
    view: Callable[..., HttpResponse], query_parameters: Iterable[str] | None = None
) -> Callable[..., HttpResponse]:
    """Serve `view`'s page from the public page cache for visitors without a session.

    A page is kept with the generation it was made in, and read together with the
    current generation in one round trip to the cache; it is served only if the two
    match. `query_parameters` (or the view's own declaration) names the parameters
    the page reads; the others are dropped before the view sees the request.
    """
    names = (
        frozenset(query_parameters) if query_parameters is not None else declared_parameters(view)
    )

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if names is not None and request.method in ("GET", "HEAD"):
            keep_only_parameters(request, names)
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY) or generation()
        except Exception:
            # The portal's backends fail soft; any other error still must not take
            # a page down.
            logger.exception("The page cache cannot be read; serving %s uncached", request.path)
            return view(request, *args, **kwargs)
        if current is None:
            # The cache answers as an empty one (it is down): no generation to keep a
            # page under, so none is read or kept.
            return view(request, *args, **kwargs)
        made_in, page = found.get(key, (None, None))
        if page is not None and made_in == current:
            return page
        response = view(request, *args, **kwargs)

        def store(rendered: HttpResponse) -> None:
            if not _is_the_same_for_everyone(request, rendered):
                return
            try:
                cache.set(key, (current, rendered), settings.PUBLIC_PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("The page cache cannot be written; %s not kept", request.path)

        if callable(getattr(response, "render", None)):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    cached_view.page_query_parameters = names  # type: ignore[attr-defined]
    return cached_view
