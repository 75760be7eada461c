"""Helpers for import tests: small files written in the test that uses them."""

from __future__ import annotations

import csv
import io

import pytest

from imports.definitions import ImportOptions, get_definition
from imports.report import ImportReport
from imports.services import run_import
from provinces.codes import COMMUNE, DISTRICT, VILLAGE

VILLAGE_HEADER = [
    "province_code",
    "district_code",
    "commune_code",
    "village_code",
    "village_kh",
    "village_en",
]


def csv_file(header: list[str], rows: list[list[str]], *, bom: bool = True, crlf=False) -> bytes:
    """A CSV file as the Ministry publishes one: UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def villages_file(rows: list[list[str]], **kwargs) -> bytes:
    return csv_file(VILLAGE_HEADER, rows, **kwargs)


def village(code: str, name_en: str = "Phum", name_km: str = "ភូមិ", commune: str | None = None):
    """A village row; the commune, district and province codes follow from the code."""
    commune = commune or VILLAGE.parent_code(code)
    district = COMMUNE.parent_code(commune)
    return [DISTRICT.parent_code(district), district, commune, code, name_km, name_en]


def do_import(dataset: str, data: bytes, *, file_name="upload.csv", **options) -> ImportReport:
    dry_run = options.pop("dry_run", False)
    user = options.pop("user", None)
    return run_import(
        get_definition(dataset),
        data,
        file_name,
        options=ImportOptions(**options),
        dry_run=dry_run,
        user=user,
    )


def messages(report: ImportReport) -> list[str]:
    return [str(problem) for problem in report.problems]


@pytest.fixture
def commune(db):
    from tests.factories import CommuneFactory

    return CommuneFactory(code="210401", name_en="Kirivong commune")
