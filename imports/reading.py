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

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from imports.cells import unneutralise
from imports.refusals import (
    FileRefused,
    column_name,
    normalise_header,
    too_many_rows,
    workbook_column,
)
from imports.workbook import WorkbookLimits, workbook_rows
from portal.text import normalise_text

__all__ = ["FileRefused", "Row", "Table", "clean_cell", "normalise_header", "read_table"]

MAX_FILE_BYTES = 50 * 1024 * 1024
# A file's cost is bounded by what it holds, not only by what it weighs: a 400 KB
# workbook can unpack to hundreds of thousands of rows, a 176 KB one to a row of
# millions of cells. Each cap is checked while the file is read, before the row or
# the part that breaks it is built. The national village list, the largest file the
# programme has, holds 14,576 rows of 6 columns.
MAX_ROWS = 50_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# A header has at most this many cells; no import has half as many columns.
MAX_COLUMNS = 100
# A row may run this many cells past its header's: spreadsheets save a few empty
# cells (or commas) beyond the table, never thousands.
EXTRA_CELLS = 50
# Cells of a workbook's sheet, and the shared strings it may hold (the national
# village list has about 90,000 cells and 30,000 different texts).
MAX_SHEET_CELLS = 2_000_000
MAX_SHARED_STRINGS = 500_000
MAX_SHARED_CHARACTERS = 20_000_000
MAX_SHEETS = 100
MAX_WORKBOOK_PARTS = 1_000
XLSX_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
MAX_NUL_BYTES = 16


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
    workbook = data.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx")
    records = workbook_rows(data, workbook_limits()) if workbook else _csv_records(data)

    _line, header = next(records, (0, None))
    if header is None or not any(normalise_text(cell) for cell in header):
        raise FileRefused(_("The file has no header row; the first line must name the columns."))
    _refuse_nul(_line, header, [], workbook)
    names = [normalise_header(cell) for cell in header]
    _check_header(names, columns, optional)

    rows = []
    for count, (line, cells) in enumerate(records, start=1):
        if count > MAX_ROWS:
            raise too_many_rows(MAX_ROWS)
        _refuse_nul(line, cells, names, workbook)
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


def workbook_limits() -> WorkbookLimits:
    """This module's caps, as the workbook reader checks them."""
    return WorkbookLimits(
        rows=MAX_ROWS,
        unpacked_bytes=MAX_UNPACKED_BYTES,
        parts=MAX_WORKBOOK_PARTS,
        sheets=MAX_SHEETS,
        header_cells=MAX_COLUMNS,
        extra_cells=EXTRA_CELLS,
        sheet_cells=MAX_SHEET_CELLS,
        value_characters=csv.field_size_limit(),
        shared_strings=MAX_SHARED_STRINGS,
        shared_characters=MAX_SHARED_CHARACTERS,
    )


def row_cell_limit(header_cells: int) -> int:
    """How many cells a data row may have: the header's, and a margin for empty ones."""
    return header_cells + EXTRA_CELLS


def _refuse_nul(line: int, cells: Sequence[str], names: Sequence[str], workbook: bool) -> None:
    for index, cell in enumerate(cells):
        if "\x00" in cell:
            raise FileRefused(
                _(
                    "the value holds a NUL character (a zero byte), which no text has; "
                    "was the file damaged or saved in another format?"
                ),
                line,
                workbook_column(names, index) if workbook else column_name(names, index),
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


DECODE_CHUNK = 1024 * 1024


def _check_encoding(data: bytes) -> None:
    """Refuse a file that is not UTF-8 text, naming the line of its first bad character.

    Checked a megabyte at a time, so that no copy of the whole text is made: the reader
    decodes the file a line at a time.
    """
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
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    for start in range(0, len(data), DECODE_CHUNK):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[start : start + DECODE_CHUNK], final=False)
        except UnicodeDecodeError as error:
            _refuse_encoding(data, start - pending + error.start, not_text, error)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        _refuse_encoding(data, len(data) - 1, not_text, error)


