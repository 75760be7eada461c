"""Reading an uploaded CSV or XLSX file into rows that carry their line numbers.

Files arrive as spreadsheets really save them: with or without a byte-order mark,
with CRLF line ends, with header names in another case or padded with spaces, with
rows of bare commas at the end. All of that is accepted. What cannot be read with
confidence (another encoding, binary content, an empty file, unknown or missing
columns) is refused as a whole, with one message that says what to do.

Line numbers are counted as the file has them, header = line 1, so that a message
points where the official's editor points; a quoted field with a newline in it
makes its record span two lines, and the record is known by its first. In a
workbook the line is the sheet's row number.

Python's CSV reader is lenient: it reads an unclosed quote to the end of the file
as one value, and takes a NUL byte as a character. Here it runs strict, and a file
it still cannot read is refused with the line and the column where the bad value
starts (a quote never closed, text after a closing quote, a NUL byte), so the
official knows which cell to fix.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from imports.cells import unneutralise
from portal.text import normalise_text

MAX_FILE_BYTES = 50 * 1024 * 1024
# A file's cost is bounded by what it holds, not only by what it weighs: a 400 KB
# workbook can unpack to hundreds of thousands of rows. The national village list,
# the largest file the programme has, holds 14,576 rows.
MAX_ROWS = 50_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Cells further right than this are not read from a workbook (no import has as many
# columns); a sheet that declares the whole width of Excel costs no more than this.
MAX_COLUMNS = 100
XLSX_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
MAX_NUL_BYTES = 16


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


@dataclass(frozen=True)
class Row:
    """One record of the file: its first line and its values by (normalised) column."""

    line: int
    values: dict[str, str]
    extra_cells: int = 0

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[Row]


def clean_cell(value: str) -> str:
    """Every cell, on every path: neutralising apostrophe removed, text normalised."""
    return normalise_text(unneutralise(normalise_text(value)))


def normalise_header(name: str) -> str:
    return normalise_text(str(name or "")).lower()


def read_table(
    data: bytes,
    file_name: str,
    *,
    columns: Sequence[str],
    optional: Sequence[str] = (),
    on_progress: Callable[[int], None] | None = None,
) -> Table:
    """Read a CSV or XLSX file whose header must name exactly `columns`.

    `optional` columns may be left out; every other column must be there, and no
    column outside `columns` may be. Raises FileRefused for a file that cannot be
    imported as a whole.
    """
    if not data:
        raise FileRefused(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if data.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx"):
        records = _xlsx_records(data)
    else:
        records = _csv_records(data)

    _line, header = next(records, (0, None))
    if header is None or not any(normalise_text(cell) for cell in header):
        raise FileRefused(_("The file has no header row; the first line must name the columns."))
    _refuse_nul(_line, header, [])
    names = [normalise_header(cell) for cell in header]
    _check_header(names, columns, optional)

    rows = []
    for count, (line, cells) in enumerate(records, start=1):
        if count > MAX_ROWS:
            raise too_many_rows()
        _refuse_nul(line, cells, names)
        values = {name: clean_cell(cell) for name, cell in zip(names, cells, strict=False) if name}
        extra = sum(1 for cell in cells[len(names) :] if normalise_text(cell))
        if not extra and not any(values.values()):
            continue  # a row of bare commas, as spreadsheets append
        rows.append(Row(line, values, extra))
        if on_progress and len(rows) % 1000 == 0:
            on_progress(len(rows))
    if not rows:
        raise FileRefused(_("The file has a header row but no data rows."))
    return Table([name for name in names if name], rows)


def column_name(names: Sequence[str], index: int) -> str:
    """The header's name of the `index`-th column (from 0), or its number."""
    if index < len(names) and names[index]:
        return names[index]
    return _("column %(number)s") % {"number": index + 1}


def _refuse_nul(line: int, cells: Sequence[str], names: Sequence[str]) -> None:
    for index, cell in enumerate(cells):
        if "\x00" in cell:
            raise FileRefused(
                _(
                    "the value holds a NUL character (a zero byte), which no text has; "
                    "was the file damaged or saved in another format?"
                ),
                line,
                column_name(names, index),
            )


def too_many_rows() -> FileRefused:
    return FileRefused(
        _(
            "The file has more than %(limit)s rows; split it into files of at most "
            "%(limit)s rows and import them one after the other."
        )
        % {"limit": f"{MAX_ROWS:,}"}
    )


