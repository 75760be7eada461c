"""Importing a file: read, check as a whole, then write all of it or nothing.

One function, `run_import`, serves the admin and the command line. A file with any
error writes nothing; a dry run writes inside a transaction that is rolled back, so
its counts are exactly those of the real import; a crash half-way rolls everything
back. A confirmed import is recorded in the import log in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import OperationalError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from accounts.scoping import is_scoped, provinces_of
from imports.definitions import ImportDefinition, ImportOptions
from imports.models import ImportLog
from imports.reading import FileRefused, read_table
from imports.report import ImportReport, Problem
from portal.database import is_database_busy

ProgressCallback = Callable[[str, int, int], None]


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_permission(model: type[Model]) -> str:
    """The permission to import `model`, as the admin's import button checks it."""
    code = get_permission_codename(settings.IMPORT_EXPORT_IMPORT_PERMISSION_CODE, model._meta)
    return f"{model._meta.app_label}.{code}"


def may_import(user: AbstractBaseUser, definition: ImportDefinition) -> bool:
    """Whether the user may import this file at all: active staff with the permission,
    as the admin's import page requires."""
    return user.is_active and user.is_staff and user.has_perm(import_permission(definition.model))


def import_provinces(user: AbstractBaseUser, model: type[Model]) -> frozenset[str] | None:
    """Codes of the provinces this user may write by import; None for all."""
    if not is_scoped(model):
        return None
    return provinces_of(user)


def log_import(
    report: ImportReport,
    *,
    user: AbstractBaseUser | None,
    source: str,
    options: ImportOptions,
) -> ImportLog:
    """Record a confirmed import in the import log."""
    return ImportLog.objects.create(
        dataset=report.dataset,
        file_name=report.file_name[:255],
        checksum=report.checksum,
        user=user if user is not None and user.is_authenticated else None,
        source=source,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        warnings=len(report.warnings),
        placeholders="\n".join(report.placeholders),
        create_missing_parents=options.create_missing_parents,
        strict=options.strict,
    )


def run_import(
    definition: ImportDefinition,
    data: bytes,
    file_name: str,
    *,
    options: ImportOptions | None = None,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    source: str = ImportLog.Source.COMMAND,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Check `data` against `definition` and, unless it has errors or this is a dry run,
    write it in one transaction and log it.

    `on_progress(phase, done, total)` is called as the work advances (phases:
    "reading", "checking", "writing"); total is 0 where it is not known yet.
    """
    progress = on_progress or (lambda phase, done, total: None)
    report = ImportReport(
        dataset=definition.name, file_name=file_name, checksum=checksum(data), dry_run=dry_run
    )
    options = replace(
        options or ImportOptions(), file_name=file_name, file_checksum=report.checksum
    )
    try:
        table = read_table(
            data,
            file_name,
            columns=definition.column_names,
            optional=definition.optional_columns,
            on_progress=lambda done: progress("reading", done, 0),
        )
    except FileRefused as refusal:
        report.problems.append(Problem(refusal.message, refusal.line, refusal.column))
        return report
    report.rows = len(table.rows)
    report.kept = definition.kept_columns(table.columns)
    progress("checking", 0, report.rows)

    try:
        _check_and_write(definition, table, report, options, dry_run, user, source, progress)
    except OperationalError as error:
        if not is_database_busy(error):
            raise
        # Another import (or a large save) held the database for the whole wait.
        report.problems = [
            Problem(
                _("Another import is running and the database stayed busy; try again in a minute.")
            )
        ]
        report.created = report.updated = report.unchanged = 0
        report.written = False
    return report


def _check_and_write(
    definition: ImportDefinition,
    table,
    report: ImportReport,
    options: ImportOptions,
    dry_run: bool,
    user: AbstractBaseUser | None,
    source: str,
    progress: ProgressCallback,
) -> None:
    records, problems = definition.check(table.rows, options, table.columns)
    if options.strict:
        problems = [problem.as_error() for problem in problems]
    report.problems = sorted(problems, key=lambda p: (p.line or 0, not p.is_error))
    progress("checking", report.rows, report.rows)
    if not report.ok:
        return

    progress("writing", 0, report.rows)
    with transaction.atomic():
        result = definition.write(records, options)
        report.created, report.updated, report.unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
        report.changes = list(result.changes)
        report.placeholders = [str(placeholder) for placeholder in result.placeholders_created]
        report.notes = list(getattr(result, "notes", ()))
        if dry_run:
            transaction.set_rollback(True)
        else:
            log = log_import(report, user=user, source=source, options=options)
            report.log_id = log.pk
            report.written = True
    progress("writing", report.rows, report.rows)
