"""Load the demo content (the news item's facts and sample products). Safe to run twice."""

from django.core.management.base import BaseCommand, CommandError

from demo.services import load_demo_content
from provinces.models import District, Province


class Command(BaseCommand):
    help = (
        "Load the programme's starting facts (Takeo model province, Kirivong "
        "demonstration centre, the national forum and follow-up workshop) and sample "
        "producers and products. Needs the gazetteer (load_gazetteer) first."
    )

    def handle(self, *args, **options) -> None:
        if not (Province.objects.filter(code="21").exists() and District.objects.exists()):
            raise CommandError(
                "The gazetteer is not loaded: run `manage.py load_gazetteer` first."
            )
        counts = load_demo_content()
        self.stdout.write(
            "demo content: "
            + ", ".join(f"{count} {name}" for name, count in counts.items())
            + " (producers and products are marked as sample data)"
        )
