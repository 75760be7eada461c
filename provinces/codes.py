"""The gazetteer's code rules, and how officials are told that a code breaks one.

The Ministry of Economy and Finance codes each division by its level: a province has
2 digits, a district 4, a commune 6 and a village 8, and each code starts with its
parent's code. This module is the one place those facts are written. The models
(field validators, database constraints, village flags), the admin, the import and
the test factories ask it, and every path words a problem with the message made here,
so an official reads the same sentence for the same problem wherever it is found.

It imports nothing from the portal's apps, so the models can import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy


def lazy_format(message: Any, params: dict[str, Any], *, capitalise: bool = False) -> str:
    """`message % params`, translated when it is shown rather than when it is defined."""

    def text() -> str:
        formatted = str(message) % {key: str(value) for key, value in params.items()}
        return capfirst(formatted) if capitalise else formatted

    return lazy(text, str)()


@dataclass(frozen=True)
class Level:
    """One level of the gazetteer: its name, its codes' length and its parent level."""

    name: str
    length: int
    parent_name: str | None
    label: str  # translated lazily: "province", "district", ...

    @property
    def parent(self) -> Level | None:
        return LEVELS[self.parent_name] if self.parent_name else None

    @property
    def column(self) -> str:
        """The column that carries this level's code in the Ministry's files."""
        return f"{self.name}_code"

    @property
    def lineage(self) -> list[Level]:
        """This level and the levels above it, from the province down."""
        return [*self.parent.lineage, self] if self.parent else [self]

    @property
    def columns(self) -> list[str]:
        """The code columns a row of this level carries, from the province down."""
        return [level.column for level in self.lineage]

    @property
    def pattern(self) -> str:
        """A regular expression (Python's and the databases') for a well-formed code."""
        return rf"^[0-9]{{{self.length}}}$"

    def is_well_formed(self, code: str) -> bool:
        return re.fullmatch(self.pattern, code) is not None

    def parent_code(self, code: str) -> str:
        """The code of the parent that `code` implies: ``2104`` lies in ``21``."""
        return code[: self.parent.length] if self.parent else ""

    def code_in(self, parent_code: str, number: int) -> str:
        """The code of the `number`-th division of this level under `parent_code`."""
        return f"{parent_code}{number:0{self.length - len(parent_code)}d}"

    # How officials are told about each rule and each way a code breaks it.

    @property
    def length_rule(self) -> str:
        return lazy_format(
            gettext_lazy("%(level)s codes have %(length)s digits."),
            {"level": self.label, "length": self.length},
            capitalise=True,
        )

    @property
    def prefix_rule(self) -> str:
        return lazy_format(
            gettext_lazy("A %(level)s's code starts with its %(parent)s's code."),
            {"level": self.label, "parent": self.parent.label if self.parent else ""},
        )

    @property
    def help_text(self) -> str:
        """The admin's help text for the code field."""
        if self.parent is None:
            return lazy_format(
                gettext_lazy("The Ministry's %(length)s-digit %(level)s code, e.g. 21 for Takeo."),
                {"level": self.label, "length": self.length},
            )
        return lazy_format(
            gettext_lazy("%(length)s digits, starting with the %(parent)s's code."),
            {"length": self.length, "parent": self.parent.label},
        )

    @property
    def help_text_as_published(self) -> str:
        """The admin's help text for a code kept as published, even when it breaks the rules."""
        return lazy_format(
            gettext_lazy(
                "As the Ministry publishes it: normally %(length)s digits starting with the "
                "%(parent)s's code. Codes that break that rule are kept and flagged."
            ),
            {"length": self.length, "parent": self.parent.label if self.parent else ""},
        )

    @property
    def column_help(self) -> str:
        """What the code column of an import file holds."""
        if self is VILLAGE:
            message = gettext_lazy("the %(level)s's official code (normally %(length)s digits)")
        else:
            message = gettext_lazy("the %(level)s's official code (%(length)s digits)")
        return lazy_format(message, {"level": self.label, "length": self.length})

    @property
    def malformed_label(self) -> str:
        """The name of the flag a village carries when its code breaks the length rule."""
        return lazy_format(
            gettext_lazy("code is not %(length)s digits"), {"length": self.length}, capitalise=True
        )

    def shape_problem(self, code: str, *, from_file: bool = False) -> str | None:
        """What is wrong with the shape of `code`, or None when it is well formed.

        A code from a file with too few digits has most likely lost its leading zero
        in a spreadsheet, and the message says so.
        """
        if self.is_well_formed(code):
            return None
        params = {"value": code, "level": self.label, "length": self.length}
        if not (code.isascii() and code.isdigit()):
            return gettext("%(value)s is not a code; %(level)s codes are %(length)s digits.") % (
                params
            )
        message = gettext("%(value)s has %(count)s digits; %(level)s codes have %(length)s") % {
            **params,
            "count": len(code),
        }
        if from_file and len(code) < self.length:
            return message + gettext(" — did a spreadsheet drop a leading zero?")
        return message + "."

    def prefix_problem(self, code: str, parent_code: str) -> str | None:
        """What is wrong when `code` does not start with its parent's code, or None."""
        if self.parent is None or code.startswith(parent_code):
            return None
        return gettext("%(code)s does not start with its %(parent)s's code %(parent_code)s.") % {
            "code": code,
            "parent": self.parent.label,
            "parent_code": parent_code,
        }

    def district_prefix_problem(self, code: str, district_code: str) -> str | None:
        """A new or re-coded village must start with its district's code, or None.

        Every row of the Ministry's lists keeps this rule, even those whose code
        breaks the commune prefix, so it is refused rather than flagged.
        """
        if code.startswith(district_code):
            return None
        return gettext(
            "%(code)s does not start with its district's code %(district_code)s; a new or "
            "re-coded village's code must."
        ) % {"code": code, "district_code": district_code}

    def too_long_problem(self, code: str) -> str | None:
        """Refused outright, even for villages: the database holds no longer code."""
        if len(code) <= self.length:
            return None
        return gettext("%(code)s is too long; %(level)s codes have %(length)s digits.") % {
            "code": code,
            "level": self.label,
            "length": self.length,
        }


def shared_problem(code: str, others: int | None = None) -> str:
    """A village code that other villages use too (`others` of them, when counted)."""
    if others is None:
        return gettext("%(code)s is used by other villages too.") % {"code": code}
    return gettext("%(code)s is also the code of %(count)s other village(s).") % {
        "code": code,
        "count": others,
    }


PROVINCE = Level("province", 2, None, gettext_lazy("province"))
DISTRICT = Level("district", 4, "province", gettext_lazy("district"))
COMMUNE = Level("commune", 6, "district", gettext_lazy("commune"))
VILLAGE = Level("village", 8, "commune", gettext_lazy("village"))
LEVELS = {level.name: level for level in (PROVINCE, DISTRICT, COMMUNE, VILLAGE)}


@deconstructible(path="provinces.codes.CodeValidator")
class CodeValidator:
    """Refuses a code of the wrong shape for its level, in the words officials read."""

    code = "invalid_code"

    def __init__(self, level: str):
        self.level = level

    def __call__(self, value: str) -> None:
        problem = LEVELS[self.level].shape_problem(value)
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CodeValidator) and other.level == self.level

    def __hash__(self) -> int:
        return hash(self.level)
