"""Request middleware of the portal as a whole."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from portal.database import is_database_busy

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
