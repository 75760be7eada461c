"""Template tags every public page uses: language links, absolute URLs, breadcrumbs."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

from portal.formats import format_day, format_number

register = template.Library()

# Each language named in itself, as a switcher shows it (Django's own table gives
# Khmer's name in Latin letters).
NAMES_IN_THEMSELVES = {"en": "English", "km": "ខ្មែរ"}


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict]:
    """This page in each language, for the language switcher and hreflang links.

    A page that cannot be translated (a 404) links to the home page in the other
    language instead.
    """
    request: HttpRequest | None = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            with override(code):
                url = reverse("portal:home")
        links.append(
            {
                "code": code,
                "name_local": NAMES_IN_THEMSELVES.get(code)
                or get_language_info(code)["name_local"],
                "url": url,
                "is_active": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str = "") -> str:
    """`url` as an absolute URL on this host; the current page's address without a query."""
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(url or request.path)


@register.filter
def og_locale(language_code: str) -> str:
    """Open Graph's locale for a language code (km → km_KH)."""
    return {"en": "en_GB", "km": "km_KH"}.get(language_code, language_code)


@register.filter
def elided_range(page_obj) -> list:
    """Page numbers around the current page, with ellipses, for pagination links."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2))


@register.filter
def fallback_lang(record, field: str) -> str:
    """` lang="en"` where a Khmer page shows a field's English text for want of Khmer.

    Screen readers then read that text with an English voice (WCAG 3.1.2, language
    of parts). `field` names the pair: "name" stands for name_en and name_km.
    """
    if not (get_language() or "").startswith("km") or not record:
        return ""
    if getattr(record, f"{field}_km", "") or not getattr(record, f"{field}_en", ""):
        return ""
    return mark_safe(' lang="en"')


@register.filter
def local_number(value) -> str:
    """A figure in the page's language: grouped, in Khmer digits on Khmer pages."""
    if value is None or value == "":
        return ""
    try:
        return format_number(value)
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


@register.filter
def any_year_unstated(events) -> bool:
    """Whether a list shows a date whose year its source does not state, so that the
    page says so once, under the list, rather than after every date."""
    return any(event.month is not None and event.year is None for event in events)


@register.filter
def local_date(value, length: str = "long") -> str:
    """A date as the page's language writes it (Khmer digits and month names)."""
    if not value:
        return ""
    return format_day(value, length)
