"""Reading a workbook's first sheet as a stream, its cost capped while it is read.

A workbook is a zip of XML parts, and what it weighs says little about what it holds:
one row of millions of cells packs into a few hundred kilobytes. openpyxl builds a
whole row before its `max_col` applies, so such a row took minutes and gigabytes in a
web worker before anything could refuse it. Here the parts are parsed with expat as
they are unpacked, and no tree is built: only the row being read is held. Every cap
is checked as the element that breaks it arrives: the cells of a row (the header's
width and a margin), the cells and elements of the sheet, the length of a value, the
number and length of the shared strings, the number of sheets. A refusal names the
row and the column (its letter, and its header name when it has one).

Only the parts that say where the first sheet is, the shared strings and that sheet
are read; styles, other sheets and everything else are never unpacked. A document
type declaration, which no workbook has and which entity tricks need, refuses the
file. Values read as openpyxl's `data_only` reading gave them: a formula's cached
value, a number as the spreadsheet shows it (1020101.0 is 1020101), TRUE as 1.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from django.utils.translation import gettext as _

from imports.refusals import (
    FileRefused,
    column_letter,
    normalise_header,
    too_many_rows,
    workbook_column,
)

CHUNK_BYTES = 64 * 1024
RELATIONSHIPS = "_rels/.rels"
SHARED_STRINGS = "xl/sharedStrings.xml"
# The workbook's own part and its relationships: a few kilobytes in any spreadsheet.
SMALL_PART_BYTES = 10 * 1024 * 1024
CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]+)$")
LAST_ROW = re.compile(r"[A-Za-z]*([0-9]+)$")


@dataclass(frozen=True)
class WorkbookLimits:
    """What one workbook may hold; each is checked while the workbook is read."""

    rows: int  # data rows, the header not counted
    unpacked_bytes: int  # all parts of the archive, as declared
    parts: int  # members of the archive
    sheets: int
    header_cells: int  # cells the header row may reach
    extra_cells: int  # cells a data row may run past the header's
    sheet_cells: int
    value_characters: int  # one cell's text, as the CSV reader's field size limit
    shared_strings: int
    shared_characters: int  # all shared strings together


class _Stop(Exception):
    """The part has given all that is needed from it."""


def _unreadable() -> FileRefused:
    return FileRefused(
        _("The file is not a readable Excel workbook (XLSX); save it again as XLSX or CSV.")
    )


def _damaged() -> FileRefused:
    return FileRefused(
        _("The workbook is damaged and cannot be read; save it again as XLSX or CSV.")
    )


def _local(name: str) -> str:
    """An element's or attribute's name without its namespace prefix."""
    return name.rpartition(":")[2]


def _refuse_doctype(*_args) -> None:
    raise _damaged()


def _parser(
    start: Callable[[str, dict], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> expat.XMLParserType:
    # Without namespace processing, which doubles expat's cost: a name is read without
    # its prefix, whatever the prefix is.
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    return parser


def _feed(archive: zipfile.ZipFile, name: str, parser: expat.XMLParserType) -> Iterator[None]:
    """Parse the part `name` chunk by chunk, pausing after each chunk."""
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
                yield
            parser.Parse(b"", True)
    except _Stop:
        return
    except KeyError as error:
        raise _damaged() from error
    except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise _damaged() from error


def _parse(
    archive: zipfile.ZipFile,
    name: str,
    parser: expat.XMLParserType,
    max_bytes: int = SMALL_PART_BYTES,
) -> None:
    """Parse a whole part; by default one that says where things are, small in any
    workbook."""
    member = archive.NameToInfo.get(name)
    if member is None or member.file_size > max_bytes:
        raise _damaged()
    for _paused in _feed(archive, name, parser):
        pass


def _open(data: bytes, limits: WorkbookLimits) -> zipfile.ZipFile:
    """The archive, refused before anything is unpacked if what it declares is too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _unreadable() from error
    if len(members) > limits.parts:
        raise FileRefused(
            _(
                "The workbook holds more than %(limit)s parts, more than any spreadsheet "
                "saves; save it again as XLSX or CSV."
            )
            % {"limit": f"{limits.parts:,}"}
        )
    # What the archive declares is what it unpacks to: zipfile stops at the declared
    # size and refuses a member whose content does not match it.
    if sum(member.file_size for member in members) > limits.unpacked_bytes:
        raise FileRefused(
            _(
                "The workbook unpacks to more than %(size)s MB; split it into smaller "
                "files or save it as CSV."
            )
            % {"size": limits.unpacked_bytes // (1024 * 1024)}
        )
    return archive


def _relationships(archive: zipfile.ZipFile, name: str, limit: int) -> dict[str, tuple[str, str]]:
    """A relationships part: id -> (type, target path inside the archive)."""
    folder = posixpath.dirname(posixpath.dirname(name))
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attributes: dict) -> None:
        if _local(tag) != "Relationship":
            return
        if len(found) >= limit:
            raise _damaged()
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[attributes.get("Id", "")] = (attributes.get("Type", ""), posixpath.normpath(path))

    if name in archive.NameToInfo:
        _parse(archive, name, _parser(start))
    return found