def _refuse_encoding(data: bytes, position: int, not_text: str, error: Exception) -> None:
    if b"\x00" in data:
        raise FileRefused(not_text) from error
    line = data.count(b"\n", 0, max(position, 0)) + 1
    raise FileRefused(
        _(
            "The file is not UTF-8 text (first unreadable character on line %(line)s). "
            'Save it as UTF-8 (in a spreadsheet: "CSV UTF-8 (comma delimited)") '
            "and upload it again."
        )
        % {"line": line}
    ) from error


# A line with its end (\r\n, \r or \n), as a file opened with newline="" gives it.
LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")
LINE_END = re.compile(rb"\r\n|\r|\n")
# A cell as the reader takes it: a quoted value (a quote inside doubled), or the text
# up to the next comma or line end.
CELL = re.compile(rb'"[^"]*(?:""[^"]*)*"|[^,\r\n]*')


class _CsvLines:
    """The file's lines, decoded and handed to csv.reader one by one, each record's
    width checked before the reader builds it.

    The reader returns a record only whole: a line of millions of commas would be a
    list of millions of cells first. Counting a record's commas costs next to nothing;
    only a record with more commas than it may have cells is walked cell by cell
    (commas inside quotes do not count), and at most up to its first cell too many.
    The walk and the count work on the bytes (a comma, a quote and a line end are
    single bytes in UTF-8), so a refused line is never copied or decoded.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
        self.names: list[str] = []
        self.limit = MAX_COLUMNS
        self.start_record(1)

    def start_record(self, line: int) -> None:
        self.record_start, self.record_line = self.position, line
        self.commas, self.checked = 0, False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        data, start = self.data, self.position
        if start >= len(data):
            raise StopIteration
        end = LINE.match(data, start).end()
        self.position = end
        self.commas += data.count(b",", start, end)
        if self.commas >= self.limit and not self.checked:
            self.checked = True
            self.check_width()
        return data[start:end].decode("utf-8")

    def cells(self) -> Iterator[re.Match]:
        """The cells of the current record, from its start, as far as it goes."""
        data, position = self.data, self.record_start
        while True:
            cell = CELL.match(data, position)
            yield cell
            position = cell.end()
            if not data.startswith(b",", position):
                return
            position += 1

    def line_at(self, position: int) -> int:
        return self.record_line + len(LINE_END.findall(self.data, self.record_start, position))

    def check_width(self) -> None:
        for index, cell in enumerate(self.cells()):
            if index >= self.limit:
                raise self.too_wide(index, self.line_at(cell.start()))

    def too_wide(self, index: int, line: int) -> FileRefused:
        if not self.names:
            message = _(
                "the header row has more than %(limit)s columns; delete the commas after "
                "the last column's name and save again."
            ) % {"limit": self.limit}
        else:
            message = _(
                "the row has more than %(limit)s values, %(extra)s more than the header has "
                "columns; delete the commas after the row's last value and save again."
            ) % {"limit": self.limit, "extra": self.limit - len(self.names)}
        return FileRefused(message, line, column_name(self.names, index))

    def too_long(self) -> FileRefused:
        """The refusal of the current record's value that is over the reader's limit."""
        limit = csv.field_size_limit()
        message = _(
            "the value is longer than %(limit)s characters; is a closing quote missing?"
        ) % {"limit": f"{limit:,}"}
        for index, cell in enumerate(self.cells()):
            if index > self.limit:
                break
            value = cell.group().decode("utf-8")
            if len(value) - (2 if value.startswith('"') else 0) > limit:
                return FileRefused(
                    message, self.line_at(cell.start()), column_name(self.names, index)
                )
        return FileRefused(message, self.record_line)


def _csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) for each record of a CSV file."""
    _check_encoding(data)
    lines = _CsvLines(data)
    reader = csv.reader(lines, strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = str(error)
            if "field larger than field limit" in message:
                raise lines.too_long() from error
            text = data.decode("utf-8").removeprefix("\ufeff")
            raise _quote_problem(text, lines.record_line, lines.names) or FileRefused(
                _("the file cannot be read as CSV (%(problem)s).") % {"problem": message},
                lines.record_line,
            ) from error
        if len(cells) > lines.limit:
            raise lines.too_wide(lines.limit, lines.record_line)
        if not lines.names:
            lines.names = [normalise_header(cell) for cell in cells]
            lines.limit = row_cell_limit(len(cells))
        yield lines.record_line, cells
        lines.start_record(reader.line_num + 1)


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
