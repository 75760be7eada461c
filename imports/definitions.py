"""What each importable file looks like, and the registry the admin and the command use.

An ImportDefinition says which columns a file has, checks all its rows as sets (a
few queries for the whole file, never one per row) and hands the checked records to
the owning app's writer. Each app declares its definitions in its `resources.py`;
they register themselves here when the app registry is ready.

A column that sets a model field (`Column.field`, built with `model_column`) is
checked by the form field the admin uses for that field, so both accept the same
values (decision 0051). The file's own columns travel in `ImportOptions.columns`: a
column the file leaves out leaves its field as it is. A row whose first cell is
EXAMPLE (a template's example) is refused by every import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Field, Model, TextField
from django.utils.translation import gettext as _

from imports.reading import Row
from imports.report import Problem, Severity
from portal.fields import form_field_for, is_plain_text
from portal.text import text_problem

# The first cell of a template's example rows: a row that cannot import by accident.
EXAMPLE_MARK = "EXAMPLE"
# What clean_value gives for a refused cell (whose problem is already reported).
NOT_READ = object()


@dataclass(frozen=True)
class Column:
    """A column of an import file, documented for the officials who fill it in."""

    name: str
    help: str
    required: bool = True  # a value must be given on every row
    max_length: int | None = None
    optional_column: bool = False  # the column itself may be left out of the file
    # The model field the column sets: its rules (length, choices, validators,
    # normalisation) are the admin form field's, and an export reads it.
    field: str | None = None
    # What an export writes in the column, when it is not `field` (a path such as
    # "village__code"); empty for a column an export leaves empty.
    export: str | None = None
    # A file's spelling turned into the form field's input (e.g. thousands separators).
    prepare: Callable[[str], str] | None = None

    @property
    def export_attribute(self) -> str | None:
        return self.export or self.field


def model_column(
    model: type[Model],
    name: str,
    help: str,
    *,
    field: str | None = None,
    optional_column: bool = True,
    **kwargs,
) -> Column:
    """A column that sets a model field, required and bounded as the field is."""
    model_field = model._meta.get_field(field or name)
    return Column(
        name,
        help,
        required=not model_field.blank,
        max_length=model_field.max_length,
        optional_column=optional_column,
        field=model_field.name,
        **kwargs,
    )


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
    # The columns the file has (None: all of them). A column left out of the file
    # leaves its field as it is.
    columns: frozenset[str] | None = None

    def has_column(self, name: str) -> bool:
        return self.columns is None or name in self.columns

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
    def field_columns(self) -> list[Column]:
        return [column for column in self.columns if column.field]

    def kept_columns(self, present: Sequence[str]) -> list[str]:
        """The columns that set a field and that the file leaves out: those fields are kept."""
        return [column.name for column in self.field_columns if column.name not in present]

    @cached_property
    def multiline_columns(self) -> set[str]:
        """Columns that may hold line breaks: those filling a TextField of the model.

        Codes and names are one line; a line break in one is a quote gone wrong or a
        paste from a document, and would be stored where nobody sees it.
        """
        names = set()
        for column in self.columns:
            try:
                field = self.model._meta.get_field(column.field or column.name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, TextField):
                names.add(column.name)
        return names

    def check(
        self, rows: Sequence[Row], options: ImportOptions, columns: Sequence[str] | None = None
    ) -> tuple[list[Any], Problems]:
        """Check every row; return the records to write and the problems found.

        `columns` are those the file has (all of them when not given).
        """
        if columns is not None:
            options = replace(options, columns=frozenset(columns))
        problems = Problems()
        multiline = self.multiline_columns
        usable = []
        for row in rows:
            if self.is_example(row):
                problems.error(
                    row,
                    self.columns[0].name,
                    _(
                        "this is the template's example row (%(mark)s): replace it with your "
                        "own rows or delete it."
                    )
                    % {"mark": EXAMPLE_MARK},
                )
                continue
            self.check_line_breaks(row, multiline, problems)
            self.check_cells(row, problems, options)
            usable.append(row)
        records = self.check_rows(usable, options, problems)
        return records, problems

    def is_example(self, row: Row) -> bool:
        return bool(self.columns) and row[self.columns[0].name].upper() == EXAMPLE_MARK

    def check_cells(self, row: Row, problems: Problems, options: ImportOptions) -> None:
        """Rules that need only the row itself: required values, lengths, extra cells,
        text that cannot be shown."""
        if row.extra_cells:
            problems.error(
                row,
                None,
                _("the row has %(count)s more values than the header has columns.")
                % {"count": row.extra_cells},
            )
        for column in self.columns:
            if not options.has_column(column.name):
                continue
            value = row[column.name]
            # A field's own form field checks its text (see clean_value).
            problem = None if column.field else text_problem(value, multiline=True)
            if problem:
                problems.error(row, column.name, problem)
            elif not value and (empty := self.empty_problem(row, column)):
                problems.error(row, column.name, empty)
            elif column.max_length and len(value) > column.max_length:
                problems.error(
                    row,
                    column.name,
                    _("%(length)s characters is too long; at most %(max)s are allowed.")
                    % {"length": len(value), "max": column.max_length},
                )

    def empty_problem(self, row: Row, column: Column) -> str | None:
        """What is wrong with `column` left empty on `row`, if anything; a definition
        whose rule depends on the row (a placeholder's Khmer name) says it here."""
        return _("this value is required but empty.") if column.required else None

    # The field rules: the model field's and its admin form field's, for every import.

    @cached_property
    def _form_fields(self) -> dict[str, tuple[Field, forms.Field]]:
        fields = {}
        for column in self.field_columns:
            model_field = self.model._meta.get_field(column.field)
            fields[column.name] = (model_field, form_field_for(model_field))
        return fields

    def clean_fields(
        self, row: Row, options: ImportOptions, problems: Problems
    ) -> dict[str, Any] | None:
        """The values of the row's field columns that the file has, by field name, cleaned
        by the admin's own form fields; None when one of them is refused."""
        values: dict[str, Any] = {}
        ok = True
        for column in self.field_columns:
            if not options.has_column(column.name):
                continue
            value = self.clean_value(row, column, problems)
            if value is NOT_READ:
                ok = False
            else:
                values[column.field] = value
        return values if ok else None

    def clean_value(self, row: Row, column: Column, problems: Problems) -> Any:
        """One cell, as the admin's form would take it; NOT_READ (and an error) if refused."""
        model_field, form_field = self._form_fields[column.name]
        raw = row[column.name]
        if not raw and not model_field.blank:
            if column.required:
                return NOT_READ  # already reported as a required value
            return ""  # the definition gives it a meaning (a slug made from the name)
        if column.max_length and len(raw) > column.max_length:
            return NOT_READ  # already reported, in the import's words
        if column.name not in self.multiline_columns and ("\n" in raw or "\r" in raw):
            return NOT_READ  # already reported as a value running over several lines
        if column.prepare:
            raw = column.prepare(raw)
        if model_field.choices and raw:
            chosen = self.choice_value(raw, model_field.choices)
            if chosen is None:
                problems.error(
                    row,
                    column.name,
                    _("%(value)s is not one of: %(choices)s.")
                    % {
                        "value": raw,
                        "choices": ", ".join(str(v) for v, _label in model_field.choices),
                    },
                )
                return NOT_READ
            raw = chosen
        try:
            value = form_field.clean(raw)
            value = model_field.clean(value, None)
        except ValidationError as error:
            reason = " ".join(error.messages)
            # An address or a number is worth repeating; a name or a text is not.
            message = (
                reason
                if is_plain_text(model_field) or len(raw) > 80
                else _("%(value)s: %(reason)s") % {"value": raw, "reason": reason}
            )
            problems.error(row, column.name, message)
            return NOT_READ
        if value is None and not model_field.null:
            value = ""
        return value

    @staticmethod
    def choice_value(raw: str, choices) -> Any:
        """A choice given by its value or its English label, in any case."""
        wanted = raw.casefold()
        for value, label in choices:
            if wanted in (str(value).casefold(), str(label).casefold()):
                return value
        return None

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
        """The documented template: the header row and example rows, UTF-8 with a BOM.

        An example row's first cell is EXAMPLE, which every import refuses: a template
        uploaded as it is imports nothing.
        """
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.column_names, lineterminator="\r\n")
        writer.writeheader()
        first = self.column_names[0]
        writer.writerows({**example, first: EXAMPLE_MARK} for example in self.example)
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
