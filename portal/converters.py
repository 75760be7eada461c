"""Path converters for the segments of the portal's URLs that are keys.

A segment that is a code, a number or a certificate number is matched by its shape in
the URLconf, so text that cannot be a key (a NUL character, letters where digits go,
ten thousand characters) is a 404 from the resolver and never reaches a query.
PostgreSQL refuses NUL in text outright: a `<str:code>` segment of `%00` was a server
error there (docs/decisions/0110-keys-checked-before-queries.md).

Registered once, when the portal app is ready; every urls.py uses them by name:
`<code:code>`, `<certificate:number>`, with Django's own `<int:pk>` and `<slug:slug>`.
"""

from __future__ import annotations

from django.urls import register_converter


class CodeConverter:
    """A code of the Ministry's gazetteer: 2 digits for a province to 8 for a village."""

    regex = "[0-9]{2,8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


class CertificateNumberConverter:
    """A certificate number as printed (OVOP-2026-00001): capital letters, digits and
    hyphens, at most the 40 characters the number's column holds.

    The same shape as recognition's verification form makes of what a visitor types,
    so the form's redirect always has an address to go to.
    """

    regex = "[A-Z0-9-]{1,40}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


def register() -> None:
    register_converter(CodeConverter, "code")
    register_converter(CertificateNumberConverter, "certificate")