def _first_sheet(archive: zipfile.ZipFile, limits: WorkbookLimits) -> tuple[str, str]:
    """The paths of the first worksheet and of the shared strings (which may be absent)."""
    package = _relationships(archive, RELATIONSHIPS, limits.parts)
    workbook = next(
        (target for kind, target in package.values() if kind.endswith("/officeDocument")),
        "xl/workbook.xml",
    )
    rels_name = posixpath.join(
        posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels"
    )
    parts = _relationships(archive, rels_name, limits.parts)
    sheets: list[str] = []

    def start(tag: str, attributes: dict) -> None:
        if _local(tag) != "sheet":
            return
        sheets.append(next((v for k, v in attributes.items() if k.endswith(":id")), ""))
        if len(sheets) > limits.sheets:
            raise FileRefused(
                _(
                    "The workbook has more than %(limit)s sheets; save the sheet to import "
                    "in a workbook of its own."
                )
                % {"limit": limits.sheets}
            )

    _parse(archive, workbook, _parser(start))
    worksheets = [
        parts[sheet][1] for sheet in sheets if parts.get(sheet, ("", ""))[0].endswith("/worksheet")
    ]
    if not worksheets:
        raise _unreadable()
    # Excel names the shared strings in the workbook's relationships; other writers
    # only list them in the package's content types, at their usual place.
    strings = next(
        (target for kind, target in parts.values() if kind.endswith("/sharedStrings")),
        SHARED_STRINGS,
    )
    return worksheets[0], strings


def _too_long(characters: int) -> str:
    return _("a value is longer than %(limit)s characters; split it or shorten it.") % {
        "limit": f"{characters:,}"
    }


def _too_many_strings(limits: WorkbookLimits) -> FileRefused:
    return FileRefused(
        _(
            "The workbook holds more than %(limit)s different texts; split it into "
            "smaller files or save it as CSV."
        )
        % {"limit": f"{limits.shared_strings:,}"}
    )


