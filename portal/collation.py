"""Sorting names as their readers expect: Khmer names in Khmer dictionary order.

Khmer sorted by code point is not Khmer order (a vowel sign such as ោ comes before
the nasal sign ំ in Unicode, so កោះកុង would precede កំពង់ចាម). PostgreSQL sorts by
ICU's Khmer collation, `km-x-icu`, which a migration creates where the server lacks
it. SQLite has no Khmer collation; there names sort by code point, which keeps the
consonants in alphabet order but not the vowels and subscripts
(docs/decisions/0060-khmer-collation.md).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Expression, F, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language

KHMER_COLLATION = "km-x-icu"


def khmer_collation_available() -> bool:
    return connection.vendor == "postgresql"


def in_khmer_order(expression: Expression | str) -> Expression:
    """`expression` compared in Khmer order where the database can (see the module)."""
    expression = F(expression) if isinstance(expression, str) else expression
    if khmer_collation_available():
        return Collate(expression, KHMER_COLLATION)
    return expression


def name_order(path: str = "") -> Expression:
    """Order by the name visitors see: on Khmer pages the Khmer name (the English one
    where it is missing) in Khmer order, else the English name."""
    if (get_language() or "").startswith("km"):
        return in_khmer_order(Coalesce(NullIf(f"{path}name_km", Value("")), f"{path}name_en"))
    return F(f"{path}name_en")
