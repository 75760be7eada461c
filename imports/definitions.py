"""What each importable file looks like, and the registry the admin and the command use.

An ImportDefinition says which columns a file has, checks all its rows as sets (a
few queries for the whole file, never one per row) and hands the checked records to
the owning app's writer. Each app declares its definitions in its `resources.py`;
they register themselves here when the app registry is ready.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, TextField
from django.utils.translation import gettext as _

from imports.reading import Row
from imports.report import Problem, Severity


@dataclass(frozen=True)
class Column:
    """A column of an import file, documented for the officials who fill it in."""

    name: str
    help: str
    required: bool = True  # a value must be given on every row
    max_length: int | None = None
    optional_column: bool = False  # the column itself may be left out of the file


@dataclass(frozen=True)
class ImportOptions:
    """What the official asked for.

    `provinces` are the codes of the provinces the official may write; None means
    all. Rows outside them are refused as errors. `editor` is the official whose edit
    the import is: a published record they may not publish goes back to review when
    the file changes it, as an edit in the admin does (None: a national load).
    `edition` names a whole new edition of the Ministry's list, which the writer
    records and against which it marks what the edition no longer lists.
    """

    create_missing_parents: bool = False
    strict: bool = False
    provinces: frozenset[str] | None = None
    editor: AbstractBaseUser | None = None
    # A whole new edition of a national list (`--edition 2026`); see provinces.services.
    edition: str | None = None
    # Filled in by run_import: the file as the server received it.
    file_name: str = ""
    file_checksum: str = ""


class Problems(list):
    """The problems found so far, added with their place in the file."""

    def error(self, row: Row | None, column: str | None, message: str) -> None:
        self.append(Problem(message, row.line if row else None, column, Severity.ERROR))

    def warning(self, row: Row, column: str | None, message: str) -> None:
        self.append(Problem(message, row.line, column, Severity.WARNING))

    def lines_with_errors(self) -> set[int]:
        return {problem.line for problem in self if problem.is_error}


class ImportDefinition:
    """One importable file format; subclasses say how its rows are checked and written."""

    name: str = ""
    model: type[Model]
    columns: tuple[Column, ...] = ()
    description: str = ""
    example: tuple[dict[str, str], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def optional_columns(self) -> list[str]:
        return [column.name for column in self.columns if column.optional_column]

    @property
    def multiline_columns(self) -> set[str]:
        """Columns that may hold line breaks: those filling a TextField of the model.

        Codes and names are one line; a line break in one is a quote gone wrong or a
        paste from a document, and would be stored where nobody sees it.
        """
        names = set()
        for column in self.columns:
            try:
                field = self.model._meta.get_field(column.name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, TextField):
                names.add(column.name)
        return names

    def check(self, rows: Sequence[Row], options: ImportOptions) -> tuple[list[Any], Problems]:
        """Check every row; return the records to write and the problems found."""
        problems = Problems()
        multiline = self.multiline_columns
        for row in rows:
            self.check_line_breaks(row, multiline, problems)
            self.check_cells(row, problems)
        records = self.check_rows(rows, options, problems)
        return records, problems

    def check_cells(self, row: Row, problems: Problems) -> None:
        """Rules that need only the row itself: required values, lengths, extra cells."""
        if row.extra_cells:
            problems.error(
                row,
                None,
                _("the row has %(count)s more values than the header has columns.")
                % {"count": row.extra_cells},
            )
        for column in self.columns:
            value = row[column.name]
            if column.required and not value:
                problems.error(row, column.name, _("this value is required but empty."))
            elif column.max_length and len(value) > column.max_length:
                problems.error(
                    row,
                    column.name,
                    _("%(length)s characters is too long; at most %(max)s are allowed.")
                    % {"length": len(value), "max": column.max_length},
                )

    def check_line_breaks(self, row: Row, multiline: set[str], problems: Problems) -> None:
        for name, value in row.values.items():
            if name not in multiline and ("\n" in value or "\r" in value):
                problems.error(
                    row,
                    name,
                    _(
                        "the value runs over several lines; a code or a name is one line. "
                        "Is a closing quote misplaced?"
                    ),
                )

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[Any]:
        raise NotImplementedError

    def write(self, records: list[Any], options: ImportOptions) -> Any:
        """Write checked records; returns the writer's result (counts, sample, placeholders)."""
        raise NotImplementedError

    def template_csv(self) -> str:
        """The documented template: the header row and example rows, UTF-8 with a BOM."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.column_names, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.example)
        return "\ufeff" + buffer.getvalue()


_REGISTRY: dict[str, ImportDefinition] = {}


def register(definition: ImportDefinition) -> ImportDefinition:
    _REGISTRY[definition.name] = definition
    return definition


def get_definition(name: str) -> ImportDefinition:
    return _REGISTRY[name]


def definition_for_model(model: type[Model]) -> ImportDefinition | None:
    for definition in _REGISTRY.values():
        if definition.model is model:
            return definition
    return None


def dataset_names() -> list[str]:
    return list(_REGISTRY)