def _shared_strings(archive: zipfile.ZipFile, name: str, limits: WorkbookLimits) -> list[str]:
    """The workbook's shared strings, their number and length capped while they are read."""
    strings: list[str] = []
    if name not in archive.NameToInfo:
        return strings
    state = {"parts": None, "length": 0, "total": 0, "phonetic": 0, "collecting": False}
    elements = [0, 4 * limits.shared_strings + 1_000]

    def start(tag: str, _attributes: dict) -> None:
        elements[0] += 1
        if elements[0] > elements[1]:
            raise _too_many_strings(limits)
        local = _local(tag)
        if local == "si":
            if len(strings) >= limits.shared_strings:
                raise _too_many_strings(limits)
            state.update(parts=[], length=0)
        elif local == "rPh":
            state["phonetic"] += 1  # a reading guide, not part of the text
        elif local == "t" and state["parts"] is not None and not state["phonetic"]:
            state["collecting"] = True

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "si" and state["parts"] is not None:
            # As openpyxl reads them: its escape of a literal "_x" is dropped.
            strings.append("".join(state["parts"]).replace("x005F_", ""))
            state["parts"] = None
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "t":
            state["collecting"] = False

    def text(data: str) -> None:
        if not state["collecting"]:
            return
        state["length"] += len(data)
        state["total"] += len(data)
        if state["length"] > limits.value_characters:
            raise FileRefused(_too_long(limits.value_characters))
        if state["total"] > limits.shared_characters:
            raise FileRefused(
                _(
                    "The workbook holds more than %(limit)s characters of text; split it "
                    "into smaller files or save it as CSV."
                )
                % {"limit": f"{limits.shared_characters:,}"}
            )
        state["parts"].append(data)

    _parse(archive, name, _parser(start, end, text), limits.unpacked_bytes)
    return strings


def _number(text: str) -> str:
    """A number cell as a spreadsheet shows it: a whole number without its `.0`."""
    text = text.strip()
    if "." in text or "e" in text.lower():
        value = float(text)
        return str(int(value)) if value.is_integer() else str(value)
    return str(int(text))


@dataclass
class _Cell:
    column: int  # from 1
    kind: str
    parts: list[str] = field(default_factory=list)
    length: int = 0


