"""Dates and numbers written as each language's readers write them, from CLDR's data.

Babel carries CLDR: month names, the order of day and month, and which numbering
system each language calls its own. For Khmer that is `khmr`, the Khmer digits
(០១២…), which Khmer pages use in running text: dates, counts and figures. Codes,
phone numbers and prices stay in the digits they were entered in. English pages
follow British usage (26 January), as the portal's English does.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import format_decimal
from django.utils.translation import get_language

# The portal's languages as CLDR names its locales.
CLDR_LOCALES = {"en": "en_GB", "km": "km"}
# Any leap year formats a day and month without stating a year (29 February included).
YEARLESS = 2000


def cldr_locale(language: str | None = None) -> Locale:
    code = (language or get_language() or "en").split("-")[0]
    return Locale.parse(CLDR_LOCALES.get(code, "en_GB"))


def native_digits(locale: Locale) -> dict[int, str] | None:
    """The locale's own digits, where CLDR names a native numbering system for it that
    is not the Latin one: Khmer's `khmr`. The digits themselves are Unicode's (a
    script's decimal digits are encoded in order from its DIGIT ZERO)."""
    system = locale.other_numbering_systems.get("native")
    if not system or system == "latn" or system == locale.default_numbering_system:
        return None
    script = Locale.parse("en").scripts.get(system.title())
    if not script:
        return None
    zero = ord(unicodedata.lookup(f"{script} digit zero"))
    return {ord(str(n)): chr(zero + n) for n in range(10)}


def in_local_digits(text: str, language: str | None = None) -> str:
    digits = native_digits(cldr_locale(language))
    return text.translate(digits) if digits else text


def format_number(value: int | float | Decimal, language: str | None = None) -> str:
    """A number with the language's grouping and digits (Khmer: ១៤.៥៧៦)."""
    locale = cldr_locale(language)
    system = locale.other_numbering_systems.get("native") if native_digits(locale) else None
    text = format_decimal(value, locale=locale, numbering_system=system or "default")
    return in_local_digits(text, language)


def format_partial_date(
    day: int | None, month: int | None, year: int | None, language: str | None = None
) -> str:
    """A date as far as it is known (day and month, month alone, year alone, or whole),
    never inventing the missing parts. Empty when nothing is known."""
    locale = cldr_locale(language)
    if month is None:
        return in_local_digits(str(year), language) if year else ""
    sample = datetime.date(year or YEARLESS, month, day or 1)
    if day is None:
        text = (
            format_skeleton("yMMMM", sample, locale=locale)
            if year
            else get_month_names("wide", locale=locale)[month]
        )
    elif year:
        text = format_date(sample, "long", locale=locale)
    else:
        text = format_skeleton("MMMMd", sample, locale=locale)
    return in_local_digits(text, language)


def format_day(value: datetime.date, length: str = "long", language: str | None = None) -> str:
    """A whole date ("16 October 2029"; Khmer: "១៦ តុលា ២០២៩"); `length` as CLDR's."""
    return in_local_digits(format_date(value, length, locale=cldr_locale(language)), language)
