"""Load the demo recognition: an example scheme and two sample rounds. Safe to run twice."""

from django.core.management.base import BaseCommand, CommandError

from demo.recognition import load_demo_recognition
from products.models import Product


class Command(BaseCommand):
    help = (
        "Load an example assessment scheme modelled on Vietnam's OCOP Decision 148, a closed "
        "Takeo round with recognised sample products and an open national round. Needs "
        "the demo content (load_demo_content) first."
    )

    def handle(self, *args, **options) -> None:
        if not Product.objects.filter(is_sample=True).exists():
            raise CommandError(
                "The demo products are not loaded: run `manage.py load_demo_content` first."
            )
        counts = load_demo_recognition()
        self.stdout.write(
            "demo recognition: "
            + ", ".join(f"{count} {name}" for name, count in counts.items())
            + " (an example scheme; rounds and certificates are marked as sample data)"
        )