class _SheetReader:
    """Handlers for expat that turn a sheet's XML into rows, refusing what is too much."""

    def __init__(self, strings: list[str], limits: WorkbookLimits) -> None:
        self.strings = strings
        self.limits = limits
        self.ready: list[tuple[int, list[str]]] = []
        self.names: list[str] = []  # the header's names, for messages
        self.row_limit = limits.header_cells
        self.rows_seen = 0
        self.row_number = 0
        self.cells: list[str] | None = None
        self.column = 0
        self.cell: _Cell | None = None
        self.inline = False
        self.phonetic = 0
        self.collecting = False
        self.sheet_cells = 0
        self.elements = 0
        # Every element costs a call; a sheet of nothing but empty elements is capped too.
        self.max_elements = 4 * limits.sheet_cells + 2 * limits.rows + 1_000

    def refuse(self, message: str, column: int | None = None) -> FileRefused:
        label = workbook_column(self.names, column - 1) if column else None
        return FileRefused(message, self.row_number, label)

    def start(self, tag: str, attributes: dict) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise self.too_many_cells()
        local = tag.rpartition(":")[2]
        if local == "c" and self.cells is not None:
            self.start_cell(attributes)
        elif local == "row":
            self.start_row(attributes)
        elif self.cell is None:
            if local == "dimension":
                self.check_dimension(attributes.get("ref", ""))
        elif local == "v" and not self.inline:
            self.collecting = True
        elif local == "is":
            self.inline = True
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.inline and not self.phonetic:
            self.collecting = True

    def check_dimension(self, reference: str) -> None:
        # The size the sheet declares refuses a file before any row is read; the count
        # while reading holds when the declaration lies.
        last = LAST_ROW.search(reference.rpartition(":")[2])
        if last and int(last.group(1)) > self.limits.rows + 1:
            raise too_many_rows(self.limits.rows)

    def start_row(self, attributes: dict) -> None:
        number = attributes.get("r")
        try:
            self.row_number = int(number) if number else self.row_number + 1
        except ValueError as error:
            raise _damaged() from error
        self.rows_seen += 1
        if self.row_number > self.limits.rows + 1 or self.rows_seen > self.limits.rows + 1:
            raise too_many_rows(self.limits.rows)
        if self.rows_seen == 1 and self.row_number != 1:
            self.ready.append((1, []))  # no header row: the first line is empty
        self.cells = []
        self.column = 0

    def start_cell(self, attributes: dict) -> None:
        self.sheet_cells += 1
        if self.sheet_cells > self.limits.sheet_cells:
            raise self.too_many_cells()
        reference = attributes.get("r")
        if reference:
            match = CELL_REFERENCE.match(reference)
            if not match:
                raise self.refuse(
                    _("the cell's address %(ref)s is not one a spreadsheet writes.")
                    % {"ref": reference[:20]}
                )
            self.column = column_index(match.group(1))
        else:
            self.column += 1
        if self.column > self.row_limit:
            raise self.too_wide()
        self.cell = _Cell(self.column, attributes.get("t", "n"))

    def too_wide(self) -> FileRefused:
        if self.rows_seen == 1:
            message = _(
                "the header row goes on past column %(letter)s: a header has at most "
                "%(limit)s columns. Delete the columns to the right of the table and "
                "save again."
            ) % {"letter": column_letter(self.row_limit), "limit": self.row_limit}
        else:
            message = _(
                "the row goes on past column %(letter)s, %(extra)s columns beyond the "
                "header's. Delete the columns to the right of the table and save again."
            ) % {
                "letter": column_letter(self.row_limit),
                "extra": self.limits.extra_cells,
            }
        return FileRefused(message, self.row_number, workbook_column(self.names, self.column - 1))

    def too_many_cells(self) -> FileRefused:
        return FileRefused(
            _(
                "The sheet holds more than %(limit)s cells; split it into smaller files or "
                "save it as CSV."
            )
            % {"limit": f"{self.limits.sheet_cells:,}"},
            self.row_number or None,
        )

    def end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local in ("v", "t"):
            self.collecting = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "is":
            self.inline = False
        elif local == "c" and self.cell is not None:
            self.end_cell()
        elif local == "row" and self.cells is not None:
            self.ready.append((self.row_number, self.cells))
            if self.rows_seen == 1:
                self.names = [normalise_header(name) for name in self.cells]
                self.row_limit = len(self.cells) + self.limits.extra_cells
            self.cells = None
        elif local == "sheetData":
            raise _Stop

    def end_cell(self) -> None:
        cell, self.cell = self.cell, None
        try:
            value = self.value(cell)
        except (ValueError, IndexError) as error:
            raise self.refuse(
                _(
                    "the cell cannot be read; the workbook is damaged. Save it again as "
                    "XLSX or CSV."
                ),
                cell.column,
            ) from error
        if len(value) > self.limits.value_characters:
            raise self.refuse(_too_long(self.limits.value_characters), cell.column)
        cells = self.cells
        if len(cells) < cell.column:
            cells.extend([""] * (cell.column - len(cells)))
        cells[cell.column - 1] = value

    def value(self, cell: _Cell) -> str:
        text = "".join(cell.parts)
        if cell.kind == "inlineStr":
            return text
        if not text:
            return ""
        if cell.kind == "s":
            return self.strings[int(text)]
        if cell.kind == "b":
            return "1" if int(text) else "0"
        if cell.kind == "n":
            return _number(text)
        return text  # "str" (a formula's text), "e" (an error such as #N/A), "d" (a date)

    def text(self, data: str) -> None:
        if not self.collecting or self.cell is None:
            return
        self.cell.length += len(data)
        if self.cell.length > self.limits.value_characters:
            raise self.refuse(_too_long(self.limits.value_characters), self.cell.column)
        self.cell.parts.append(data)


def column_index(letters: str) -> int:
    """A column's number (from 1) from its spreadsheet letters: A is 1, AA is 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def workbook_rows(data: bytes, limits: WorkbookLimits) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each row of the workbook's first sheet, as it is read."""
    archive = _open(data, limits)
    sheet, strings_part = _first_sheet(archive, limits)
    reader = _SheetReader(_shared_strings(archive, strings_part, limits), limits)
    parser = _parser(reader.start, reader.end, reader.text)
    for _paused in _feed(archive, sheet, parser):
        yield from reader.ready
        reader.ready.clear()
    yield from reader.ready
