"""Import a CSV or XLSX file of gazetteer, producer or product records.

    python manage.py import_data villages CambodiaVillagesList2025.csv --create-missing-parents
    python manage.py import_data villages CambodiaVillagesList2026.csv --edition 2026

All or nothing: a file with any error writes nothing and the command exits with
status 1, the problems on standard error. Warnings (rows imported and flagged) are
listed in the summary; --strict refuses the file for them too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from imports.definitions import ImportOptions, dataset_names, get_definition
from imports.models import ImportLog
from imports.report import ImportReport
from imports.services import import_provinces, may_import, run_import

PROBLEMS_SHOWN = 200


class ProgressBar:
    """A one-line progress bar, redrawn in place on a terminal, phase lines otherwise."""

    WIDTH = 30

    def __init__(self, stream) -> None:
        self.stream = stream
        self.interactive = stream.isatty() if hasattr(stream, "isatty") else False
        self.phase = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.interactive:
            if total:
                filled = self.WIDTH * done // total
                bar = "#" * filled + "-" * (self.WIDTH - filled)
                self.stream.write(f"\r{phase:<9} [{bar}] {done:>7,}/{total:,}", ending="")
            else:
                self.stream.write(f"\r{phase:<9} {done:>7,} rows", ending="")
            self.stream.flush()
        elif phase != self.phase:
            self.stream.write(f"{phase}...")
        self.phase = phase

    def close(self) -> None:
        if self.interactive:
            self.stream.write("")


class Command(BaseCommand):
    help = "Import a CSV or XLSX file: check it as a whole, then write all of it or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("model", choices=dataset_names(), help="what the file holds")
        parser.add_argument("path", type=Path, help="the CSV or XLSX file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, write nothing"
        )
        parser.add_argument(
            "--strict", action="store_true", help="refuse the file for warnings too"
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="import as this portal user, as in the admin: they must be allowed to "
            "import this data, the log names them, rows outside their provinces are refused "
            "and, if they may not publish, changes to public records wait for review",
        )
        parser.add_argument(
            "--edition",
            metavar="LABEL",
            help="villages only: the file is a whole new edition of the Ministry's list "
            "(e.g. 2026); it is recorded, and villages, communes and districts the previous "
            "edition listed but this one does not are marked so (never deleted)",
        )
        parser.add_argument(
            "--create-missing-parents",
            action="store_true",
            help="create parents that neither the database nor the file has, as flagged "
            "placeholders, instead of refusing their rows",
        )

    def handle(self, *args, model: str, path: Path, **options) -> None:
        definition = get_definition(model)
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get_by_natural_key(options["user"])
            except ObjectDoesNotExist as error:
                raise CommandError(f"No user is called {options['user']}.") from error
            if not may_import(user, definition):
                raise CommandError(
                    f"{user.get_username()} may not import {model}: the admin would not "
                    "offer them this import (an active staff account with the import "
                    "permission is needed)."
                )
        if options["edition"] and model != "villages":
            raise CommandError("--edition applies to the village list only.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from error
        progress = ProgressBar(self.stdout)
        report = run_import(
            definition,
            data,
            path.name,
            options=ImportOptions(
                create_missing_parents=options["create_missing_parents"],
                strict=options["strict"],
                provinces=import_provinces(user, definition.model) if user else None,
                editor=user,
                edition=options["edition"] or None,
            ),
            dry_run=options["dry_run"],
            user=user,
            source=ImportLog.Source.COMMAND,
            on_progress=progress,
        )
        progress.close()
        self.print_summary(report)
        if not report.ok:
            for problem in report.errors[:PROBLEMS_SHOWN]:
                self.stderr.write(f"{path.name}: {problem}")
            hidden = len(report.errors) - PROBLEMS_SHOWN
            if hidden > 0:
                self.stderr.write(f"... and {hidden} more errors")
            self.stderr.write(
                f"{path.name}: refused, nothing was written ({len(report.errors)} errors)."
            )
            sys.exit(1)

    def print_summary(self, report: ImportReport) -> None:
        for problem in report.warnings[:PROBLEMS_SHOWN]:
            self.stdout.write(self.style.WARNING(f"warning: {problem}"))
        hidden = len(report.warnings) - PROBLEMS_SHOWN
        if hidden > 0:
            self.stdout.write(self.style.WARNING(f"... and {hidden} more warnings"))
        for placeholder in report.placeholders:
            self.stdout.write(
                self.style.WARNING(f"{placeholder}: missing, created as a flagged placeholder")
            )
        if report.kept:
            self.stdout.write(f"not in the file, kept as they are: {', '.join(report.kept)}")
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(f"{report.dataset}: {report.summary}")
        if report.ok:
            if report.dry_run:
                self.stdout.write("Dry run: nothing was written.")
            else:
                self.stdout.write(self.style.SUCCESS(f"Imported (import log #{report.log_id})."))
