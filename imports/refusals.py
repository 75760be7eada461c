"""A file refused as a whole, and how a refusal names the place in the file.

A place is a line (the header is line 1; in a workbook, the sheet's row number) and
a column: in a CSV file its header name, or its number beyond the header; in a
workbook its letter, as the spreadsheet shows it, with the header name where the
column has one.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from portal.text import normalise_text


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in plain words.

    `line` and `column` say where, when the cause is one place in the file.
    """

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        place = _("line %(line)s") % {"line": self.line}
        if self.column:
            place = _("line %(line)s, %(column)s") % {"line": self.line, "column": self.column}
        return f"{place}: {self.message}"


def too_many_rows(limit: int) -> FileRefused:
    return FileRefused(
        _(
            "The file has more than %(limit)s rows; split it into files of at most "
            "%(limit)s rows and import them one after the other."
        )
        % {"limit": f"{limit:,}"}
    )


def normalise_header(name: str) -> str:
    return normalise_text(str(name or "")).lower()


def column_name(names: Sequence[str], index: int) -> str:
    """The header's name of the `index`-th column (from 0), or its number."""
    if index < len(names) and names[index]:
        return names[index]
    return _("column %(number)s") % {"number": index + 1}


def column_letter(number: int) -> str:
    """A column's spreadsheet letters from its number (from 1): 27 is AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def workbook_column(names: Sequence[str], index: int) -> str:
    """The `index`-th column (from 0) of a sheet: its letter, and its header name if any."""
    letter = column_letter(index + 1)
    if index < len(names) and names[index]:
        return _("column %(letter)s (%(name)s)") % {"letter": letter, "name": names[index]}
    return _("column %(letter)s") % {"letter": letter}
