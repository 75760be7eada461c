"""`manage.py generate_catalogue [--products N]`: a national catalogue of sample products
for benchmarks (see demo/catalogue.py); safe to run again."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.catalogue import generate_catalogue, sample_products


class Command(BaseCommand):
    help = "Top the catalogue up to N published sample products across the country."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--products", type=int, default=20_000)

    def handle(self, *args, products: int, **options) -> None:
        try:
            made = generate_catalogue(products)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if made and connection.vendor == "postgresql":
            # Fresh planner statistics, or the first queries plan for an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE products_product, products_producer")
        self.stdout.write(f"Made {made:,} sample products; {sample_products():,} in all.")
