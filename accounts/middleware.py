"""With debugging on, the portal answers this machine only.

DJANGO_DEBUG=1 makes Django show its technical error pages (settings, source code,
SQL, every URL pattern) to whoever causes an error. That is what `make run` on
127.0.0.1 is for, and never for anyone else: a request from any other address (as
`accounts.clientip` reads it, behind trusted proxies too) is refused with a short
text saying why, before any other code runs, unless DJANGO_DEBUG_ALLOW_REMOTE=1 says
otherwise explicitly (a developer's virtual machine, say). With debugging off this
middleware removes itself.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from accounts.clientip import client_ip, parse_address

REFUSAL = (
    "This portal runs with DJANGO_DEBUG=1, which shows technical details of any error, "
    "so it answers only the machine it runs on. To serve others, set DJANGO_DEBUG=0 "
    "(see the README's production section).\n"
)


def is_loopback(address: str) -> bool:
    parsed = parse_address(address)
    return parsed is not None and ipaddress.ip_address(parsed).is_loopback


class LocalOnlyWhileDebuggingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.DEBUG or settings.DEBUG_ALLOW_REMOTE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_loopback(client_ip(request)):
            return HttpResponseForbidden(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
