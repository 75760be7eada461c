"""Load Cambodia's national gazetteer (the Ministry's 2025 lists). Safe to run twice.

The files go through the same reader, checks and writer as `import_data` (see
provinces.gazetteer.load), and each is recorded in the import log.
"""

from django.core.management.base import BaseCommand, CommandError

from provinces import gazetteer
from provinces.models import Village


class Command(BaseCommand):
    help = (
        "Load all provinces, districts, communes and villages from the Ministry of "
        "Economy and Finance's 2025 lists. Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        try:
            reports = gazetteer.load()
        except gazetteer.GazetteerRefused as refusal:
            raise CommandError(f"Nothing was loaded. {refusal}") from refusal
        for level, report in reports.items():
            self.stdout.write(
                f"{level}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged"
            )
        for placeholder in reports["villages"].placeholders:
            level = placeholder.split()[0]
            self.stdout.write(
                self.style.WARNING(
                    f"{placeholder} is named by villages but missing from the Ministry's "
                    f"{level} list: created as a flagged placeholder"
                )
            )
        flagged = Village.objects.flagged().count()
        self.stdout.write(
            f"{flagged} villages break the coding convention and are flagged for review "
            "(admin: Data quality: flagged villages)."
        )
        self.stdout.write(gazetteer.ATTRIBUTION)
