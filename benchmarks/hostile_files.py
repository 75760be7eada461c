"""Benchmark: what a hostile file costs before it is refused, beside a normal file.

    make bench-hostile

Writes, in a throwaway folder:

- a workbook whose second row holds 6,000,000 cells (about 176 KB, 90 MB unpacked,
  under the upload and unpacked caps);
- a CSV file of the village header and one row followed by 24,000,000 commas (24 MB);
- the Ministry's village list (14,576 rows) as it is published (CSV) and as the
  admin exports it (XLSX), the largest files the programme reads.

Each file is read by `imports.reading.read_table` in a fresh process, once timed and
once traced (tracemalloc's peak of what reading allocated, the file's own bytes not
counted). Prints, side by side, the time to the refusal or to the last row, the peak
memory and the outcome. Nothing here is asserted.
"""

from __future__ import annotations

import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

WIDE_CELLS = int(os.environ.get("BENCH_WIDE_CELLS", "6000000"))
TRAILING_COMMAS = int(os.environ.get("BENCH_TRAILING_COMMAS", "24000000"))
SHEET = "xl/worksheets/sheet1.xml"
NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def village_columns() -> list[str]:
    """The village import's own column names, in its order."""
    import django

    django.setup()
    from imports.definitions import get_definition

    return get_definition("villages").column_names


def wide_row_workbook(path: Path, cells: int) -> None:
    """The village header, then one row of `cells` cells holding 1, as a hostile file."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(village_columns())
    plain = io.BytesIO()
    book.save(plain)
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename != SHEET:
                target.writestr(member, source.read(member))
                continue
            with target.open(SHEET, "w", force_zip64=True) as sheet:
                header = "".join(
                    f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in village_columns()
                )
                sheet.write(
                    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NAMESPACE}">'
                    f'<sheetData><row r="1">{header}</row><row r="2">'.encode()
                )
                block = b"<c><v>1</v></c>" * 10_000
                for _block in range(cells // 10_000):
                    sheet.write(block)
                sheet.write(b"</row></sheetData></worksheet>")


def trailing_comma_csv(path: Path, commas: int) -> None:
    """The village header and one village, then `commas` commas on the same line."""
    with path.open("wb") as file:
        file.write(("\ufeff" + ",".join(village_columns()) + "\n").encode())
        file.write("21,2104,210401,21040101,ភូមិ,Phum".encode())
        block = b"," * 1_000_000
        for _block in range(commas // 1_000_000):
            file.write(block)
        file.write(b"\n")


def village_files(folder: Path) -> tuple[Path, Path]:
    """The Ministry's village list as published (CSV), and the same rows as an XLSX."""
    import django

    django.setup()
    from tablib import Dataset

    from provinces.gazetteer import source_bytes

    data = source_bytes("villages")
    csv_path = folder / "villages.csv"
    csv_path.write_bytes(data)
    dataset = Dataset().load(data.decode("utf-8-sig"), format="csv")
    xlsx_path = folder / "villages.xlsx"
    xlsx_path.write_bytes(dataset.export("xlsx"))
    return csv_path, xlsx_path


def read_one(path: str) -> None:
    """In a fresh process: read the file twice, timed and then traced, and print its
    figures as JSON."""
    import django

    django.setup()
    from imports.reading import FileRefused, read_table

    data = Path(path).read_bytes()
    columns = village_columns()

    def read() -> str:
        try:
            table = read_table(data, Path(path).name, columns=columns)
        except FileRefused as refusal:
            return f"refused: {refusal}"
        return f"read, {len(table.rows):,} rows"

    started = time.perf_counter()
    outcome = read()
    seconds = time.perf_counter() - started
    # Traced apart from the timing: tracing slows every allocation down.
    tracemalloc.start()
    read()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"seconds": seconds, "peak_bytes": peak, "outcome": outcome}))


def measure(path: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--read", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ovop-bench-hostile-") as folder:
        folder = Path(folder)
        wide = folder / "wide-row.xlsx"
        wide_row_workbook(wide, WIDE_CELLS)
        commas = folder / "trailing-commas.csv"
        trailing_comma_csv(commas, TRAILING_COMMAS)
        csv_path, xlsx_path = village_files(folder)
        files = [
            (f"wide row, {WIDE_CELLS:,} cells", wide),
            (f"one row, {TRAILING_COMMAS:,} commas", commas),
            ("village list (CSV)", csv_path),
            ("village list (XLSX)", xlsx_path),
        ]
        print(f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
        print()
        print(
            f"| {'file':<28} | {'size':>9} | {'unpacked':>9} | {'seconds':>7} | {'peak MB':>7} |"
        )
        print(f"|{'-' * 30}|{'-' * 11}|{'-' * 11}|{'-' * 9}|{'-' * 9}|")
        outcomes = []
        for label, path in files:
            figures = measure(path)
            size = path.stat().st_size
            unpacked = size
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    unpacked = sum(member.file_size for member in archive.infolist())
            print(
                f"| {label:<28} | {size / 1e6:>6.2f} MB | {unpacked / 1e6:>6.1f} MB "
                f"| {figures['seconds']:>7.2f} | {figures['peak_bytes'] / 1e6:>7.1f} |"
            )
            outcomes.append((label, figures["outcome"]))
        print()
        for label, outcome in outcomes:
            print(f"{label}: {outcome}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        read_one(sys.argv[2])
    else:
        main()
