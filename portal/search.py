"""What a search may cost: a bounded number of words, a bounded length.

Every search in the portal (the catalogue, the admin's lists and autocomplete) turns
each word into a condition over several columns, so its cost grows with the number of
words; unbounded, one visitor's query of thousands of words held a worker for seconds
and ended in a server error ("Expression tree is too large" on SQLite). A search takes
at most MAX_SEARCH_LENGTH characters and of those the first MAX_SEARCH_TERMS distinct
words; the page says so when it dropped anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.text import normalise_text, without_control_characters

MAX_SEARCH_TERMS = 10
MAX_SEARCH_LENGTH = 200


@dataclass(frozen=True)
class BoundedSearch:
    terms: list[str]
    truncated: bool

    @property
    def text(self) -> str:
        return " ".join(self.terms)


def bounded_search(text: str, split: Callable[[str], list[str]] = str.split) -> BoundedSearch:
    """The words of `text` a search uses, and whether anything was dropped.

    `split` cuts the text into words (the admin keeps quoted phrases whole).
    """
    text = normalise_text(without_control_characters(text or ""))
    truncated = len(text) > MAX_SEARCH_LENGTH
    terms = list(dict.fromkeys(split(text[:MAX_SEARCH_LENGTH])))
    if len(terms) > MAX_SEARCH_TERMS:
        terms, truncated = terms[:MAX_SEARCH_TERMS], True
    return BoundedSearch(terms, truncated)


def truncation_notice() -> str:
    return _(
        "Only the first %(terms)d words of the search (at most %(length)d characters) were used."
    ) % {"terms": MAX_SEARCH_TERMS, "length": MAX_SEARCH_LENGTH}
