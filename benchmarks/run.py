"""Benchmark: importing the Ministry's national village list, next to a raw bulk insert.

    make bench                                   # SQLite, a throwaway file
    DATABASE_URL=postgres://... make bench       # PostgreSQL, a throwaway database

Creates a throwaway database beside the configured one (as the test runner does),
loads the Ministry's provinces, districts and communes into it, then times, on the
same database in the same run:

- raw bulk insert: read the CSV with the csv module and `bulk_create` the villages,
  no checks at all (the floor any ORM-based importer is measured against; "x raw");
- raw SQL insert: the same rows as multi-row INSERT statements on a cursor, without
  the ORM (shown for reference; "x SQL");
- first import: `import_data villages --create-missing-parents` into an empty
  village table (checks, placeholders, flags, import log);
- unchanged re-import: the same file again (every row unchanged, nothing written);
- dry run: the first import's checks and writes, rolled back.

Each figure is the median of ROUNDS runs. Prints a table with rows per second and the
ratio to the raw insert (targets: first import <= 3x, unchanged re-import <= 2x).
"""

from __future__ import annotations

import csv
import io
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        # An on-disk file, as in use; the test runner would default to memory.
        settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(connection, transaction)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def run(connection, transaction) -> None:
    from imports.definitions import ImportOptions, get_definition
    from imports.services import run_import
    from portal.models import slug_for
    from portal.text import normalise_text
    from provinces import gazetteer
    from provinces.models import Village

    for level in ("provinces", "districts", "communes"):
        report = run_import(
            get_definition(level), gazetteer.source_bytes(level), gazetteer.FILES[level]
        )
        assert report.ok, report.errors[:3]
    data = gazetteer.source_bytes("villages")
    name = gazetteer.FILES["villages"]
    villages = get_definition("villages")
    options = ImportOptions(create_missing_parents=True)

    def raw_insert() -> int:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        objects = [
            Village(
                code=row["village_code"],
                commune_id=row["commune_code"],
                name_en=normalise_text(row["village_en"]),
                name_km=normalise_text(row["village_kh"]),
                slug=slug_for(row["village_en"]),
                live=True,
            )
            for row in reader
        ]
        with transaction.atomic():
            Village.objects.bulk_create(objects, batch_size=2000)
        return len(objects)

    def raw_sql_insert() -> int:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        values = [
            (
                row["village_code"],
                row["commune_code"],
                normalise_text(row["village_en"]),
                normalise_text(row["village_kh"]),
                slug_for(row["village_en"]),
            )
            for row in reader
        ]
        table = Village._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            for start in range(0, len(values), 2000):
                batch = values[start : start + 2000]
                placeholders = ", ".join(
                    ["(%s, %s, %s, %s, %s, '', false, false, false)"] * len(batch)
                )
                cursor.execute(
                    f"INSERT INTO {table} (code, commune_id, name_en, name_km, slug, "
                    "also_known_as, code_malformed, code_outside_commune, code_shared) "
                    f"VALUES {placeholders}",
                    [value for row in batch for value in row],
                )
        return len(values)

    def do_import(dry_run: bool):
        report = run_import(villages, data, name, options=options, dry_run=dry_run)
        assert report.ok, report.errors[:3]
        return report

    def empty_villages() -> None:
        Village.objects.all().delete()

    # The placeholder commune the file needs exists from here on, for the raw insert too.
    do_import(dry_run=False)
    empty_villages()

    times: dict[str, list[float]] = {
        "raw SQL insert": [],
        "raw bulk insert": [],
        "first import": [],
        "unchanged re-import": [],
        "dry run (empty table)": [],
    }
    for _round in range(ROUNDS):
        seconds, rows = timed(raw_sql_insert)
        times["raw SQL insert"].append(seconds)
        assert Village.objects.count() == rows
        empty_villages()

        seconds, rows = timed(raw_insert)
        times["raw bulk insert"].append(seconds)
        empty_villages()

        seconds, report = timed(lambda: do_import(dry_run=False))
        assert report.created == rows
        times["first import"].append(seconds)

        seconds, report = timed(lambda: do_import(dry_run=False))
        assert report.unchanged == rows
        times["unchanged re-import"].append(seconds)
        empty_villages()

        seconds, report = timed(lambda: do_import(dry_run=True))
        assert report.created == rows and Village.objects.count() == 0
        times["dry run (empty table)"].append(seconds)

    print_table(rows, {label: statistics.median(values) for label, values in times.items()})
    print_machine(connection)


def print_table(rows: int, medians: dict[str, float]) -> None:
    raw = medians["raw bulk insert"]
    sql = medians["raw SQL insert"]
    targets = {"first import": "<= 3x", "unchanged re-import": "<= 2x"}
    print(f"\n{rows:,} villages, median of {ROUNDS} rounds\n")
    print(
        f"| {'operation':<22} | {'seconds':>8} | {'rows/s':>9} | {'x raw':>6} "
        f"| {'x SQL':>6} | target |"
    )
    print(f"|{'-' * 24}|{'-' * 10}|{'-' * 11}|{'-' * 8}|{'-' * 8}|--------|")
    for label, seconds in medians.items():
        print(
            f"| {label:<22} | {seconds:>8.3f} | {rows / seconds:>9,.0f} | "
            f"{seconds / raw:>5.2f}x | {seconds / sql:>5.2f}x | {targets.get(label, ''):<6} |"
        )


def print_machine(connection) -> None:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        version = cursor.fetchone()[0]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nmachine: {cpu}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; "
        f"database: {connection.vendor} {version}; peak memory {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
