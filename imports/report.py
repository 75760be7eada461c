"""What an import found and did: problems with their place in the file, and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _

CHANGE_SAMPLE_SIZE = 50


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (line, column) and what, in plain words.

    Errors refuse the file; warnings import the row and flag it for review.
    """

    message: str
    line: int | None = None
    column: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def place(self) -> str:
        if self.line is None:
            return ""
        if self.column:
            return _("line %(line)s, %(column)s") % {"line": self.line, "column": self.column}
        return _("line %(line)s") % {"line": self.line}

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message

    def as_error(self) -> Problem:
        return Problem(self.message, self.line, self.column, Severity.ERROR)


@dataclass(frozen=True)
class Change:
    """A record an import creates or changes, for the preview's sample of changes."""

    action: str  # "new" or "updated"
    record: str
    differences: tuple[tuple[str, str, str], ...] = ()  # (field, before, after)


@dataclass
class ImportReport:
    """The outcome of checking, and perhaps writing, one file."""

    dataset: str
    file_name: str
    checksum: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    # Columns the import knows that the file leaves out: their fields are kept as they are.
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what else the writer did, in words
    written: bool = False
    log_id: int | None = None

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def invalid(self) -> int:
        """Rows with at least one error."""
        return len({problem.line for problem in self.errors if problem.line is not None})

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        return _(
            "%(rows)s rows: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
            "%(invalid)s invalid; %(warnings)s warnings"
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "invalid": self.invalid,
            "warnings": len(self.warnings),
        }
