"""Spreadsheet formula neutralising: cells written on export, and read back on import.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula, so an exported name like `=HYPERLINK(...)` could act on the
official's machine. Such cells are written with a leading apostrophe, which
spreadsheets show as plain text. An import strips that apostrophe exactly once, so a
file exported from the portal imports back to the same values.

The scheme is a bijection on strings: a value that already starts with apostrophes
followed by a trigger (`'=x`) gets one more on export (`''=x`) and loses exactly one
on import, so no value is changed by a round trip.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def _is_formula_like(value: str) -> bool:
    return value.lstrip(PREFIX).startswith(FORMULA_TRIGGERS)


def neutralise(value: object) -> object:
    """The value as it should be written to an exported cell."""
    if isinstance(value, str) and _is_formula_like(value):
        return PREFIX + value
    return value


def unneutralise(value: str) -> str:
    """The value an imported cell stands for: one neutralising apostrophe removed."""
    if value.startswith(PREFIX) and _is_formula_like(value):
        return value[1:]
    return value
