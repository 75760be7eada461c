"""Request middleware of the portal as a whole."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from portal.database import is_database_busy
from portal.text import query_holds_nul

RETRY_AFTER_SECONDS = 30


class DatabaseBusyMiddleware:
    """A request whose write waited its full turn for the database answers 503, "busy,
    try again in a minute" in both languages, with Retry-After, instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        # Rendered without a request context: the database is not to be asked again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class NulCharacterMiddleware:
    """A request whose address, query parameters or cookies carry a NUL character
    answers 400, before any view.

    No address, parameter or cookie of the portal takes one, and PostgreSQL refuses
    NUL in text: one that reached a query was a server error. The URL converters and
    the admin's key checks refuse them on their own; this is the second line, for
    whatever reads a value without them (docs/decisions/0111-nul-refused-site-wide.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request):
            raise BadRequest("A NUL character in the address, its parameters or the cookies.")
        return self.get_response(request)


def carries_nul(request: HttpRequest) -> bool:
    cookies = [*request.COOKIES.keys(), *request.COOKIES.values()]
    return (
        "\x00" in request.path
        or query_holds_nul(request.GET)
        or any("\x00" in text for text in cookies)
    )