def _check_header(names: list[str], columns: Sequence[str], optional: Sequence[str]) -> None:
    expected = ", ".join(columns)
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise FileRefused(
            _("The header names these columns more than once: %(columns)s.")
            % {"columns": ", ".join(duplicates)}
        )
    unknown = [name for name in names if name and name not in columns]
    missing = [name for name in columns if name not in names and name not in optional]
    problems = []
    if unknown:
        problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    if missing:
        problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if problems:
        raise FileRefused(
            _("The header row does not match this import (%(problems)s). Expected: %(expected)s.")
            % {"problems": "; ".join(problems), "expected": expected}
        )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(
            _(
                "The file is saved as UTF-16. Save it as UTF-8 "
                '(in a spreadsheet: "CSV UTF-8 (comma delimited)") and upload it again.'
            )
        )
    not_text = _("The file is not a text file (CSV) or an Excel workbook (XLSX).")
    # A few NUL bytes in UTF-8 text are damage in a cell, reported where they are
    # (see _refuse_nul); many are binary content or UTF-16 without its mark.
    if data.count(b"\x00") > MAX_NUL_BYTES:
        raise FileRefused(not_text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if b"\x00" in data:
            raise FileRefused(not_text) from error
        line = data[: error.start].count(b"\n") + 1
        raise FileRefused(
            _(
                "The file is not UTF-8 text (first unreadable character on line %(line)s). "
                'Save it as UTF-8 (in a spreadsheet: "CSV UTF-8 (comma delimited)") '
                "and upload it again."
            )
            % {"line": line}
        ) from error
    return text.removeprefix("\ufeff")


def _csv_records(data: bytes):
    """(first line, cells) for each record of a CSV file."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    names: list[str] = []
    next_line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = str(error)
            if "field larger than field limit" in message:
                raise FileRefused(
                    _("a value is longer than %(limit)s characters; is a closing quote missing?")
                    % {"limit": f"{csv.field_size_limit():,}"},
                    next_line,
                ) from error
            raise _quote_problem(text, next_line, names) or FileRefused(
                _("the file cannot be read as CSV (%(problem)s).") % {"problem": message},
                next_line,
            ) from error
        if not names:
            names = [normalise_header(cell) for cell in cells]
        yield next_line, cells
        next_line = reader.line_num + 1


LINE_ENDS = "\r\n"


def _quote_problem(text: str, first_line: int, names: Sequence[str]) -> FileRefused | None:
    """Where the record starting on `first_line` breaks the quoting rules, as a refusal.

    The strict reader says only that something is wrong ("unexpected end of data",
    "',' expected after '\"'"); this walks the record as the reader does to find the
    value whose opening quote is never closed, or is closed with text after it.
    """
    lines = io.StringIO(text, newline="")
    offset = sum(len(lines.readline()) for _skipped in range(first_line - 1))
    line, field, position, at_start = first_line, 0, offset, True
    while position < len(text):
        char = text[position]
        if at_start and char == '"':
            opened_line, opened_field = line, field
            position += 1
            while True:
                if position >= len(text):
                    return FileRefused(
                        _(
                            "this value opens a quote that is never closed; add the closing "
                            "quote (the file ends inside the value)."
                        ),
                        opened_line,
                        column_name(names, opened_field),
                    )
                char = text[position]
                if char == '"':
                    if text.startswith('""', position):
                        position += 2
                        continue
                    position += 1
                    break
                if char == "\n" or (char == "\r" and not text.startswith("\r\n", position)):
                    line += 1
                position += 1
            if position < len(text) and text[position] not in "," + LINE_ENDS:
                if line != opened_line:
                    message = _(
                        "this value opens a quote that closes only on line %(line)s, with "
                        "more text after it; is a closing quote missing here?"
                    ) % {"line": line}
                else:
                    message = _(
                        "text follows the closing quote of this value; a quote inside a "
                        'quoted value is written twice ("").'
                    )
                return FileRefused(message, opened_line, column_name(names, opened_field))
            at_start = False
            continue
        if char == ",":
            field += 1
            at_start = True
        elif char in LINE_ENDS:
            return None
        else:
            at_start = False
        position += 1
    return None


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        # A code typed into a number cell: 1020101.0 is shown as 1020101.
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _xlsx_records(data: bytes):
    """(row number, cells) for each row of the workbook's first sheet."""
    from openpyxl import load_workbook

    unreadable = _(
        "The file is not a readable Excel workbook (XLSX); save it again as XLSX or CSV."
    )
    try:
        # What the archive declares is what it unpacks to: zipfile stops at the
        # declared size and refuses a member whose content does not match it.
        unpacked = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused(unreadable) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            _(
                "The workbook unpacks to more than %(size)s MB; split it into smaller "
                "files or save it as CSV."
            )
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileRefused(unreadable) from error
    try:
        sheet = workbook.worksheets[0]
        # The size the sheet declares, when it declares one, refuses a file before
        # any row is read; the count while reading holds when the declaration lies.
        declared = sheet.max_row if sheet.max_row is not None else 0
        if declared > MAX_ROWS + 1:
            raise too_many_rows()
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        for number, cells in enumerate(rows, start=1):
            yield number, [_xlsx_cell(cell) for cell in cells]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError) as error:
        raise FileRefused(
            _("The workbook is damaged and cannot be read; save it again as XLSX or CSV.")
        ) from error
    finally:
        workbook.close()
