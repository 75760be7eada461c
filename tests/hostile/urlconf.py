"""The URLconf as a list of routes, to send any text to each parameter of each route."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern, its route text from the root (`en/provinces/district/<code:code>/
    <slug:slug>/`) and its full name (`provinces:district`)."""

    text: str
    name: str

    @property
    def parameters(self) -> dict[str, str]:
        """Each parameter's name and its converter (`str` when the route names none)."""
        return {m["name"]: m["converter"] or "str" for m in PARAMETER.finditer(self.text)}

    def url(self, values: dict[str, str]) -> str:
        """The address with each parameter's text, percent-encoded as a link would be."""
        return "/" + PARAMETER.sub(lambda m: quote(values[m["name"]], safe=""), self.text)


def routes(*, skip_namespaces: tuple[str, ...] = ("admin",), language: str = "en") -> list[Route]:
    """Every route of the URLconf, apart from the namespaces skipped (the admin's pages
    are walked model by model) and the regular-expression patterns of libraries."""
    return list(_walk(get_resolver().url_patterns, "", [], skip_namespaces, language))


def _walk(patterns, prefix, namespaces, skip, language):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            text = f"{language}/"
        elif isinstance(pattern, RoutePattern):
            text = str(pattern)
        else:
            continue
        if isinstance(entry, URLResolver):
            if entry.namespace in skip:
                continue
            inner = [*namespaces, entry.namespace] if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, prefix + text, inner, skip, language)
        elif entry.name:
            yield Route(prefix + text, ":".join([*namespaces, entry.name]))
