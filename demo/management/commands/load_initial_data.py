"""Load the national gazetteer, then the demo content. Safe to run twice."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the national gazetteer and the demo content; running it again changes nothing."

    def handle(self, *args, **options) -> None:
        call_command("load_gazetteer", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_content", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_recognition", stdout=self.stdout, stderr=self.stderr)
