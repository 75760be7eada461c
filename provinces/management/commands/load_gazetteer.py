"""Load Cambodia's national gazetteer (the Ministry's 2025 lists). Safe to run twice."""

from django.core.management.base import BaseCommand
from django.db import transaction

from imports.definitions import ImportOptions
from imports.models import ImportLog
from imports.report import ImportReport
from imports.services import checksum, log_import
from provinces import gazetteer
from provinces.models import Commune, District, Province, Village
from provinces.services import sync_divisions, sync_villages


class Command(BaseCommand):
    help = (
        "Load all provinces, districts, communes and villages from the Ministry of "
        "Economy and Finance's 2025 lists. Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            results = {
                "provinces": sync_divisions(Province, gazetteer.province_rows()),
                "districts": sync_divisions(District, gazetteer.district_rows()),
                "communes": sync_divisions(Commune, gazetteer.commune_rows()),
                "villages": sync_villages(gazetteer.village_rows(), create_missing_communes=True),
            }
            for level, result in results.items():
                self.log(level, result)
        for level, result in results.items():
            self.stdout.write(
                f"{level}: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged"
            )
        for placeholder in results["villages"].placeholders_created:
            self.stdout.write(
                self.style.WARNING(
                    f"{placeholder} is named by villages but missing from the Ministry's "
                    f"{placeholder.level} list: created as a flagged placeholder"
                )
            )
        flagged = Village.objects.flagged().count()
        self.stdout.write(
            f"{flagged} villages break the coding convention and are flagged for review "
            "(admin: Data quality: flagged villages)."
        )
        self.stdout.write(gazetteer.ATTRIBUTION)

    def log(self, level: str, result) -> None:
        """Record the load in the import log, like any confirmed import of the same file."""
        data = gazetteer.source_bytes(level)
        report = ImportReport(
            dataset=level,
            file_name=gazetteer.FILES[level],
            checksum=checksum(data),
            dry_run=False,
            rows=result.total,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            placeholders=[str(placeholder) for placeholder in result.placeholders_created],
        )
        log_import(
            report,
            user=None,
            source=ImportLog.Source.COMMAND,
            options=ImportOptions(create_missing_parents=level == "villages"),
        )
